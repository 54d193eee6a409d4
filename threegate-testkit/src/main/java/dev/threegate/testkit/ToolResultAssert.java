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
package dev.threegate.testkit;

import dev.threegate.problem.Verdict;
import dev.threegate.result.ResultArtifact;
import dev.threegate.result.ResultFormatException;
import dev.threegate.result.ToolResult;
import dev.threegate.result.ToolResultParser;
import dev.threegate.result.ToolResultValidator;
import java.io.IOException;
import java.nio.file.Path;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a Tool Result file and the artifacts beside it. */
public final class ToolResultAssert extends AbstractAssert<ToolResultAssert, Path> {

  ToolResultAssert(Path resultFile) {
    super(resultFile, ToolResultAssert.class);
  }

  /**
   * Verifies that the result passes {@code ToolResultValidator.verifyingArtifacts()}.
   *
   * @return this assertion
   */
  public ToolResultAssert isValidToolResult() {
    isNotNull();
    Verdict verdict = ToolResultValidator.verifyingArtifacts().validate(actual);
    if (!verdict.passed()) {
      failWithMessage("Expected %s to be a valid Tool Result but it has these violations:%n%s",
          actual.getFileName(), VerdictAssert.describe(verdict.violations()));
    }
    return this;
  }

  /**
   * Verifies the result's {@code status}.
   *
   * @param expected such as {@code completed} or {@code timed_out}
   * @return this assertion
   */
  public ToolResultAssert hasStatus(String expected) {
    String status = parsed().status().orElse("(none)");
    if (!status.equals(expected)) {
      failWithMessage("Expected status %s but %s has %s", expected, actual.getFileName(), status);
    }
    return this;
  }

  /**
   * Verifies the result's {@code exit_code}.
   *
   * @param expected the exit code
   * @return this assertion
   */
  public ToolResultAssert hasExitCode(int expected) {
    int code = parsed().exitCode();
    if (code != expected) {
      failWithMessage("Expected exit_code %s but %s has %s", expected, actual.getFileName(), code);
    }
    return this;
  }

  /**
   * Verifies that the stdout artifact beside the result contains a text.
   *
   * @param text the text
   * @return this assertion
   */
  public ToolResultAssert stdoutContains(String text) {
    ToolResult result = parsed();
    String content = OutcomeAssert.read(actual.resolveSibling(result.resultId() + ".stdout.txt"));
    if (!content.contains(text)) {
      failWithMessage("Expected stdout to contain%n  %s%nbut it was%n  %s", text, OutcomeAssert.shorten(content));
    }
    return this;
  }

  /**
   * Verifies that the result lists an artifact from {@code /out}.
   *
   * @param name its path relative to {@code /out}
   * @return this assertion
   */
  public ToolResultAssert hasArtifact(String name) {
    ToolResult result = parsed();
    String path = result.resultId() + ".out/" + name;
    if (result.artifacts().stream().map(ResultArtifact::path).noneMatch(path::equals)) {
      failWithMessage("Expected an artifact %s but %s lists %s", path, actual.getFileName(),
          result.artifacts().stream().map(ResultArtifact::path).toList());
    }
    return this;
  }

  private ToolResult parsed() {
    isNotNull();
    try {
      return ToolResultParser.standard().parse(actual);
    } catch (IOException | ResultFormatException e) {
      throw new AssertionError("Expected a readable Tool Result at " + actual + " but: " + e.getMessage(), e);
    }
  }
}
