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
package dev.threegate.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopHelpTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @Test
  void printsTheHelpPicocliWouldPrint() {
    String picocli = CommandLineSpec.create("1.2.3", out).topUsage(false); // no terminal here: picocli prints it plain
    for (String help : List.of("--help", "-h", "help")) {
      bytes.reset();
      assertThat(TopHelp.answer(new String[] {help}, "1.2.3", out)).as(help).isTrue();
      assertThat(bytes.toString(StandardCharsets.UTF_8)).as(help).isEqualTo(picocli).contains("Usage: threegate", "Exit codes:");
    }
  }

  @Test
  void theStyledPageIsPicocliAtATerminal() throws Exception {
    String styled;
    try (var in = TopHelp.class.getResourceAsStream("top-help.ansi.txt")) {
      assertThat(in).as("top-help.ansi.txt, rendered by the build").isNotNull();
      styled = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(styled).isEqualTo(CommandLineSpec.create("", out).topUsage(true)).contains("\033[");
  }

  @Test
  void printsTheVersion() {
    for (String version : List.of("--version", "-V")) {
      bytes.reset();
      assertThat(TopHelp.answer(new String[] {version}, "1.2.3", out)).isTrue();
      assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("threegate 1.2.3" + System.lineSeparator());
    }
  }

  @Test
  void leavesEveryOtherCommandLineToTheParser() {
    for (String[] args : List.of(new String[] {}, new String[] {"--help", "run"}, new String[] {"run", "--help"},
        new String[] {"-hV"}, new String[] {"--version", "--help"}, new String[] {"run"}, new String[] {"--HELP"})) {
      assertThat(TopHelp.answer(args, "1.2.3", out)).as(String.join(" ", args)).isFalse();
    }
    assertThat(bytes.size()).isZero();
  }
}
