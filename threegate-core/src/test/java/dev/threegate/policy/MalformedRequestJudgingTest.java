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

import dev.threegate.problem.Verdict;
import dev.threegate.problem.Violation;
import dev.threegate.request.RequestFormatException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A malformed request's rejection: the parser's problems first, then the validator's violations on
 * the partial request, without one that repeats a parser problem's code and without one that only
 * judges a placeholder the parser left where it could not read a field.
 */
class MalformedRequestJudgingTest {

  private static Violation v(String code, String where) {
    return new Violation(code, where, code + " at " + where);
  }

  /** The codes of the rejection when the parser found {@code problems} and the validator says {@code said}. */
  private static List<String> judged(List<Violation> problems, Violation... said) {
    RequestFormatException malformed = new RequestFormatException("r.md", problems, parse(TYPICAL));
    PolicyValidator validator = request -> Verdict.of(Arrays.asList(said));
    return validator.validateMalformed(malformed).violations().stream().map(Violation::code).toList();
  }

  @Test
  void aViolationThatRepeatsAParserProblemIsListedOnce() {
    assertThat(judged(List.of(v("command.markup", "line 19")), v("command.markup", "command"), v("command.host_path", "command")))
        .containsExactly("command.markup", "command.host_path");
  }

  @Test
  void aFieldTheParserCouldNotReadIsNotJudgedAgain() {
    assertThat(judged(List.of(v("field.type", "line 4, cpu_limit"), v("field.type", "line 15, inputs")),
            v("limits.cpu", "cpu_limit"), v("inputs.x", "inputs[0]"), v("a.b", "cpu_limit.x"), v("limits.memory", "memory_limit_mb")))
        .containsExactly("field.type", "field.type", "limits.memory");
  }

  @Test
  void anUnreadLanguageLeavesOutTheRulesThatCompareTheLanguage() {
    assertThat(judged(List.of(v("language.unknown", "line 11")),
            v("command.language_mismatch", "command"), v("backend.language_unsupported", "backend"),
            v("command.host_path", "command")))
        .containsExactly("language.unknown", "command.host_path");
  }

  @Test
  void aReadLanguageKeepsThem() {
    assertThat(judged(List.of(v("field.type", "line 4, cpu_limit")),
            v("command.language_mismatch", "command"), v("backend.language_unsupported", "language")))
        .containsExactly("field.type", "command.language_mismatch", "backend.language_unsupported");
  }

  @Test
  void anUnreadBackendLeavesOutEveryBackendRule() {
    assertThat(judged(List.of(v("backend.unknown", "line 10")),
            v("backend.limits_unenforceable", "limits"), v("backend.language_unsupported", "language"),
            v("command.host_path", "command")))
        .containsExactly("backend.unknown", "command.host_path");
    assertThat(judged(List.of(v("field.type", "line 4, cpu_limit")), v("backend.limits_unenforceable", "limits")))
        .containsExactly("field.type", "backend.limits_unenforceable");
  }

  @Test
  void anUnreadCommandIsNotMissing() {
    assertThat(judged(List.of(v("section.duplicate", "line 20")),
            v("command.missing", "command"), v("risk.level_missing", "## Risk Assessment"), v("command.chaining", "command")))
        .containsExactly("section.duplicate", "command.chaining");
    assertThat(judged(List.of(v("command.multiple", "line 20")), v("command.missing", "command"), v("risk.level_missing", "r")))
        .containsExactly("command.multiple");
    assertThat(judged(List.of(v("field.type", "line 4, cpu_limit")), v("command.missing", "command"), v("risk.level_missing", "r")))
        .containsExactly("field.type", "command.missing", "risk.level_missing");
  }
}
