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
package dev.threegate.internal.result;

import static dev.threegate.internal.text.RegexTesting.budget;
import static dev.threegate.internal.text.RegexTesting.findAll;
import static dev.threegate.internal.text.RegexTesting.reads;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.internal.text.RegexTesting;
import dev.threegate.internal.text.RegexTesting.Hostile;
import dev.threegate.internal.text.Shells;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The forbidden-content scan of a Tool Result takes time linear in a line's length on hostile lines
 * of the request size limit, and matches what the plain (backtracking) forms it replaces match.
 */
class ForbiddenContentLinearTimeTest {
  /** The plain forms of {@link ForbiddenContent#patterns()}, in the same order. */
  private static final List<Pattern> PLAIN =
      Stream.of(
              "\\b(?:ignore|disregard|forget|override)\\s+(?:all\\s+|any\\s+|the\\s+|your\\s+)*(?:previous|prior|above|earlier|preceding|original|system)\\s+(?:instructions?|prompts?|rules|messages|directions|guidelines)",
              "\\b(?:change|modify|update|relax|disable|bypass|override|turn\\s+off)\\s+(?:the\\s+|your\\s+)?(?:security\\s+|safety\\s+)?(?:policy|policies|sandbox|validator|guardrails?|safety\\s+checks?)\\b",
              "\\bnew\\s+(?:system\\s+)?(?:instructions|system\\s+prompt)\\s*:",
              "\\byou\\s+are\\s+now\\s+(?:a|an|in|the|no\\s+longer)\\b",
              "\\b(?:approve|auto-?approve)\\s+(?:this|the\\s+next|all)\\s+(?:request|tool\\s+request|command)s?\\b",
              "\\b(?:curl|wget|fetch)\\b[^\\n]*\\|\\s*(?:sudo\\s+)?" + Shells.ALTERNATIVES + "\\b",
              "\\b(?:curl|wget)\\b[^\\n]*\\|\\s*(?:sudo\\s+)?(?:python[0-9.]*|node|ruby|perl)\\b",
              "\\b" + Shells.ALTERNATIVES + "\\s+<\\(\\s*(?:curl|wget)\\b",
              "\\b(?:run|execute)\\s+the\\s+following\\s+(?:command|commands|code|script)\\b",
              "\\bdownload\\s+and\\s+(?:run|execute|install)\\b",
              "\\b(?:pip[0-9.]*|pipx|conda|gem|apt-get|apt|yum|dnf|apk|brew|npm|pnpm|yarn|cargo)\\s+(?:-\\S+\\s+)*(?:install|add)\\s+\\S",
              "\\bpython[0-9.]*\\s+-m\\s+pip\\s+install\\b",
              "\\bgo\\s+(?:get|install)\\s+\\S+",
              "\\bnpx\\s+\\S+",
              "^\\s*#!\\s*/",
              "\\b(?:powershell|pwsh)(?:\\.exe)?\\s+(?:-\\w+\\s+)*-e(?:nc|ncodedcommand)?\\s+\\S",
              "[A-Za-z0-9+/]{200,}={0,2}")
          .map(Pattern::compile)
          .toList();

  static List<Hostile> lines() {
    return RegexTesting.hostileTexts(
        List.of("a", " ", "-", "a.", "\r", "curl ", "curl", "wget x ", "| ", "|", "ignore ", "ignore all ", "all ",
            "change ", "turn ", "sh <( ", "powershell -x ", "-powershell ", "pwsh -e ", "-e ", "pip -pip ", "npm -x ",
            "aA0+/", "#! "),
        List.of(List.of("curl x ", "| "), List.of("curl", " "), List.of("curl", "\r"), List.of("ignore ", "all "),
            List.of("turn", " "), List.of("powershell ", "-x "), List.of("pwsh ", "-e"), List.of("pip ", "-x "),
            List.of("", "aA0+/".repeat(39) + "a ")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lines")
  void theScanReadsEachCharacterOfAHostileLineAFewTimesAtMost(Hostile hostile) {
    for (Pattern pattern : ForbiddenContent.patterns()) {
      assertThat(reads(findAll(pattern), hostile.text())).as(pattern.pattern()).isLessThanOrEqualTo(budget(hostile.text()));
    }
  }

  static Stream<Arguments> plainFormsOnTheirHostileLines() {
    return Stream.of(
        Arguments.of("ignore all all … previous instructions", PLAIN.get(0), line("ignore ", "all ")),
        Arguments.of("curl … | sh", PLAIN.get(5), line("", "curl ")),
        Arguments.of("curl … | python", PLAIN.get(6), line("", "curl ")),
        Arguments.of("pip -x -x … install", PLAIN.get(10), line("pip ", "-x ")),
        Arguments.of("powershell -x -x … -e", PLAIN.get(15), line("powershell ", "-x ")),
        Arguments.of("a base64 run", PLAIN.get(16), line("", "aA0+/".repeat(39) + "a ")));
  }

  private static String line(String start, String piece) {
    return RegexTesting.hostileText(start, piece, RegexTesting.SIZE);
  }

  /** Without this, the test above could not fail: the plain forms overrun the budget. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("plainFormsOnTheirHostileLines")
  void theOracleCatchesThePlainForms(String name, Pattern plain, String line) {
    assertThat(RegexTesting.overrunsBudgetOrStack(findAll(plain), line)).as(name).isTrue();
  }

  private static final List<String> WORDS =
      List.of("curl", "wget", "fetch", "x", "|", "| sh", "|sh", "sh", "bash", "sudo", "python3", "node", "ignore", "disregard",
          "all", "any", "the", "your", "previous", "prior", "instructions", "rules", "powershell", "pwsh", "powershell.exe",
          "-e", "-enc", "-encodedcommand", "-w", "-x", "-powershell", "-pwsh", "pip", "pip3", "conda", "apt-get", "apt",
          "npm", "-npm", "install", "add", "-y", "x.pip", "\r");

  @Test
  void thePatternsMatchWhatThePlainFormsMatch() {
    List<Pattern> patterns = ForbiddenContent.patterns();
    assertThat(patterns).hasSameSizeAs(PLAIN);
    List<String> differences = new ArrayList<>();
    for (String text : RegexTesting.randomTexts(3, 30_000, WORDS, " ")) {
      for (String line : List.of(text, text.toLowerCase(Locale.ROOT))) {
        for (int i = 0; i < PLAIN.size(); i++) {
          if (patterns.get(i).matcher(line).find() != PLAIN.get(i).matcher(line).find()) {
            differences.add(PLAIN.get(i) + " on " + RegexTesting.visible(line));
          }
        }
      }
    }
    assertThat(differences).isEmpty();
  }

  @Test
  void theBase64RunIsFoundWhereThePlainFormFindsIt() {
    Pattern run = ForbiddenContent.patterns().get(16);
    Random random = new Random(4);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 2_000; i++) {
      StringBuilder line = new StringBuilder();
      while (line.length() < 600) {
        int r = random.nextInt(100);
        line.append(r < 96 ? alphabet.charAt(random.nextInt(64)) : r < 98 ? '=' : ' ');
      }
      assertThat(run.matcher(line).results().map(m -> m.start() + "-" + m.end()).toList())
          .isEqualTo(PLAIN.get(16).matcher(line).results().map(m -> m.start() + "-" + m.end()).toList());
    }
  }
}
