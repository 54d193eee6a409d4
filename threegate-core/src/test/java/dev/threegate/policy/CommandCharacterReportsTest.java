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
import static dev.threegate.request.Requests.TYPICAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.threegate.problem.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Control and invisible characters in a command are each reported once, both kinds when both are
 * there and the invisible one comes first; words are still judged when the grammar refused the line, and a
 * path is never hidden behind a space inside a quoted word.
 */
class CommandCharacterReportsTest {
  private static final PolicyValidator DEFAULTS = PolicyValidator.of(Policy.defaults());

  /** The verdict on a request built with this command (a parsed request never holds a control character). */
  private static List<Violation> violations(String command) {
    return DEFAULTS.validate(parse(TYPICAL).newBuilder().command(command).build()).violations();
  }

  private static List<String> codes(String command) {
    return violations(command).stream().map(Violation::code).toList();
  }

  @Test
  void aControlCharacterIsReportedOnce() {
    assertThat(violations("python3 /in/a.py \u0001"))
        .extracting(Violation::code, Violation::message)
        .containsExactly(tuple("command.control_character", "the command holds control character U+0001"));
  }

  @Test
  void anInvisibleCharacterIsReportedOnce() {
    assertThat(codes("python3 /in/a.py \u00A0x")).containsExactly("command.invisible_character");
  }

  @Test
  void bothKindsAreReportedWhicheverComesFirst() {
    assertThat(violations("python3 /in/a.py \u00A0x \u0001"))
        .extracting(Violation::code, Violation::message)
        .containsExactly(
            tuple("command.invisible_character", "the command holds U+00A0, a space other than U+0020 or an invisible"
                + " character; it would change the words without showing it"),
            tuple("command.control_character", "the command holds control character U+0001"));
    // a control character is itself invisible: the first invisible character is the control one
    assertThat(codes("python3 /in/a.py \u0001 \u00A0x")).containsExactly("command.control_character");
  }

  @Test
  void aTabAfterAnInvisibleCharacterIsAControlCharacter() {
    assertThat(violations("python3 /in/a.py \u00A0x\ty"))
        .extracting(Violation::code, Violation::message)
        .containsExactly(
            tuple("command.invisible_character", "the command holds U+00A0, a space other than U+0020 or an invisible"
                + " character; it would change the words without showing it"),
            tuple("command.control_character", "the command holds control character U+0009"));
  }

  @Test
  void aRefusedLineIsStillSplitIntoWords() {
    assertThat(codes("\u0001python3 /in/a.py")).containsExactly("command.control_character");
    assertThat(codes("\u0001bash /in/a.sh")).containsExactly("command.control_character", "command.shell");
  }

  @Test
  void aPathAfterASpaceInAQuotedWordIsItsOwnPath() {
    assertThat(violations("python3 /in/a.py '/in/a /etc/x'"))
        .extracting(Violation::code, Violation::message)
        .containsExactly(tuple("command.host_path", "the command names paths outside /in, /out, /tmp and /usr: /etc/x"));
  }

  @Test
  void aLauncherIsNamedAsOne() {
    assertThat(violations("nice python3 /in/a.py"))
        .extracting(Violation::message)
        .containsExactly("'nice' is a launcher that runs other programs, not a python program; the request's language"
            + " binds the program it runs (add it to the policy's programs to allow it)");
    assertThat(violations("cat /in/a.py"))
        .extracting(Violation::message)
        .containsExactly("'cat' is not a python program; the request's language binds the program it runs (add it to"
            + " the policy's programs to allow it)");
  }

  @Test
  void aHomeOrWindowsPathAtTheStartIsAHostPath() {
    assertThat(codes("~/x /in/a.py")).contains("command.host_path");
    assertThat(codes("C:/x /in/a.py")).contains("command.host_path");
  }

  @Test
  void aModuleGluedAfterOtherOptionsIsRead() {
    assertThat(codes("python3 -Imensurepip")).containsExactly("command.package_install");
    assertThat(codes("python3 -Impip.x")).containsExactly("command.package_install");
  }
}
