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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandTest {

  @Test
  void splitsAtSpacesAndKeepsQuotedWordsWhole() {
    assertThat(Command.parse("  python3   /in/x.py \"two words\" 'say \"hi\"' \"it's\" \"\" --x=1  ").argv())
        .containsExactly("python3", "/in/x.py", "two words", "say \"hi\"", "it's", "", "--x=1");
  }

  @Test
  void treatsEveryOtherCharacterAsAnOrdinaryPartOfAWord() {
    assertThat(Command.parse("python3 {a,b} *.csv ~ #c key=v $HOME \\n ! [x] a|b").argv())
        .containsExactly("python3", "{a,b}", "*.csv", "~", "#c", "key=v", "$HOME", "\\n", "!", "[x]", "a|b");
  }

  @ParameterizedTest
  @ValueSource(strings = {"b\"a\"sh /in/x.sh", "ba\"\"sh -c id", "s''h", "su''do id", "cat /usr/.''./proc", "python3 --name=\"a b\"",
      "python3 it's", "python3 \"a\"b", "python3 'a'\"b\"", "python3 x\""})
  void refusesQuotesGluedToOtherCharacters(String line) {
    assertThatThrownBy(() -> Command.parse(line))
        .isInstanceOfSatisfying(CommandSyntaxException.class, e -> assertThat(e.violation().code()).isEqualTo("command.quote_glued"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"python3 'open", "python3 \"open", "python3 \"a\" 'b"})
  void refusesAQuoteLeftOpen(String line) {
    assertThatThrownBy(() -> Command.parse(line))
        .isInstanceOfSatisfying(CommandSyntaxException.class, e -> assertThat(e.violation().code()).isEqualTo("command.quote_unbalanced"));
  }

  @ParameterizedTest
  @CsvSource({
    "00A0, command.invisible_character", "2009, command.invisible_character", "3000, command.invisible_character",
    "3164, command.invisible_character", "2800, command.invisible_character", "00AD, command.invisible_character",
    "200B, command.invisible_character", "FE0F, command.invisible_character", "034F, command.invisible_character",
    "115F, command.invisible_character", "1680, command.invisible_character", "E000, command.invisible_character",
    "0009, command.control_character", "000B, command.control_character", "001B, command.control_character",
    "0085, command.control_character", "007F, command.control_character"
  })
  void refusesCharactersThatLookLikeASpaceOrLikeNothing(String hex, String code) {
    String line = "python3 /in/x.py --target prod" + Character.toString(Integer.parseInt(hex, 16)) + "--dry-run";
    assertThatThrownBy(() -> Command.parse(line))
        .isInstanceOfSatisfying(CommandSyntaxException.class, e -> assertThat(e.violation().code()).isEqualTo(code));
  }

  @Test
  void refusesTagCharactersOutsideTheBasicPlane() {
    assertThatThrownBy(() -> Command.parse("python3 a\uDB40\uDC41"))
        .isInstanceOfSatisfying(CommandSyntaxException.class,
            e -> assertThat(e.violation().code()).isEqualTo("command.invisible_character"));
  }

  @Test
  void keepsVisibleNonAsciiLettersForThePolicyToJudge() {
    assertThat(Command.parse("python3 données.csv").argv()).containsExactly("python3", "données.csv");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void refusesAnEmptyLine(String line) {
    assertThatThrownBy(() -> Command.parse(line))
        .isInstanceOfSatisfying(CommandSyntaxException.class, e -> assertThat(e.violation().code()).isEqualTo("command.missing"));
  }

  @Test
  void writesAnArgvAsALineThatReadsBackTheSame() {
    List<String> argv = List.of("python3", "two words", "it's", "say \"hi\"", "", "{a,b}");
    assertThat(Command.of(argv).argv()).isEqualTo(argv);
    assertThatThrownBy(() -> Command.of(List.of("python3", "both ' and \"")))
        .isInstanceOf(CommandSyntaxException.class);
  }

  @Test
  void quotesForTheShellOnlyWhatIsNotPlain() {
    assertThat(Command.parse("python3 /in/x.py --n=1 a,b:c@d%e+f \"it's\" {a,b} '' A=b").shellQuoted())
        .isEqualTo("python3 /in/x.py --n=1 a,b:c@d%e+f 'it'\\''s' '{a,b}' '' A=b");
    assertThat(Command.parse("A=b python3").shellQuoted()).isEqualTo("'A=b' python3");
  }

  /** Seeded: a failure prints the line, which reproduces it. */
  @Test
  void everyPosixShellReadsTheQuotedLineBackAsExactlyTheArgv() throws Exception {
    String alphabet = "ab Z09_-./:,+@%=~#!*?[]{}()<>|&;$`\\\"'^";
    Random random = new Random(20261201L);
    for (String shell : List.of("/bin/sh", "/bin/bash")) {
      if (!Files.isExecutable(Path.of(shell))) {
        continue;
      }
      for (int round = 0; round < 40; round++) {
        List<String> words = new ArrayList<>(List.of("printf", "%s\\0"));
        int count = 1 + random.nextInt(6);
        for (int i = 0; i < count; i++) {
          StringBuilder word = new StringBuilder();
          int length = random.nextInt(8);
          for (int j = 0; j < length; j++) {
            word.append(alphabet.charAt(random.nextInt(alphabet.length())));
          }
          String w = word.toString();
          words.add(w.indexOf('\'') >= 0 ? w.replace('"', 'q') : w); // the grammar cannot hold both quotes in one word
        }
        Command command = Command.of(words);
        assertThat(run(shell, command.shellQuoted()))
            .as("%s reading %s", shell, command.shellQuoted())
            .isEqualTo(words.subList(2, words.size()));
      }
    }
  }

  private static List<String> run(String shell, String line) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(shell, "-c", line).redirectErrorStream(true).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    process.getInputStream().transferTo(out);
    process.waitFor();
    String text = out.toString(StandardCharsets.UTF_8);
    List<String> words = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == 0) {
        words.add(text.substring(start, i));
        start = i + 1;
      }
    }
    return words;
  }
}
