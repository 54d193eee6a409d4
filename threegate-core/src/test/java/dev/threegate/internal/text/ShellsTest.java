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
package dev.threegate.internal.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threegate.policy.Policy;
import dev.threegate.policy.PolicyValidator;
import dev.threegate.problem.Violation;
import dev.threegate.request.RequestFormatException;
import dev.threegate.request.Requests;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every place that refuses a shell refuses every shell of the one list. */
class ShellsTest {
  private static final PolicyValidator DEFAULTS = PolicyValidator.of(Policy.defaults());

  static Stream<String> shells() {
    return Shells.NAMES.stream().sorted();
  }

  static Stream<String> shellTextRunners() {
    return Stream.concat(shells(), Shells.SHELL_TEXT_RUNNERS.stream().sorted());
  }

  private static List<Violation> violations(String requestText) {
    return DEFAULTS.validate(Requests.parse(requestText)).violations();
  }

  @ParameterizedTest
  @MethodSource("shellTextRunners")
  void theCommandRulesRefuseTheShellAsTheProgram(String shell) {
    assertThat(violations(Requests.withCommand(shell + " -c id"))).extracting(Violation::code).contains("command.shell");
    assertThat(violations(Requests.withCommand("/usr/bin/" + shell + " -c id"))).extracting(Violation::code)
        .contains("command.shell");
  }

  @ParameterizedTest
  @MethodSource("shellTextRunners")
  void theCommandRulesRefuseTheShellStartedByALauncher(String shell) {
    assertThat(violations(Requests.withCommand("timeout 5 " + shell + " -c id")))
        .anySatisfy(v -> assertThat(v.message()).isEqualTo("the command starts a shell ('" + shell + "')"));
  }

  @ParameterizedTest
  @MethodSource("shells")
  void theInterpreterRulesRefuseInlineCodeThatNamesTheShell(String shell) {
    // Ruby's exec is no spawner the rules know: only the shell's name gives it away
    String ruby = Requests.withCommand("ruby -e \"exec '" + shell + "'\"").replace("language: python", "language: ruby");
    assertThat(violations(ruby))
        .anySatisfy(v -> assertThat(v.message()).isEqualTo("the inline code starts a shell or another program"));
    String harmless = Requests.withCommand("ruby -e \"puts 'hello'\"").replace("language: python", "language: ruby");
    assertThat(violations(harmless)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("shells")
  void theRequestParserRefusesTheShellAsTheLanguage(String shell) {
    assertThatThrownBy(() -> Requests.parse(Requests.typicalWith("language: python", "language: " + shell)))
        .isInstanceOfSatisfying(RequestFormatException.class,
            e -> assertThat(e.problems()).extracting(Violation::code).contains("language.shell"));
  }
}
