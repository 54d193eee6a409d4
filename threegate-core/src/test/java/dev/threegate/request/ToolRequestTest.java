/*
 * Copyright 2026 The ThreeGate authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package dev.threegate.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolRequestTest {
  private final ToolRequest typical = Requests.parse(Requests.TYPICAL);

  @Test
  void newBuilderMakesAnEqualRequestAndVariantsChangeOnlyWhatIsSet() {
    ToolRequest copy = typical.newBuilder().build();
    assertThat(copy).isEqualTo(typical).hasSameHashCodeAs(typical).hasToString(typical.toString());
    ToolRequest other = typical.newBuilder().requestId("TR-other").build();
    assertThat(other).isNotEqualTo(typical);
    assertThat(other.requestId()).isEqualTo("TR-other");
    assertThat(other.newBuilder().requestId(typical.requestId()).build()).isEqualTo(typical);
    assertThat(typical.toString()).startsWith("ToolRequest[sourceName=").contains("requestId=" + typical.requestId());
  }

  @Test
  void parsingTheSameBytesTwiceGivesEqualRequests() {
    assertThat(Requests.parse(Requests.TYPICAL)).isEqualTo(typical).hasSameHashCodeAs(typical);
  }

  @Test
  void copiesItsListsAndRefusesMissingValues() {
    List<String> constraints = new ArrayList<>(List.of("no network"));
    ToolRequest.Builder builder = typical.newBuilder().constraints(constraints);
    constraints.add("later");
    ToolRequest request = builder.build();
    assertThat(request.constraints()).containsExactly("no network");
    assertThatThrownBy(() -> request.constraints().add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> typical.newBuilder().command(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> typical.newBuilder().approvedUtc(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> typical.newBuilder().inputs(java.util.Arrays.asList((InputFile) null)))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ToolRequest.builder().sourceName("x").build()).isInstanceOf(NullPointerException.class)
        .hasMessage("sourceSha256");
  }

  @Test
  void aBuilderLeavesTheListsAndTheApprovalTimeEmptyUnlessSet() {
    ToolRequest minimal = ToolRequest.builder()
        .sourceName(typical.sourceName())
        .sourceSha256(typical.sourceSha256())
        .requestId(typical.requestId())
        .createdUtc(typical.createdUtc())
        .requestedBy(typical.requestedBy())
        .approvedBy("")
        .purpose(typical.purpose())
        .backend(typical.backend())
        .language(typical.language())
        .network(typical.network())
        .limits(typical.limits())
        .command(typical.command())
        .riskAssessment(typical.riskAssessment())
        .build();
    assertThat(minimal.approvedUtc()).isEqualTo(Optional.empty());
    assertThat(minimal.networkAllowlist()).isEmpty();
    assertThat(minimal.inputs()).isEmpty();
    assertThat(minimal.outputsExpected()).isEmpty();
    assertThat(minimal.constraints()).isEmpty();
    assertThat(minimal.sections()).isEmpty();
    assertThat(minimal.section("Command")).isEmpty();
  }
}
