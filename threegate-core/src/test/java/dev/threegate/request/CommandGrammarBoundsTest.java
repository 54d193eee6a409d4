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
package dev.threegate.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The edges of the command grammar (docs/requests.md, "The command grammar: one argv"). */
class CommandGrammarBoundsTest {

  private static String codeOf(String line) {
    try {
      Command.parse(line);
      return "ok";
    } catch (CommandSyntaxException e) {
      return e.violation().code();
    }
  }

  @ParameterizedTest
  @CsvSource({
    "0000, command.control_character", "001F, command.control_character", "007F, command.control_character",
    "0080, command.control_character", "009F, command.control_character", "00A0, command.invisible_character",
    "007E, ok", "0021, ok", "00A1, ok", "00E9, ok"
  })
  void refusesControlCharactersAndOnlyThose(String hex, String code) {
    String c = Character.toString(Integer.parseInt(hex, 16));
    assertThat(codeOf("python3 a" + c + "b")).isEqualTo(code);
  }

  @Test
  void aQuotedWordMayEndTheLine() {
    assertThat(Command.parse("python3 'a b'").argv()).containsExactly("python3", "a b");
    assertThat(Command.parse("python3 \"a b\" c").argv()).containsExactly("python3", "a b", "c");
    assertThat(codeOf("python3 'a b'c")).isEqualTo("command.quote_glued");
  }

  @Test
  void namesTheGluedWord() {
    for (String[] c : new String[][] {
        {"python3 b\"a\"", "'b\"a\"'"}, {"python3 b\"a\" c", "'b\"a\"'"}, {"python3 'a'b c", "''a'b'"}}) {
      assertThatThrownBy(() -> Command.parse(c[0]))
          .isInstanceOfSatisfying(CommandSyntaxException.class, e -> assertThat(e.violation().message()).contains(c[1]));
    }
  }

  @Test
  void writesAnArgvWithOneSpaceBetweenWordsAndQuotesOnlyWhereNeeded() {
    assertThat(Command.of(List.of("python3", "-c", "print(1)")).text()).isEqualTo("python3 -c print(1)");
    assertThat(Command.of(List.of("python3", "a b")).text()).isEqualTo("python3 'a b'");
    assertThat(Command.of(List.of("python3", "it's")).text()).isEqualTo("python3 \"it's\"");
    assertThat(Command.of(List.of("python3", "say \"hi\"")).text()).isEqualTo("python3 'say \"hi\"'");
    assertThat(Command.of(List.of("python3", "")).text()).isEqualTo("python3 ''");
    assertThat(Command.of(List.of("python3")).text()).isEqualTo("python3");
    assertThatThrownBy(() -> Command.of(List.of("python3", "it's \"x\"")))
        .isInstanceOfSatisfying(CommandSyntaxException.class,
            e -> assertThat(e.violation().code()).isEqualTo("command.quote_glued"));
    assertThatThrownBy(() -> Command.of(List.of()))
        .isInstanceOfSatisfying(CommandSyntaxException.class,
            e -> assertThat(e.violation().code()).isEqualTo("command.missing"));
  }

  @Test
  void shellQuotesOnlyWordsThatAreNotPlain() {
    assertThat(Command.of(List.of("echo", "a", "z", "A", "Z", "0", "9", "_./:,+@%-", "k=v")).shellQuoted())
        .isEqualTo("echo a z A Z 0 9 _./:,+@%- k=v");
    assertThat(Command.of(List.of("k=v", "x")).shellQuoted()).isEqualTo("'k=v' x");
    for (String word : List.of("`", "{", "[", "$", "*", "?", "!", "~", "#", "&", ";", "(", "é")) {
      assertThat(Command.of(List.of("echo", "a" + word + "b")).shellQuoted()).as(word).isEqualTo("echo 'a" + word + "b'");
    }
    assertThat(Command.of(List.of("echo", "it's")).shellQuoted()).isEqualTo("echo 'it'\\''s'");
    assertThat(Command.of(List.of("echo", "")).shellQuoted()).isEqualTo("echo ''");
  }

  @ParameterizedTest
  @ValueSource(strings = {"python3 /in/a.py", "go run ./x", "node 'a b' c"})
  void isAValueOfItsText(String line) {
    Command command = Command.parse(line);
    assertThat(command.text()).isEqualTo(line);
    assertThat(command.program()).isEqualTo(command.argv().get(0)).isNotEmpty();
    assertThat(command).isEqualTo(Command.parse(line)).hasSameHashCodeAs(Command.parse(line));
    assertThat(command).isNotEqualTo(Command.parse(line + " x")).isNotEqualTo(line);
    assertThat(command.toString()).isEqualTo(command.argv().toString());
  }
}
