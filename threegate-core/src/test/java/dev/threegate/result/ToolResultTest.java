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
package dev.threegate.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threegate.request.Section;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolResultTest {
  private static final String SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  private static ToolResult.Builder minimal() {
    return ToolResult.builder()
        .sourceName("TRES-1.md")
        .resultId("TRES-1")
        .createdUtc(Instant.parse("2026-01-01T00:00:00Z"))
        .requestId("TR-1")
        .executor("ERA")
        .backend("era")
        .networkUsed("none")
        .stdoutSha256("")
        .stderrSha256("");
  }

  @Test
  void aBuilderLeavesNumbersZeroAndListsAndOptionalFieldsEmptyUnlessSet() {
    ToolResult result = minimal().build();
    assertThat(result.exitCode()).isZero();
    assertThat(result.runtimeSec()).isZero();
    assertThat(result.networkDestinations()).isEmpty();
    assertThat(result.artifacts()).isEmpty();
    assertThat(result.status()).isEmpty();
    assertThat(result.requestSha256()).isEmpty();
    assertThat(result.networkEnforcement()).isEmpty();
    assertThat(result.sections()).isEmpty();
  }

  @Test
  void newBuilderMakesAnEqualResultAndVariantsDiffer() {
    ToolResult result = minimal()
        .exitCode(2)
        .runtimeSec(1.5)
        .artifacts(List.of(new ResultArtifact("/out/a.txt", SHA, 0)))
        .status(Optional.of("nonzero_exit"))
        .sections(List.of(new Section("Stdout", 12, "hi")))
        .build();
    assertThat(result.newBuilder().build()).isEqualTo(result).hasSameHashCodeAs(result).hasToString(result.toString());
    assertThat(result.newBuilder().runtimeSec(1.25).build()).isNotEqualTo(result);
    assertThat(result.section("Stdout")).map(Section::text).contains("hi");
    assertThat(result.toString()).startsWith("ToolResult[sourceName=TRES-1.md").contains("exitCode=2");
  }

  @Test
  void refusesMissingValuesAndCopiesLists() {
    assertThatThrownBy(() -> minimal().status(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ToolResult.builder().sourceName("x").build()).isInstanceOf(NullPointerException.class)
        .hasMessage("resultId");
    dev.threegate.exec.NetworkDestination destination =
        dev.threegate.exec.NetworkDestination.builder()
            .host("pypi.org").port(443).allowed(true).bytesOut(10).bytesIn(20).firstSeen(java.time.Instant.EPOCH).build();
    java.util.List<dev.threegate.exec.NetworkDestination> destinations = new java.util.ArrayList<>(List.of(destination));
    ToolResult.Builder builder = minimal().networkDestinations(destinations);
    destinations.add(dev.threegate.exec.NetworkDestination.builder()
            .host("b.example").port(80).reason("not_allowlisted").firstSeen(java.time.Instant.EPOCH).build());
    assertThat(builder.build().networkDestinations()).containsExactly(destination);
  }
}
