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

import static dev.threegate.testkit.ThreeGateAssertions.assertThat;
import static dev.threegate.testkit.ThreeGateAssertions.assertThatToolResult;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threegate.Outcome;
import dev.threegate.ToolExecPipeline;
import dev.threegate.exec.ExecutionStatus;
import dev.threegate.policy.Policy;
import dev.threegate.policy.PolicyValidator;
import dev.threegate.request.ToolRequestParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assertions pass when they should, and fail with messages that say what was found. */
class ThreeGateAssertionsTest {
  @TempDir Path temp;

  private Outcome accepted() {
    FakeExecutor fake = FakeExecutor.builder().stdout("answer 42\n").file("stats.json", "{}").build();
    return ToolExecPipeline.builder().executor(fake).build()
        .run(ToolRequests.valid().requestId("TR-ok").writeTo(temp.resolve("requests")), temp.resolve("results"));
  }

  private Outcome rejected() {
    return ToolExecPipeline.builder().executor(FakeExecutor.builder().build()).build()
        .run(ToolRequests.valid().requestId("TR-bad").command("python3 -V; id").writeTo(temp.resolve("requests")), temp.resolve("results"));
  }

  @Test
  void outcomeAssertionsPassAndFailWithTheFacts() {
    Outcome accepted = accepted();
    assertThat(accepted).isAccepted().hasExitCode(0).stdoutContains("42").hasArtifact("stats.json").hasValidToolResult();
    assertThatThrownBy(() -> assertThat(accepted).isRejected())
        .hasMessageContaining("Expected TR-ok.md to be rejected but it was accepted (completed, exit code 0)");
    assertThatThrownBy(() -> assertThat(accepted).stdoutContains("43"))
        .hasMessageContaining("Expected stdout to contain").hasMessageContaining("answer 42");
    assertThatThrownBy(() -> assertThat(accepted).hasArtifact("missing.csv"))
        .hasMessageContaining("Expected an artifact missing.csv but the run left [stats.json]");
    Outcome rejected = rejected();
    assertThat(rejected).isRejectedWith("command.chaining").hasExitCode(2);
    assertThatThrownBy(() -> assertThat(rejected).isRejectedWith("approval.missing"))
        .hasMessageContaining("these were missing: [approval.missing]").hasMessageContaining("command.chaining (command)");
    assertThatThrownBy(() -> assertThat(rejected).isAccepted())
        .hasMessageContaining("Expected TR-bad.md to be accepted but it was rejected with:").hasMessageContaining("command.chaining");
    assertThatThrownBy(() -> assertThat(rejected).hasExitCode(0)).hasMessageContaining("Expected exit code 0 but TR-bad.md gave 2");
    assertThatThrownBy(() -> assertThat(rejected).isFailedAt(Outcome.Stage.EXECUTE)).hasMessageContaining("to fail but it was rejected");
  }

  @Test
  void verdictAssertionsPassAndFailWithTheFacts() {
    var verdict = PolicyValidator.of(Policy.defaults())
        .validate(ToolRequestParser.standard().parse("TR.md", ToolRequests.valid().field("approved_by", "").toBytes()));
    assertThat(verdict).isRejectedWith("approval.missing");
    assertThatThrownBy(() -> assertThat(verdict).hasPassed())
        .hasMessageContaining("Expected the document to pass but the verdict rejected it with:").hasMessageContaining("approval.missing (approved_by)");
  }

  @Test
  void executionResultAndToolResultAssertionsPassAndFailWithTheFacts() throws Exception {
    Outcome.Accepted accepted = (Outcome.Accepted) accepted();
    assertThat(accepted.execution()).hasStatus(ExecutionStatus.COMPLETED).hasExitCode(0).hasArtifact("stats.json");
    assertThatThrownBy(() -> assertThat(accepted.execution()).hasStatus(ExecutionStatus.TIMED_OUT))
        .hasMessageContaining("Expected status timed_out but the run ended completed (exit code 0)");
    Path result = accepted.written().resultFile();
    assertThatToolResult(result).isValidToolResult().hasStatus("completed").hasExitCode(0).stdoutContains("42").hasArtifact("stats.json");
    assertThatThrownBy(() -> assertThatToolResult(result).hasExitCode(1))
        .hasMessageContaining("Expected exit_code 1 but " + result.getFileName() + " has 0");
    Files.writeString(result.resolveSibling(result.getFileName().toString().replace(".md", ".stdout.txt")), "changed\n");
    assertThatThrownBy(() -> assertThatToolResult(result).isValidToolResult())
        .hasMessageContaining("to be a valid Tool Result but it has these violations:").hasMessageContaining("artifact.sha256_mismatch");
  }
}
