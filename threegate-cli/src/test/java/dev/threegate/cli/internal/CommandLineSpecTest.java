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
import org.junit.jupiter.api.Test;

class CommandLineSpecTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String printed(String... args) {
    bytes.reset();
    assertThat(CommandLineSpec.parse("1.2.3", out, args)).as(String.join(" ", args)).isEqualTo(new CommandLineSpec.Parsed.Done(0));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theTopLevelHelpIsTheSameWithoutPicocliHelpCommand() {
    // "-h run" names no help command: its listing stands in for picocli's, and must read the same
    assertThat(printed("-h", "run")).isEqualTo(CommandLineSpec.create("1.2.3", out).topUsage(false))
        .contains("  help              Display help information about the specified command.");
  }

  @Test
  void theHelpCommandIsPicocliOwn() {
    assertThat(printed("help", "run")).isEqualTo(printed("run", "--help")).contains("Usage: threegate run");
    assertThat(printed("help", "help")).contains("Usage: threegate help [-h] [COMMAND]");
  }

  @Test
  void everyCommandHasTheStandardHelpAndVersionOptions() {
    assertThat(printed("inbox", "list", "-h")).contains("-h, --help", "Show this help message and exit.", "-V, --version",
        "Print version information and exit.");
  }
}
