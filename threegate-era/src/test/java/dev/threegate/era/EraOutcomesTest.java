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
package dev.threegate.era;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.Outcome;
import dev.threegate.ToolExecPipeline;
import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionStatus;
import dev.threegate.exec.Executor;
import dev.threegate.policy.Policy;
import dev.threegate.policy.PolicyValidator;
import dev.threegate.request.Language;
import dev.threegate.result.ToolResultValidator;
import dev.threegate.testkit.ToolRequests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The outcomes both ERA executors ({@link EraExecutor}, {@link EraWrapperExecutor}) must give, through the whole pipeline with real
 * processes and files. Subclasses provide the executor.
 */
abstract class EraOutcomesTest {
  @TempDir Path temp;
  protected final String marker = "threegate-era-" + UUID.randomUUID().toString().substring(0, 8);
  private int requests;

  /** The executor under test, built in {@code temp}. */
  abstract Executor executor();

  /** Whether the form supports /in and /out. */
  abstract boolean supportsFiles();

  /** Called after each test: e.g. the VMs were cleaned. */
  void afterRun() throws IOException {}

  Outcome run(ToolRequests request) {
    return run(request, executor(), ToolExecPipeline.builder());
  }

  Outcome run(ToolRequests request, Executor executor, ToolExecPipeline.Builder builder) {
    Path file = request.requestId("TR-" + marker + "-" + (++requests)).writeTo(temp.resolve("requests"));
    ToolExecPipeline gate =
        builder.executor(executor)
            .validator(PolicyValidator.of(Policy.defaults().newBuilder().allowParentheses(true)
                // the outcome tests use small host programs; the policy lists them as the escape hatch allows
                .allowPrograms(Language.PYTHON, "echo", "head", "false", "ls", "cp", "perl", "no-such-program-xyz")
                .build()))
            .workDirectory(temp.resolve("work"))
            .build();
    return gate.run(file, temp.resolve("inputs"), temp.resolve("results"));
  }

  static Outcome.Accepted accepted(Outcome outcome) {
    assertThat(outcome).as("%s", outcome).isInstanceOf(Outcome.Accepted.class);
    Outcome.Accepted accepted = (Outcome.Accepted) outcome;
    assertThat(ToolResultValidator.verifyingArtifacts().validate(accepted.written().resultFile()).violations())
        .as("the written result validates").isEmpty();
    return accepted;
  }

  /** The published stdout artifact (the run directory itself is gone once the pipeline returns). */
  static String stdout(Outcome.Accepted accepted) throws IOException {
    return Files.readString(accepted.written().artifacts().get(0), StandardCharsets.UTF_8);
  }

  static String resultText(Outcome.Accepted accepted) throws IOException {
    return Files.readString(accepted.written().resultFile(), StandardCharsets.UTF_8);
  }

  @AfterEach
  void nothingIsLeft() throws IOException {
    afterRun();
    assertThat(ProcessHandle.allProcesses()
            .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false)))
        .as("processes left running").isEmpty();
    assertThat(Thread.getAllStackTraces().keySet())
        .as("runner threads left") // the file openers are a shared pool of idle daemon threads, not a run's
        .noneMatch(t -> t.getName().startsWith("threegate-") && !t.getName().equals("threegate-open") && t.isAlive());
  }

  @Test
  void runsACommandAndRecordsThatNothingEnforcedTheNetwork() throws IOException {
    Outcome.Accepted accepted = accepted(run(ToolRequests.valid().command("echo hello " + marker)));
    ExecutionResult execution = accepted.execution();
    assertThat(execution.status()).isEqualTo(ExecutionStatus.COMPLETED);
    assertThat(stdout(accepted)).isEqualTo("hello " + marker + "\n");
    String result = resultText(accepted);
    assertThat(result).contains("network_enforcement: not_enforced", "network_used: unknown", "NOT enforced");
    assertThat(result).contains("backend: ERA");
  }

  @ParameterizedTest(name = "exit {1}: {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "false | 1",
        "ls /in/no-such-file | 2",
        "no-such-program-xyz | 127",
        "perl -e \"exit 255\" | 255"
      })
  void reportsTheToolsExitCodeAsData(String command, int code) throws IOException {
    Outcome.Accepted accepted = accepted(run(ToolRequests.valid().command(command)));
    assertThat(accepted.exitCode()).isZero();
    assertThat(accepted.execution().status()).isEqualTo(ExecutionStatus.NONZERO_EXIT);
    assertThat(accepted.execution().exitCode()).isEqualTo(code);
    assertThat(resultText(accepted)).contains("exit_code: " + code, "status: nonzero_exit");
  }

  @Test
  void endsATimeoutLongBeforeTheToolWouldHaveEnded() throws IOException {
    long start = System.nanoTime();
    Outcome.Accepted accepted = accepted(run(ToolRequests.valid().timeLimitSec(1).command("python3 -m timeit -n 1 -r 1 -s \"import time\" \"time.sleep(600) or '" + marker + "'\"")));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(accepted.execution().status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(accepted.execution().exitCode()).isEqualTo(-1);
    // Far below the tool's 600 s sleep, far above the 1 s limit: only a run that waited for it fails.
    assertThat(took).isLessThan(Duration.ofSeconds(120));
    assertThat(resultText(accepted)).contains("status: timed_out", "the time limit of 1 s ran out");
  }

  @Test
  void aChildThatIgnoresSigtermIsStillStoppedInTime() throws IOException {
    long start = System.nanoTime();
    Outcome.Accepted accepted =
        accepted(run(ToolRequests.valid().timeLimitSec(1).command("python3 -m timeit -n 1 -r 1 -s \"import signal, time\" \"signal.signal(15, signal.SIG_IGN) or time.sleep(600) or '" + marker + "'\"")));
    assertThat(accepted.execution().status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(120));
  }

  @Test
  void returnsWhenAGrandchildKeepsStdoutOpen() throws IOException {
    // COMPLETED, not TIMED_OUT: the run returned before the 20 s limit, not after the grandchild's 30 s.
    Outcome.Accepted accepted =
        accepted(run(ToolRequests.valid().timeLimitSec(20)
            .command("python3 -m timeit -n 1 -r 1 -s \"import os\" \"print('parent', flush=True) if os.fork() else os.execv('/usr/bin/sleep', ['" + marker + "', '30'])\"")));
    assertThat(accepted.execution().status()).isEqualTo(ExecutionStatus.COMPLETED);
    assertThat(stdout(accepted)).contains("parent");
  }

  @Test
  void capturesBinaryOutputExactly() throws IOException {
    Outcome.Accepted accepted = accepted(run(ToolRequests.valid().command("head -c 4096 /dev/urandom")));
    assertThat(accepted.execution().stdout().bytes()).isEqualTo(4096);
    byte[] captured = Files.readAllBytes(accepted.written().artifacts().get(0));
    assertThat(ToolRequests.sha256(captured)).isEqualTo(accepted.execution().stdout().sha256());
  }

  @Test
  void stagesInputsAndCollectsOutputs() throws IOException {
    if (!supportsFiles()) {
      Outcome outcome = run(ToolRequests.valid().command("cat /in/data.csv").input("data.csv", new byte[] {1}));
      assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class,
          r -> assertThat(r.violations()).extracting(v -> v.code()).contains("backend.inputs_unsupported"));
      return;
    }
    byte[] csv = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
    Files.createDirectories(temp.resolve("inputs"));
    Files.write(temp.resolve("inputs/data.csv"), csv);
    Outcome.Accepted accepted =
        accepted(run(ToolRequests.valid().command("cp /in/data.csv /out/copy.csv")
            .input("data.csv", csv).output("/out/copy.csv", "the input, copied")));
    assertThat(accepted.execution().artifacts()).singleElement().satisfies(a -> {
      assertThat(a.name()).isEqualTo("copy.csv");
      assertThat(a.sha256()).isEqualTo(ToolRequests.sha256(csv));
    });
    assertThat(resultText(accepted)).contains("Unexpected behavior: None observed.");
    List<Path> written = accepted.written().artifacts();
    assertThat(written.get(2)).hasFileName("copy.csv").hasBinaryContent(csv);
  }
}
