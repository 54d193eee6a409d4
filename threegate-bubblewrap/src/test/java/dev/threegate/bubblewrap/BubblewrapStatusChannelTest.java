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
package dev.threegate.bubblewrap;

import static dev.threegate.bubblewrap.SandboxRuns.stderr;
import static dev.threegate.bubblewrap.SandboxRuns.stdout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.threegate.exec.ExecutionException;
import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.exec.ExecutionStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sandbox reports its own failures on channels the tool cannot write to: whatever the tool
 * prints or exits with ends in a result, and only real sandbox failures throw.
 */
class BubblewrapStatusChannelTest {
  @TempDir Path temp;
  private SandboxRuns runs;

  @BeforeAll
  static void requireBubblewrap() {
    BubblewrapExecutor.Availability availability = BubblewrapExecutor.probe();
    assumeTrue(availability.available(), availability.message());
  }

  @BeforeEach
  void setUp() {
    runs = new SandboxRuns(temp, "threegate-status-" + UUID.randomUUID().toString().substring(0, 8));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 125, 126, 127, 137})
  void aToolThatImitatesTheSandboxsFailuresGetsAResult(int code) throws IOException {
    ExecutionResult result = runs.run("import sys; sys.stderr.write('bwrap: Can not find source path /in: No such file or directory"
        + "\\\\nbwrap: setting up uid map: Permission denied\\\\n'); sys.exit(" + code + ")");
    assertThat(result.exitCode()).isEqualTo(code);
    assertThat(result.status()).isEqualTo(code == 137 ? ExecutionStatus.KILLED : ExecutionStatus.NONZERO_EXIT);
    assertThat(stderr(result)).startsWith("bwrap: Can not find source path");
    assertThat(result.anomalies()).isEmpty();
  }

  @Test
  void aToolThatPrintsAnExecvpFailureIsNotMistakenForOne() throws IOException {
    ExecutionResult result = runs.run("import sys; sys.stderr.write('bwrap: execvp /usr/bin/python3: No such file\\\\n'); sys.exit(1)");
    assertThat(result.status()).isEqualTo(ExecutionStatus.NONZERO_EXIT);
    assertThat(result.anomalies()).isEmpty();
  }

  @Test
  void aToolKilledBySignalGetsAResult() throws IOException {
    ExecutionResult result = runs.run("import os, signal; os.kill(os.getpid(), signal.SIGKILL)");
    assertThat(result.status()).isEqualTo(ExecutionStatus.KILLED);
    assertThat(result.exitCode()).isEqualTo(137);
  }

  @Test
  void aSetupFailureOfTheSandboxThrows() throws IOException {
    ExecutionSpec spec = runs.spec("print(1)", 30, 256);
    Files.setPosixFilePermissions(spec.inputsDir(), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.delete(spec.inputsDir().resolve("input.txt"));
    Files.delete(spec.inputsDir());
    assertThatThrownBy(() -> BubblewrapExecutor.builder().build().execute(spec))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("bwrap: Can't find source path");
  }

  @Test
  void aFailureOfThePreludeThrowsWithItsOwnMessage() throws IOException {
    ExecutionSpec spec = runs.spec("open('/out/ran', 'w')", 30, 256);
    Files.createDirectory(spec.scratchDir().resolve("sandbox-status.json"));
    assertThatThrownBy(() -> BubblewrapExecutor.builder().build().execute(spec))
        .isInstanceOf(ExecutionException.class)
        .hasMessageStartingWith("the sandbox could not be prepared")
        .hasMessageContaining("sandbox-status.json: Is a directory");
    assertThat(spec.outputsDir().resolve("ran")).doesNotExist();
    assertThat(Files.readString(spec.scratchDir().resolve("stderr"))).isEmpty();
  }

  @Test
  void aBubblewrapWithoutTheNeededOptionsIsReportedAsTooOld() throws IOException {
    Path old = temp.resolve("bwrap-0.4");
    Files.writeString(old, "#!/bin/sh\necho 'bwrap: Unknown option --disable-userns' >&2\nexit 1\n");
    Files.setPosixFilePermissions(old, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    BubblewrapExecutor.Availability availability = BubblewrapExecutor.probe(old);
    assertThat(availability.available()).isFalse();
    assertThat(availability.message()).contains("bubblewrap is too old", "0.8.0 or later");
  }

  @Test
  void aProgramThatCannotBeExecutedIsRecordedAsSuch() throws IOException {
    ExecutionSpec spec = runs.spec("print(1)", 30, 256);
    ExecutionSpec missing = ExecutionSpec.builder()
        .request(dev.threegate.testkit.ToolRequests.valid().command("/usr/bin/threegate-no-such-program " + UUID.randomUUID()).toRequest())
        .inputsDir(spec.inputsDir())
        .outputsDir(spec.outputsDir())
        .scratchDir(spec.scratchDir())
        .limits(spec.limits())
        .build();
    ExecutionResult result = BubblewrapExecutor.builder().build().execute(missing);
    assertThat(result.status()).isEqualTo(ExecutionStatus.NONZERO_EXIT);
    assertThat(result.anomalies()).singleElement().asString()
        .startsWith("the program could not be started in the sandbox: bwrap: execvp /usr/bin/threegate-no-such-program");
  }

  @Test
  void aCleanRunObservesNoAnomaly() throws IOException {
    for (int i = 0; i < 20; i++) {
      ExecutionResult result = runs.run("print('hello')");
      assertThat(stdout(result)).isEqualTo("hello\n");
      assertThat(result.status()).isEqualTo(ExecutionStatus.COMPLETED);
      assertThat(result.anomalies()).as("run %d", i).isEmpty();
    }
  }

  @Test
  void aBackgroundProcessTheToolLeftDoesNotSurviveTheRun() throws IOException {
    String seconds = "60." + (1000 + new java.util.Random().nextInt(9000));
    ExecutionResult result = runs.run(
        "import subprocess; subprocess.Popen(['/usr/bin/sleep', '" + seconds + "'], start_new_session=True); print('left')");
    assertThat(result.status()).isEqualTo(ExecutionStatus.COMPLETED);
    // the PID namespace ends with the tool: the kernel kills what it left, nothing survives the run
    assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").equals("/usr/bin/sleep " + seconds)))
        .isEmpty();
  }
}
