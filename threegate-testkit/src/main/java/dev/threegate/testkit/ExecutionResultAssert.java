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

import dev.threegate.exec.Artifact;
import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionStatus;
import org.assertj.core.api.AbstractAssert;

/** Assertions on an {@link ExecutionResult}, as an executor returns it (its files still present). */
public final class ExecutionResultAssert extends AbstractAssert<ExecutionResultAssert, ExecutionResult> {

  ExecutionResultAssert(ExecutionResult actual) {
    super(actual, ExecutionResultAssert.class);
  }

  /**
   * Verifies how the run ended.
   *
   * @param expected the status
   * @return this assertion
   */
  public ExecutionResultAssert hasStatus(ExecutionStatus expected) {
    isNotNull();
    if (actual.status() != expected) {
      failWithMessage("Expected status %s but the run ended %s (exit code %s)", expected.wireName(), actual.status().wireName(), actual.exitCode());
    }
    return this;
  }

  /**
   * Verifies the tool's exit code.
   *
   * @param expected the exit code
   * @return this assertion
   */
  public ExecutionResultAssert hasExitCode(int expected) {
    isNotNull();
    if (actual.exitCode() != expected) {
      failWithMessage("Expected exit code %s but the tool exited with %s (%s)", expected, actual.exitCode(), actual.status().wireName());
    }
    return this;
  }

  /**
   * Verifies that the captured stdout contains a text.
   *
   * @param text the text
   * @return this assertion
   */
  public ExecutionResultAssert stdoutContains(String text) {
    isNotNull();
    String content = OutcomeAssert.read(actual.stdout().file());
    if (!content.contains(text)) {
      failWithMessage("Expected stdout to contain%n  %s%nbut it was%n  %s", text, OutcomeAssert.shorten(content));
    }
    return this;
  }

  /**
   * Verifies that the run left a file in {@code /out}.
   *
   * @param name its path relative to {@code /out}
   * @return this assertion
   */
  public ExecutionResultAssert hasArtifact(String name) {
    isNotNull();
    if (actual.artifacts().stream().noneMatch(a -> a.name().equals(name))) {
      failWithMessage("Expected an artifact %s but the run left %s", name, actual.artifacts().stream().map(Artifact::name).toList());
    }
    return this;
  }
}
