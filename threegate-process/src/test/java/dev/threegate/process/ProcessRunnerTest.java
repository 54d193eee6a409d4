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
package dev.threegate.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threegate.exec.ExecutionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {
  private static final Map<String, String> ENV = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin");
  private final ProcessRunner runner = ProcessRunner.standard();
  private final String marker = "threegate-test-" + UUID.randomUUID();
  @TempDir Path temp;
  private int runs;

  private ProcessResult run(Duration timeout, long cap, String... command) {
    runs++;
    return runner.run(ProcessSpec.builder()
        .command(List.of(command))
        .workingDirectory(temp)
        .environment(ENV)
        .timeout(timeout)
        .stdoutFile(temp.resolve("out" + runs))
        .stderrFile(temp.resolve("err" + runs))
        .maxOutputBytes(cap)
        .build());
  }

  private ProcessResult bash(Duration timeout, String script) {
    return run(timeout, 1 << 20, "bash", "-c", script, marker);
  }

  private static String text(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /** Processes whose command line carries this test's marker. */
  private List<ProcessHandle> leftovers() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false)
            || p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
        .toList();
  }

  @AfterEach
  void nothingIsLeftRunning() {
    assertThat(leftovers()).isEmpty();
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("threegate-") && t.isAlive());
  }

  @Test
  void capturesBothStreamsAndTreatsAnExitCodeAsData() throws IOException {
    ProcessResult result = bash(Duration.ofSeconds(10), "echo out; echo err >&2; exit 3");
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.termination()).isEqualTo(ProcessResult.Termination.EXITED);
    assertThat(text(result.stdout().file())).isEqualTo("out\n");
    assertThat(text(result.stderr().file())).isEqualTo("err\n");
    assertThat(result.stdout().lines()).isEqualTo(1);
    assertThat(result.anomalies()).isEmpty();
  }

  @Test
  void passesArgumentsVerbatimAndOnlyTheGivenEnvironment() throws IOException {
    ProcessResult result =
        run(Duration.ofSeconds(10), 1 << 20, "printf", "[%s]\\n", "a b", "\"q\"", "$HOME", "x;y", "${PATH}", "'s'", "");
    assertThat(text(result.stdout().file())).isEqualTo("[a b]\n[\"q\"]\n[$HOME]\n[x;y]\n[${PATH}]\n['s']\n[]\n");
    ProcessResult env = run(Duration.ofSeconds(10), 1 << 20, "env");
    assertThat(text(env.stdout().file()).lines()).containsExactly("PATH=/usr/local/bin:/usr/bin:/bin");
  }

  @Test
  void killsTheWholeTreeAtTheDeadlineEvenWhenSigtermIsIgnored() {
    long start = System.nanoTime();
    ProcessResult result = bash(Duration.ofSeconds(1), "trap '' TERM; (exec -a \"$0\" sleep 600) & (exec -a \"$0\" sleep 600); wait");
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertThat(result.termination()).isEqualTo(ProcessResult.Termination.TIMED_OUT);
    assertThat(result.exitCode()).isEqualTo(-1);
    // Far below the children's 600 s sleep, far above the 1 s deadline: only a run that waited for them fails.
    assertThat(millis).isLessThan(120_000);
  }

  @Test
  void returnsWhenAGrandchildKeepsTheOutputOpen() throws IOException {
    // EXITED, not TIMED_OUT: the run returned before the 20 s deadline, not after the grandchild's 30 s.
    ProcessResult result = bash(Duration.ofSeconds(20), "(exec -a \"$0\" sleep 30) & echo started");
    assertThat(result.termination()).isEqualTo(ProcessResult.Termination.EXITED);
    assertThat(result.exitCode()).isZero();
    assertThat(text(result.stdout().file())).isEqualTo("started\n");
    assertThat(result.anomalies()).anyMatch(a -> a.contains("leftover") || a.contains("left running"));
  }

  /** Starts a child in its own session holding none of the pipes, and waits a second before exiting. */
  private ProcessResult startDetachedChild(boolean keep) {
    runs++;
    return runner.run(ProcessSpec.builder()
        .command(List.of("bash", "-c",
            "setsid bash -c 'exec -a \"$0\" sleep 60' \"$0\" </dev/null >/dev/null 2>&1 & echo $!; sleep 1", marker))
        .workingDirectory(temp)
        .environment(ENV)
        .timeout(Duration.ofSeconds(30))
        .stdoutFile(temp.resolve("out" + runs))
        .stderrFile(temp.resolve("err" + runs))
        .maxOutputBytes(1 << 20)
        .keepDescendants(keep)
        .build());
  }

  @Test
  void keepDescendantsLeavesAChildThatHoldsNoPipesRunningAfterANormalExit() throws Exception {
    ProcessResult result = startDetachedChild(true);
    // EXITED, not TIMED_OUT: the run returned before the 30 s deadline, not after the child's 60 s.
    assertThat(result.termination()).isEqualTo(ProcessResult.Termination.EXITED);
    assertThat(result.exitCode()).isZero();
    ProcessHandle child = ProcessHandle.of(Long.parseLong(text(result.stdout().file()).strip())).orElseThrow();
    try {
      assertThat(child.isAlive()).as("the kept child still runs").isTrue();
      assertThat(result.anomalies()).noneMatch(a -> a.contains("left running"));
    } finally {
      child.destroyForcibly();
      child.onExit().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void withoutKeepDescendantsTheSameChildIsKilled() throws Exception {
    ProcessResult result = startDetachedChild(false);
    assertThat(result.termination()).isEqualTo(ProcessResult.Termination.EXITED);
    long pid = Long.parseLong(text(result.stdout().file()).strip());
    Optional<ProcessHandle> child = ProcessHandle.of(pid);
    if (child.isPresent()) {
      child.get().onExit().get(30, TimeUnit.SECONDS);
    }
    assertThat(result.anomalies()).anyMatch(a -> a.contains("left running were killed"));
  }

  @Test
  void stopsTheRunAtTheOutputCap() {
    // OUTPUT_LIMIT, not TIMED_OUT: the cap, not the 20 s deadline, ended the run.
    ProcessResult result = run(Duration.ofSeconds(20), 1 << 20, "yes", marker);
    assertThat(result.termination()).isEqualTo(ProcessResult.Termination.OUTPUT_LIMIT);
    assertThat(result.stdout().bytes()).isEqualTo(1 << 20);
    assertThat(result.stdout().truncated()).isTrue();
  }

  @Test
  void refusesAProgramItCannotFind() {
    assertThatThrownBy(() -> run(Duration.ofSeconds(5), 100, "no-such-program-" + marker))
        .isInstanceOf(ExecutionException.class).hasMessageContaining("cannot find");
    assertThatThrownBy(() -> run(Duration.ofSeconds(5), 100, "/nonexistent/agent"))
        .isInstanceOf(ExecutionException.class).hasMessageContaining("not an executable");
  }

  @Test
  void anInterruptKillsTheTreeAndKeepsTheInterruptStatus() throws Exception {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> interrupted = new AtomicReference<>();
    Thread worker = new Thread(() -> {
      try {
        bash(Duration.ofSeconds(30), "(exec -a \"$0\" sleep 30)");
      } catch (Throwable t) {
        thrown.set(t);
        interrupted.set(Thread.currentThread().isInterrupted());
      }
    });
    worker.start();
    Thread.sleep(500);
    worker.interrupt();
    worker.join(10_000);
    assertThat(worker.isAlive()).isFalse();
    assertThat(thrown.get()).isInstanceOf(ExecutionException.class).hasMessageContaining("interrupted");
    assertThat(interrupted.get()).isTrue();
  }

  @Test
  void failsAtOnceWhenTheWorkingDirectoryIsMissing() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> runner.run(ProcessSpec.builder()
        .command(List.of("true"))
        .workingDirectory(temp.resolve("missing"))
        .environment(ENV)
        .timeout(Duration.ofSeconds(600))
        .stdoutFile(temp.resolve("out"))
        .stderrFile(temp.resolve("err"))
        .maxOutputBytes(100)
        .build()))
        .isInstanceOf(ExecutionException.class).hasMessageContaining("working directory");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no wait for a process that never started")
        .isLessThan(Duration.ofSeconds(120));
    assertThat(temp.resolve("out")).doesNotExist();
  }

  @Test
  void aStderrCaptureThatCannotBeCreatedLeavesNoStdoutFile() {
    assertThatThrownBy(() -> runner.run(ProcessSpec.builder()
        .command(List.of("true"))
        .workingDirectory(temp)
        .environment(ENV)
        .timeout(Duration.ofSeconds(30))
        .stdoutFile(temp.resolve("out"))
        .stderrFile(temp.resolve("no-such-dir/err"))
        .maxOutputBytes(100)
        .build()))
        .isInstanceOf(ExecutionException.class).hasMessageContaining("no-such-dir/err");
    assertThat(temp.resolve("out")).doesNotExist();
  }

  @Test
  @org.junit.jupiter.api.Timeout(value = 15, unit = java.util.concurrent.TimeUnit.MINUTES)
  void aFullDiskDuringCaptureIsAnExecutionFailureAndStopsTheTool() throws Exception {
    Path small = Files.createDirectory(temp.resolve("small"));
    org.junit.jupiter.api.Assumptions.assumeTrue(
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", small.toString()).start().waitFor() == 0,
        "needs permission to mount a small tmpfs");
    try {
      long start = System.nanoTime();
      // Far more output than the disk holds, then a long sleep: a pump that stopped draining
      // would leave the writer blocked until the one-hour deadline; a busy machine takes seconds.
      assertThatThrownBy(() -> runner.run(ProcessSpec.builder()
          .command(List.of("bash", "-c", "head -c 50000000 /dev/zero; echo done >&2; exec -a \"$0\" sleep 120", marker))
          .workingDirectory(temp)
          .environment(ENV)
          .timeout(Duration.ofHours(1))
          .stdoutFile(small.resolve("out"))
          .stderrFile(temp.resolve("err"))
          .maxOutputBytes(1L << 30)
          .build()))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("could not be captured");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as("stopped at once, not at the deadline")
          .isLessThan(Duration.ofMinutes(10));
    } finally {
      new ProcessBuilder("umount", small.toString()).start().waitFor();
    }
  }
}
