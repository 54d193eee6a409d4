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
package dev.threegate.policy;

import static dev.threegate.request.Requests.TYPICAL;
import static dev.threegate.request.Requests.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.threegate.problem.Violation;
import dev.threegate.request.ExpectedOutput;
import dev.threegate.request.InputFile;
import dev.threegate.request.Section;
import dev.threegate.request.ToolRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code secret.embedded}: no field or section of a request may carry a secret (docs/requests.md),
 * each field checked on its own and named in the violation.
 */
class SecretScanTest {
  private static final String SECRET = "AKIAABCDEFGHIJKLMNOP";
  private static final PolicyValidator DEFAULTS = PolicyValidator.of(Policy.defaults());
  private static final ToolRequest CLEAN = parse(TYPICAL);

  private record Change(String field, UnaryOperator<ToolRequest> apply) {
    @Override
    public String toString() {
      return field;
    }
  }

  static ToolRequest with(ToolRequest r, String command, String requestId, String requestedBy, String approvedBy,
      String purpose, List<String> allowlist, List<String> constraints, List<InputFile> inputs,
      List<ExpectedOutput> outputs, List<Section> sections) {
    return r.newBuilder().requestId(requestId).requestedBy(requestedBy).approvedBy(approvedBy).purpose(purpose)
        .networkAllowlist(allowlist).inputs(inputs).outputsExpected(outputs).constraints(constraints).command(command)
        .sections(sections).build();
  }

  private static Change field(String name, UnaryOperator<ToolRequest> apply) {
    return new Change(name, apply);
  }

  private static List<Section> sectionWithSecret(ToolRequest r, String title) {
    List<Section> sections = new ArrayList<>();
    for (Section s : r.sections()) {
      sections.add(s.title().equals(title) ? new Section(s.title(), s.line(), s.text() + "\nkey id " + SECRET) : s);
    }
    return sections;
  }

  static Stream<Arguments> fields() {
    ToolRequest c = CLEAN;
    return Stream.of(
        field("command", r -> with(r, "python /in/stats.py " + SECRET, r.requestId(), r.requestedBy(), r.approvedBy(),
            r.purpose(), r.networkAllowlist(), r.constraints(), r.inputs(), r.outputsExpected(), r.sections())),
        field("request_id", r -> with(r, r.command(), "TR-" + SECRET, r.requestedBy(), r.approvedBy(),
            r.purpose(), r.networkAllowlist(), r.constraints(), r.inputs(), r.outputsExpected(), r.sections())),
        field("requested_by", r -> with(r, r.command(), r.requestId(), SECRET, r.approvedBy(),
            r.purpose(), r.networkAllowlist(), r.constraints(), r.inputs(), r.outputsExpected(), r.sections())),
        field("approved_by", r -> with(r, r.command(), r.requestId(), r.requestedBy(), "j.doe " + SECRET,
            r.purpose(), r.networkAllowlist(), r.constraints(), r.inputs(), r.outputsExpected(), r.sections())),
        field("purpose", r -> with(r, r.command(), r.requestId(), r.requestedBy(), r.approvedBy(),
            "Statistics; the key is " + SECRET, r.networkAllowlist(), r.constraints(), r.inputs(), r.outputsExpected(),
            r.sections())),
        field("network_allowlist", r -> with(r, r.command(), r.requestId(), r.requestedBy(), r.approvedBy(),
            r.purpose(), List.of("pypi.org", SECRET + ".example.com"), r.constraints(), r.inputs(),
            r.outputsExpected(), r.sections())),
        field("constraints", r -> with(r, r.command(), r.requestId(), r.requestedBy(), r.approvedBy(),
            r.purpose(), r.networkAllowlist(), List.of("no network", "use " + SECRET), r.inputs(), r.outputsExpected(),
            r.sections())),
        field("inputs[1]", r -> with(r, r.command(), r.requestId(), r.requestedBy(), r.approvedBy(),
            r.purpose(), r.networkAllowlist(), r.constraints(),
            List.of(r.inputs().get(0), new InputFile(SECRET + ".csv", r.inputs().get(0).sha256())),
            r.outputsExpected(), r.sections())),
        field("outputs_expected[0]", r -> with(r, r.command(), r.requestId(), r.requestedBy(), r.approvedBy(),
            r.purpose(), r.networkAllowlist(), r.constraints(), r.inputs(),
            List.of(new ExpectedOutput("/out/stats.json", "keyed by " + SECRET)), r.sections())),
        field("outputs_expected[0]", r -> with(r, r.command(), r.requestId(), r.requestedBy(), r.approvedBy(),
            r.purpose(), r.networkAllowlist(), r.constraints(), r.inputs(),
            List.of(new ExpectedOutput("/out/" + SECRET + ".json", "stats")), r.sections())),
        field("## Input Files", r -> with(r, r.command(), r.requestId(), r.requestedBy(), r.approvedBy(),
            r.purpose(), r.networkAllowlist(), r.constraints(), r.inputs(), r.outputsExpected(),
            sectionWithSecret(r, "Input Files"))),
        field("## Output Expectations", r -> with(r, r.command(), r.requestId(), r.requestedBy(), r.approvedBy(),
            r.purpose(), r.networkAllowlist(), r.constraints(), r.inputs(), r.outputsExpected(),
            sectionWithSecret(r, "Output Expectations"))),
        field("## Risk Assessment", r -> with(r, r.command(), r.requestId(), r.requestedBy(), r.approvedBy(),
            r.purpose(), r.networkAllowlist(), r.constraints(), r.inputs(), r.outputsExpected(),
            sectionWithSecret(r, "Risk Assessment"))))
        .map(change -> Arguments.of(change, c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fields")
  void findsASecretInEachFieldAndNamesTheField(Change change, ToolRequest clean) {
    assertThat(secrets(clean)).isEmpty();
    assertThat(secrets(change.apply().apply(clean)))
        .extracting(Violation::code, Violation::where)
        .containsExactly(tuple("secret.embedded", change.field()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fields")
  void namesTheShapeButNotTheSecret(Change change, ToolRequest clean) {
    assertThat(secrets(change.apply().apply(clean)))
        .singleElement()
        .satisfies(v -> assertThat(v.message()).contains("AWS access key id").doesNotContain(SECRET));
  }

  private static List<Violation> secrets(ToolRequest request) {
    return DEFAULTS.validate(request).violations().stream().filter(v -> v.code().equals("secret.embedded")).toList();
  }
}
