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

import dev.threegate.Outcome;
import dev.threegate.exec.ExecutionResult;
import dev.threegate.problem.Verdict;
import java.nio.file.Path;

/**
 * AssertJ entry points for the gate's values.
 *
 * <pre>{@code
 * import static dev.threegate.testkit.ThreeGateAssertions.assertThat;
 *
 * assertThat(outcome).isAccepted().stdoutContains("42").hasArtifact("stats.json").hasValidToolResult();
 * assertThat(outcome).isRejectedWith("command.chaining");
 * assertThat(verdict).isRejectedWith("approval.missing");
 * assertThatToolResult(resultFile).isValidToolResult().hasStatus("completed");
 * }</pre>
 */
public final class ThreeGateAssertions {
  private ThreeGateAssertions() {}

  /**
   * Assertions on a pipeline outcome.
   *
   * @param actual the outcome
   * @return the assertion
   */
  public static OutcomeAssert assertThat(Outcome actual) {
    return new OutcomeAssert(actual);
  }

  /**
   * Assertions on a verdict.
   *
   * @param actual the verdict
   * @return the assertion
   */
  public static VerdictAssert assertThat(Verdict actual) {
    return new VerdictAssert(actual);
  }

  /**
   * Assertions on an executor's result.
   *
   * @param actual the result
   * @return the assertion
   */
  public static ExecutionResultAssert assertThat(ExecutionResult actual) {
    return new ExecutionResultAssert(actual);
  }

  /**
   * Assertions on a Tool Result file and the artifacts beside it.
   *
   * @param resultFile the Tool Result Markdown file
   * @return the assertion
   */
  public static ToolResultAssert assertThatToolResult(Path resultFile) {
    return new ToolResultAssert(resultFile);
  }
}
