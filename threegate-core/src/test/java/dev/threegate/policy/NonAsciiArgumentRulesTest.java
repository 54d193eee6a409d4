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

import static dev.threegate.request.Requests.parse;
import static dev.threegate.request.Requests.withCommand;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.problem.Violation;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Non-ASCII letters in arguments, where the policy allows them: never in a word that also holds an
 * ASCII letter when they belong to a script whose letters look like Latin ones; the first and the
 * last ASCII letter of each case count as ASCII letters, the characters beside them do not. The
 * message says which rule refused the character.
 */
class NonAsciiArgumentRulesTest {
  private static final PolicyValidator DEFAULTS = PolicyValidator.of(Policy.defaults());
  private static final PolicyValidator LETTERS =
      PolicyValidator.of(Policy.defaults().newBuilder().allowNonAsciiArguments(true).build());

  private static List<Violation> violations(PolicyValidator validator, String command) {
    return validator.validate(parse(withCommand(command))).violations();
  }

  @ParameterizedTest
  @ValueSource(strings = {"aα", "zα", "Aα", "Zα", "αa", "mα"})
  void refusesALookAlikeLetterBesideAnAsciiLetter(String word) {
    assertThat(violations(LETTERS, "python3 /in/a.py " + word))
        .extracting(Violation::code, Violation::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "command.non_ascii",
                "the command holds U+03B1; only non-ASCII letters and digits are allowed in arguments, and never"
                    + " letters of a look-alike script mixed with ASCII letters in one word"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"@α", "[α", "`α", "{α", "1α", "αβγ", "_α", "aé"})
  void acceptsALookAlikeLetterBesideCharactersThatAreNotAsciiLetters(String word) {
    // ` is the start of a shell substitution and refused as such, never as non-ASCII
    assertThat(violations(LETTERS, "python3 /in/a.py " + word))
        .extracting(Violation::code)
        .doesNotContain("command.non_ascii");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "letters|pythön3 /in/a.py|the program name holds U+00F6; a program is named in ASCII",
    "defaults|python3 /in/a.py é|the command holds U+00E9; the command is printable ASCII (the policy's"
        + " allow_non_ascii_arguments is off)",
    "letters|python3 /in/a.py --é|the command holds U+00E9; an option is written in ASCII",
    "letters|python3 /in/a.py ©|the command holds U+00A9; only non-ASCII letters and digits are allowed in"
        + " arguments, and never letters of a look-alike script mixed with ASCII letters in one word"
  })
  void saysWhichRuleRefusedTheCharacter(String policy, String command, String message) {
    assertThat(violations(policy.equals("letters") ? LETTERS : DEFAULTS, command))
        .filteredOn(v -> v.code().equals("command.non_ascii"))
        .extracting(Violation::message)
        .containsExactly(message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\uFFFDpython3 /in/a.py", "python3\uFFFD /in/a.py", "python3 /in/a.py \uFFFD", "python3 /in/a.py x\uFFFDy"})
  void refusesTheReplacementCharacterWhereverItStands(String command) {
    assertThat(violations(DEFAULTS, command))
        .extracting(Violation::code, Violation::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "command.non_ascii",
                "the command holds U+FFFD; the command is printable ASCII (the policy's allow_non_ascii_arguments is off)"));
    assertThat(violations(LETTERS, command))
        .extracting(Violation::code, Violation::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "command.non_ascii", "the command holds U+FFFD; only non-ASCII letters and digits are allowed in arguments"));
  }
}
