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
package dev.threegate.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.threegate.problem.Verdict;
import dev.threegate.result.ResultFormatException;
import dev.threegate.result.ToolResultParser;
import dev.threegate.result.ToolResultValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the Tool Result parser and validator with raw bytes: the parser throws only {@link
 * ResultFormatException}, the validator never throws, and no input may take ten seconds (a hang, not a slow machine).
 */
class ToolResultFuzzTest {
  private static Path dir;

  @BeforeAll
  static void createDirectory() throws IOException {
    dir = Files.createTempDirectory("threegate-result-fuzz-");
  }

  @AfterAll
  static void removeDirectory() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
    }
    Files.deleteIfExists(dir);
  }

  @FuzzTest(maxDuration = "30s")
  void readsOrRefusesEveryResult(byte[] input) throws IOException {
    long start = System.nanoTime();
    try {
      ToolResultParser.standard().parse("TS-fuzz.md", input);
    } catch (ResultFormatException expected) {
      assertThat(expected.problems()).isNotEmpty();
    }
    Path file = dir.resolve("TS-fuzz.md");
    Files.write(file, input);
    Verdict verdict = ToolResultValidator.verifyingArtifacts().validate(file);
    assertThat(verdict.passed()).isEqualTo(verdict.violations().isEmpty());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time for one input").isLessThan(Duration.ofSeconds(10));
  }
}
