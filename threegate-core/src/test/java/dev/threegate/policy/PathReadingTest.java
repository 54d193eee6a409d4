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
 * Where a path in a word ends and how it is normalised before it is judged: a path ends at a
 * closing bracket; {@code //}, {@code /./}, a trailing {@code /.} and a trailing {@code /} are
 * removed; a {@code file:} URL's slashes are one. The violation names the paths as they were judged.
 */
class PathReadingTest {
  private static final PolicyValidator DEFAULTS = PolicyValidator.of(Policy.defaults());

  private static List<Violation> violations(String command) {
    return DEFAULTS.validate(parse(withCommand(command))).violations();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "python3 /in/a.py {/dev/null}",
    "python3 /in/a.py [/dev/null]",
    "python3 /in/a.py /dev/null/",
    "python3 /in/a.py /dev/null/.",
    "python3 /in/a.py /dev/./null",
    "python3 /in/a.py //dev//null",
    "python3 /in/a.py file:////in/a.csv",
    "python3 /in/a.py x=file:///in/a.csv",
    "python3 /in/a.py [/in/a]/etc/x"
  })
  void accepts(String command) {
    assertThat(violations(command)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "python3 /in/a.py /|command.host_path|the command names paths outside /in, /out, /tmp and /usr: /",
    "python3 /in/a.py ab:/|command.host_path|the command names paths outside /in, /out, /tmp and /usr: /",
    "python3 /in/a.py /etc/./x/. //var//y/|command.host_path|the command names paths outside /in, /out, /tmp and"
        + " /usr: /etc/x /var/y",
    "python3 /in/a.py file:////etc/x|command.host_path|the command names paths outside /in, /out, /tmp and /usr: /etc/x",
    "python3 /in/a.py x=file:///etc/x|command.host_path|the command names paths outside /in, /out, /tmp and /usr: /etc/x",
    "python3 /in/a.py {/etc/x}/in|command.host_path|the command names paths outside /in, /out, /tmp and /usr: /etc/x",
    "python3 /in/a.py /dev/sda/. /dev/sdb/|command.device|the command names privileged devices: /dev/sda /dev/sdb",
    "python3 /in/a.py /dev/|command.device|the command names privileged devices: /dev"
  })
  void refuses(String command, String code, String message) {
    assertThat(violations(command))
        .extracting(Violation::code, Violation::message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(code, message));
  }
}
