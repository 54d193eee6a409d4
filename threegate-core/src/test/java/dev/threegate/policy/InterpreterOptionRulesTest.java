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
import static dev.threegate.request.Requests.typicalWith;
import static dev.threegate.request.Requests.withCommand;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.problem.Violation;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the interpreters' own options do (docs/requests.md, "interpreter options"): install
 * packages, run another program, run inline code that starts one; read from the words exactly.
 */
class InterpreterOptionRulesTest {
  private static final PolicyValidator DEFAULTS = PolicyValidator.of(Policy.defaults());

  private static List<String> codes(String language, String command) {
    String text = withCommand(command);
    if (!language.equals("python")) {
      text = text.replace("language: python", "language: " + language);
    }
    return DEFAULTS.validate(parse(text)).violations().stream().map(Violation::code).distinct().toList();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
    "go|go get example.com/x|command.package_install",
    "go|go install example.com/x|command.package_install",
    "go|go build -mod=mod ./x|command.package_install",
    "go|go mod download|command.package_install",
    "go|go mod tidy|command.package_install",
    "go|go mod vendor|command.package_install",
    "go|go run example.com/x@v1.2.3|command.package_install",
    "python|python3 -m pip list|command.package_install",
    "python|python3 -mpip list|command.package_install",
    "python|python3 -Im pip list|command.package_install",
    "python|python3 -m pip.main list|command.package_install",
    "python|python3 -Im ensurepip|command.package_install",
    "python|python3 -m venv --upgrade-deps /tmp/v|command.package_install",
    "python|python3 -m timeit -s x os.system|command.shell",
    "python|python3 -c import_os;os.system|command.chaining;command.shell",
    "ruby|ruby -S rake|command.language_mismatch",
    "ruby|ruby -wS rake|command.language_mismatch",
    "node|node --run build|command.language_mismatch",
    "node|node --run=build|command.language_mismatch",
    "node|node -e child_process|command.shell",
    "ruby|ruby -e %x{id}|command.shell",
    "python|python3 /in/a.py data:text/plain,x|command.encoded_payload",
    "python|python3 /in/a.py --src=data:x|command.encoded_payload"
  })
  void refuses(String language, String command, String expected) {
    assertThat(codes(language, command)).containsExactlyInAnyOrder(expected.split(";"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
    "go|go mod graph",
    "go|go mod",
    "go|go run ./cmd/x",
    "go|go run x@y",
    "go|go build ./x/y.go",
    "python|python3 -m pipx_tool",
    "python|python3 -m",
    "python|python3 --m pip",
    "python|python3 -1m pip",
    "python|python3 -m timeit pass",
    "python|python3 -c pass sh",
    "ruby|ruby --S x",
    "ruby|ruby -w /in/a.rb",
    "node|node --runner /in/a.js",
    "node|node -e console.log",
    "python|python3 /in/a.py data"
  })
  void accepts(String language, String command) {
    assertThat(codes(language, command)).isEmpty();
  }
}
