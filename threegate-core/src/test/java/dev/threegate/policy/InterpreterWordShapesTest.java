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

/**
 * The exact shapes of the interpreter words that fetch a module or run another program: Go's
 * {@code module@version} has a host before the first {@code /}, so a word that starts with
 * {@code @}, {@code /} or {@code .} is not one; Ruby's {@code S} may come anywhere in a cluster of
 * short options.
 */
class InterpreterWordShapesTest {
  private static final PolicyValidator DEFAULTS = PolicyValidator.of(Policy.defaults());

  private static List<String> codes(String language, String command) {
    String text = withCommand(command).replace("language: python", "language: " + language);
    return DEFAULTS.validate(parse(text)).violations().stream().map(Violation::code).distinct().toList();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
    "go|go run a.b/c@v1|command.package_install",
    "go|go build x.org/y@latest|command.package_install",
    "ruby|ruby -S x|command.language_mismatch",
    "ruby|ruby -wSx|command.language_mismatch",
    "ruby|ruby -Sw x|command.language_mismatch"
  })
  void refuses(String language, String command, String expected) {
    assertThat(codes(language, command)).containsExactly(expected);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
    "go|go build @a/b.c",
    "go|go build /in/x@v1.2",
    "go|go build .x/y@v1",
    "go|go build a@b/c",
    "go|go build a/b@c",
    "ruby|ruby -w /in/S.rb",
    "ruby|ruby --Sx /in/a.rb"
  })
  void accepts(String language, String command) {
    assertThat(codes(language, command)).isEmpty();
  }
}
