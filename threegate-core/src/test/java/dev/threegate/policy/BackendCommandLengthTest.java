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

import dev.threegate.exec.BackendInfo;
import dev.threegate.exec.Capabilities;
import dev.threegate.exec.Isolation;
import dev.threegate.problem.Violation;
import dev.threegate.request.Backend;
import dev.threegate.request.Language;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code backend.command_too_long}: a backend carries commands of at most its length, as the shell receives them. */
class BackendCommandLengthTest {

  private static java.util.List<String> codes(int maxCommandBytes, String command) {
    BackendInfo backend = BackendInfo.builder().name("test").version("1").kind(Backend.ERA)
        .capabilities(Capabilities.builder(Isolation.MICROVM).languages(Set.of(Language.PYTHON))
            .maxCommandBytes(maxCommandBytes).fileInputs(true).fileOutputs(true).build())
        .build();
    var request = parse(withCommand(command));
    return PolicyValidator.of(Policy.defaults()).validate(request)
        .and(PolicyValidator.checkBackend(request, Policy.defaults(), backend))
        .violations().stream().map(Violation::code).toList();
  }

  @Test
  void aCommandExactlyAtTheBackendsLengthRuns() {
    String command = "python3 /in/a.py";
    int length = command.getBytes(StandardCharsets.UTF_8).length;
    assertThat(codes(length, command)).isEmpty();
    assertThat(codes(length - 1, command)).containsExactly("backend.command_too_long");
  }

  @Test
  void theLengthIsThatOfTheShellQuotedLine() {
    String command = "python3 /in/a.py \"a b\"";
    int quoted = "python3 /in/a.py 'a b'".length();
    assertThat(codes(quoted, command)).isEmpty();
    assertThat(codes(quoted - 1, command)).containsExactly("backend.command_too_long");
  }
}
