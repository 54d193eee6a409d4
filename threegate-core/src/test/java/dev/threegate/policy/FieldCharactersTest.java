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

import static dev.threegate.policy.SecretScanTest.with;
import static dev.threegate.request.Requests.TYPICAL;
import static dev.threegate.request.Requests.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.threegate.problem.Violation;
import dev.threegate.request.ExpectedOutput;
import dev.threegate.request.InputFile;
import dev.threegate.request.ToolRequest;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code field.invisible_character}: the fields that reach the Tool Result hold no space but
 * U+0020 and nothing invisible (docs/requests.md), each field checked and named on its own.
 */
class FieldCharactersTest {
  private static final PolicyValidator DEFAULTS = PolicyValidator.of(Policy.defaults());
  private static final ToolRequest CLEAN = parse(TYPICAL);
  private static final String SHA = CLEAN.inputs().get(0).sha256();

  private static Arguments field(String where, BiFunction<ToolRequest, String, ToolRequest> apply) {
    return Arguments.of(where, apply);
  }

  static Stream<Arguments> fields() {
    return Stream.of(
        field("request_id", (r, c) -> with(r, r.command(), "TR-a" + c + "b", r.requestedBy(), r.approvedBy(), r.purpose(),
            r.networkAllowlist(), r.constraints(), r.inputs(), r.outputsExpected(), r.sections())),
        field("requested_by", (r, c) -> with(r, r.command(), r.requestId(), "human" + c, r.approvedBy(), r.purpose(),
            r.networkAllowlist(), r.constraints(), r.inputs(), r.outputsExpected(), r.sections())),
        field("approved_by", (r, c) -> with(r, r.command(), r.requestId(), r.requestedBy(), "j." + c + "doe", r.purpose(),
            r.networkAllowlist(), r.constraints(), r.inputs(), r.outputsExpected(), r.sections())),
        field("purpose", (r, c) -> with(r, r.command(), r.requestId(), r.requestedBy(), r.approvedBy(), "Stats" + c + ".",
            r.networkAllowlist(), r.constraints(), r.inputs(), r.outputsExpected(), r.sections())),
        field("network_allowlist[1]", (r, c) -> with(r, r.command(), r.requestId(), r.requestedBy(), r.approvedBy(),
            r.purpose(), List.of("pypi.org", "files" + c + ".pythonhosted.org"), r.constraints(), r.inputs(),
            r.outputsExpected(), r.sections())),
        field("constraints[1]", (r, c) -> with(r, r.command(), r.requestId(), r.requestedBy(), r.approvedBy(), r.purpose(),
            r.networkAllowlist(), List.of("offline", "no" + c + "writes"), r.inputs(), r.outputsExpected(), r.sections())),
        field("inputs[1].name", (r, c) -> with(r, r.command(), r.requestId(), r.requestedBy(), r.approvedBy(), r.purpose(),
            r.networkAllowlist(), r.constraints(), List.of(r.inputs().get(0), new InputFile("b" + c + ".csv", SHA)),
            r.outputsExpected(), r.sections())),
        field("inputs[0].sha256", (r, c) -> with(r, r.command(), r.requestId(), r.requestedBy(), r.approvedBy(),
            r.purpose(), r.networkAllowlist(), r.constraints(), List.of(new InputFile("data.csv", SHA + c)),
            r.outputsExpected(), r.sections())),
        field("outputs_expected[0].path", (r, c) -> with(r, r.command(), r.requestId(), r.requestedBy(), r.approvedBy(),
            r.purpose(), r.networkAllowlist(), r.constraints(), r.inputs(),
            List.of(new ExpectedOutput("/out/stats" + c + ".json", "stats")), r.sections())),
        field("outputs_expected[0].description", (r, c) -> with(r, r.command(), r.requestId(), r.requestedBy(),
            r.approvedBy(), r.purpose(), r.networkAllowlist(), r.constraints(), r.inputs(),
            List.of(new ExpectedOutput("/out/stats.json", "mean" + c + "median")), r.sections())));
  }

  private static List<Violation> invisible(ToolRequest request) {
    return DEFAULTS.validate(request).violations().stream()
        .filter(v -> v.code().equals("field.invisible_character"))
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fields")
  void findsAnInvisibleCharacterInEachField(String where, BiFunction<ToolRequest, String, ToolRequest> apply) {
    for (String c : List.of("\u00a0", "\u200b", "\u0000", "\u2028")) {
      assertThat(invisible(apply.apply(CLEAN, c)))
          .as("U+%04X in %s", (int) c.charAt(0), where)
          .extracting(Violation::code, Violation::where)
          .containsExactly(tuple("field.invisible_character", where));
    }
    assertThat(invisible(apply.apply(CLEAN, ""))).isEmpty();
  }

  @Test
  void lineBreaksOnlyInTheTextsThatMaySpanLines() {
    assertThat(invisible(with(CLEAN, CLEAN.command(), CLEAN.requestId(), CLEAN.requestedBy(), CLEAN.approvedBy(),
        "two\nlines", List.of(), List.of("one\ntwo"), CLEAN.inputs(),
        List.of(new ExpectedOutput("/out/stats.json", "a\nb")), CLEAN.sections()))).isEmpty();
    assertThat(invisible(with(CLEAN, CLEAN.command(), CLEAN.requestId(), CLEAN.requestedBy(), "j.doe\nroot",
        CLEAN.purpose(), List.of(), List.of(), CLEAN.inputs(), CLEAN.outputsExpected(), CLEAN.sections())))
        .extracting(Violation::where).containsExactly("approved_by");
  }

  @Test
  void aPlainSpaceIsFineInNamesAndPaths() {
    ToolRequest spaced = with(CLEAN, CLEAN.command(), CLEAN.requestId(), CLEAN.requestedBy(), "Jane Doe", CLEAN.purpose(),
        List.of(), List.of(), List.of(new InputFile("my data.csv", SHA)),
        List.of(new ExpectedOutput("/out/my stats.json", "stats")), CLEAN.sections());
    assertThat(DEFAULTS.validate(spaced).violations()).isEmpty();
  }

  @Test
  void anInputNameHasAtMost255Characters() {
    ToolRequest longest = with(CLEAN, CLEAN.command(), CLEAN.requestId(), CLEAN.requestedBy(), CLEAN.approvedBy(),
        CLEAN.purpose(), List.of(), List.of(), List.of(new InputFile("a".repeat(251) + ".csv", SHA)),
        CLEAN.outputsExpected(), CLEAN.sections());
    assertThat(DEFAULTS.validate(longest).violations()).isEmpty();
    ToolRequest tooLong = with(CLEAN, CLEAN.command(), CLEAN.requestId(), CLEAN.requestedBy(), CLEAN.approvedBy(),
        CLEAN.purpose(), List.of(), List.of(), List.of(new InputFile("a".repeat(252) + ".csv", SHA)),
        CLEAN.outputsExpected(), CLEAN.sections());
    assertThat(DEFAULTS.validate(tooLong).violations()).extracting(Violation::code, Violation::where)
        .containsExactly(tuple("input.name_invalid", "inputs[0].name"));
  }

  @Test
  void aControlCharacterMakesAnInputNameOrOutputPathInvalid() {
    ToolRequest request = with(CLEAN, CLEAN.command(), CLEAN.requestId(), CLEAN.requestedBy(), CLEAN.approvedBy(),
        CLEAN.purpose(), List.of(), List.of(), List.of(new InputFile("a\u001fb.csv", SHA)),
        List.of(new ExpectedOutput("/out/a\u001fb.json", "x")), CLEAN.sections());
    assertThat(DEFAULTS.validate(request).violations()).extracting(Violation::code)
        .contains("input.name_invalid", "output.path_invalid");
  }
}
