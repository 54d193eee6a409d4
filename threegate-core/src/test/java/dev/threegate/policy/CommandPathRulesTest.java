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
 * {@code command.host_path}, {@code command.path_traversal}, {@code command.device}: where an
 * absolute path starts and ends in a word, and how it is normalised before it is judged
 * (docs/requests.md).
 */
class CommandPathRulesTest {
  private static final PolicyValidator DEFAULTS = PolicyValidator.of(Policy.defaults());

  private static List<String> codes(String command) {
    return DEFAULTS.validate(parse(withCommand(command))).violations().stream().map(Violation::code).distinct().toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "python3 /in/a.py /etc/passwd|command.host_path",
    "python3 /in/a.py --config=/etc/x|command.host_path",
    "python3 /in/a.py a:/etc/x|command.host_path",
    "python3 /in/a.py /in/a,/etc/x|command.host_path",
    "python3 /in/a.py user@/etc/x|command.host_path",
    "python3 /in/a.py [/etc/x]|command.host_path",
    "python3 /in/a.py {/etc/x}|command.host_path",
    "python3 /in/a.py -o/etc/x|command.host_path",
    "python3 /in/a.py --out/etc/x|command.host_path",
    "python3 /in/a.py 'a /etc/x'|command.host_path",
    "python3 /in/a.py file:///etc/passwd|command.host_path",
    "python3 /in/a.py FILE://etc/passwd|command.host_path",
    "python3 /in/a.py //etc/x|command.host_path",
    "python3 /in/a.py /./etc/x|command.host_path",
    "python3 /in/a.py /|command.host_path",
    "python3 /in/a.py /input/x|command.host_path",
    "python3 /in/a.py ~/x|command.host_path",
    "python3 /in/a.py /in/../etc|command.path_traversal",
    "python3 /in/a.py /in/..|command.path_traversal",
    "python3 /in/a.py /..|command.path_traversal",
    "python3 /in/a.py ../x|command.path_traversal",
    "python3 /in/a.py /dev/sda|command.device",
    "python3 /in/a.py /dev|command.device",
    "python3 /in/a.py /dev/fd|command.device",
    "python3 /in/a.py /var/run/docker.sock|command.host_path;command.device"
  })
  void refuses(String command, String expected) {
    assertThat(codes(command)).containsExactlyInAnyOrder(expected.split(";"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "python3 /in/a.py",
    "python3 /in/a.py /in /out /tmp /usr",
    "python3 /in/a.py /in/ /out/. /tmp//x /usr/./lib",
    "python3 /in/a.py /in/a:/out/b",
    "python3 /in/a.py /in/a,/out/b",
    "python3 /in/a.py --out=/out/x.json",
    "python3 /in/a.py -o/out/x",
    "python3 /in/a.py a/etc/x",
    "python3 /in/a.py https://example.com/etc/x",
    "python3 /in/a.py file:///in/a.csv",
    "python3 /in/a.py /dev/null /dev/fd/3 /dev/urandom",
    "python3 /in/a.py x..y",
    "python3 /in/a.py a~b"
  })
  void accepts(String command) {
    assertThat(codes(command)).isEmpty();
  }
}
