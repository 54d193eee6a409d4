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
import dev.threegate.request.Language;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What may follow a program that starts other programs: a launcher ({@code nice}, {@code env}) or a
 * program the policy added beside the language's own. Nothing after it may be a shell or a
 * privilege tool; {@code go} may not run other programs through its own subcommands and options.
 */
class LauncherRulesTest {
  private static final PolicyValidator POLICY =
      PolicyValidator.of(
          Policy.builder()
              .allowLanguages(Language.values())
              .maxCpu(4)
              .maxMemoryMb(8192)
              .maxTimeSec(3600)
              .maxCommandBytes(4096)
              .allowPrograms(Language.PYTHON, "pytest", "python3")
              .allowPrograms(Language.GO, "gotool")
              .build());

  /** Every violation's code in order, repeated ones kept: a rule that reports twice shows here. */
  private static List<String> codes(String language, String command) {
    String text = withCommand(command);
    if (!language.equals("python")) {
      text = text.replace("language: python", "language: " + language);
    }
    return POLICY.validate(parse(text)).violations().stream().map(Violation::code).toList();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
    "python|nice sh|command.language_mismatch;command.shell",
    "python|nice /usr/bin/bash|command.language_mismatch;command.shell",
    "python|nice sh sudo|command.language_mismatch;command.shell",
    "python|nice sudo sh|command.language_mismatch;command.privileged",
    "python|nice /usr/bin/sudo id|command.language_mismatch;command.privileged",
    "python|nice python3 /in/a.py|command.language_mismatch",
    "python|pytest /in/t.py bash|command.shell",
    "python|pytest /in/t.py /usr/bin/doas|command.privileged",
    "go|go generate ./x|command.language_mismatch",
    "go|go build -toolexec=x ./x|command.language_mismatch",
    "go|go vet -vettool=x ./x|command.language_mismatch",
    "go|go test -exec x ./x|command.language_mismatch",
    "go|go generate -exec ./x|command.language_mismatch"
  })
  void refuses(String language, String command, String expected) {
    assertThat(codes(language, command)).containsExactly(expected.split(";"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
    "python|pytest /in/t.py",
    "python|python3 /in/a.py sh sudo",
    "python|/usr/bin/python3 /in/a.py bash",
    "go|gotool generate -exec x",
    "go|go build ./generate"
  })
  void accepts(String language, String command) {
    assertThat(codes(language, command)).isEmpty();
  }
}
