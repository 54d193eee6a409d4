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
import dev.threegate.problem.Violation;
import dev.threegate.result.ResultArtifact;
import dev.threegate.result.ResultFormatException;
import dev.threegate.result.ToolResult;
import dev.threegate.result.ToolResultParser;
import dev.threegate.result.ToolResultValidator;
import dev.threegate.testkit.ToolRequests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Any bytes as a Tool Result: the parser reads it or refuses with {@link ResultFormatException},
 * the validators never throw, answer the same every time with documented codes only, agree with
 * the parser, and a result accepted with its artifacts verified lists artifacts whose files match.
 */
class ToolResultFuzzTest {
  private static final Set<String> DOCUMENTED = DocumentedCodes.results();
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

  private static Optional<ToolResult> parse(byte[] input) {
    try {
      return Optional.of(ToolResultParser.standard().parse("TS-fuzz.md", input));
    } catch (ResultFormatException refused) {
      assertThat(refused.problems()).isNotEmpty();
      return Optional.empty();
    }
  }

  @FuzzTest(maxDuration = "30s")
  void readsOrRefusesEveryResult(byte[] input) throws IOException {
    long start = System.nanoTime();
    Optional<ToolResult> parsed = parse(input);
    assertThat(parse(input)).as("parsing is deterministic").isEqualTo(parsed);

    Path file = dir.resolve("TS-fuzz.md");
    Files.write(file, input);
    Verdict standard = ToolResultValidator.standard().validate(file);
    Verdict verifying = ToolResultValidator.verifyingArtifacts().validate(file);
    assertThat(ToolResultValidator.standard().validate(file)).as("judging is deterministic").isEqualTo(standard);
    assertThat(standard.violations()).extracting(Violation::code).allSatisfy(code -> assertThat(DOCUMENTED).contains(code));
    assertThat(verifying.violations()).extracting(Violation::code).allSatisfy(code -> assertThat(DOCUMENTED).contains(code));
    assertThat(verifying.violations()).as("verifying the artifacts only adds violations").containsAll(standard.violations());

    if (parsed.isEmpty()) {
      assertThat(standard.passed()).as("a result the parser refuses never passes").isFalse();
    }
    if (standard.passed()) {
      assertThat(parsed).as("a result the validator accepts can be read").isPresent();
    }
    if (verifying.passed()) {
      ToolResult result = parsed.orElseThrow();
      for (ResultArtifact artifact : result.artifacts()) {
        Path beside = dir.resolve(artifact.path()).normalize();
        assertThat(beside.getParent()).isEqualTo(dir);
        assertThat(Files.isRegularFile(beside, LinkOption.NOFOLLOW_LINKS)).isTrue();
        byte[] content = Files.readAllBytes(beside);
        assertThat((long) content.length).isEqualTo(artifact.bytes());
        assertThat(ToolRequests.sha256(content)).isEqualTo(artifact.sha256());
      }
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time for one input").isLessThan(Duration.ofSeconds(10));
  }
}
