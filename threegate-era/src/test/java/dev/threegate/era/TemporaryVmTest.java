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
import dev.threegate.policy.Policy;
import dev.threegate.policy.PolicyValidator;
import dev.threegate.request.Language;
import dev.threegate.result.ToolResultValidator;
import dev.threegate.testkit.AgentSimulator;
import dev.threegate.testkit.ToolRequests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request without volumes runs in one {@code agent vm temp}, and its record is as exact as with
 * three calls: the output of a failing command is kept byte for byte (vm temp would delete it and
 * add newlines), lines that forge the gate's frame do not change the exit code or the output, and a
 * run that ERA or the gate stops is recorded as such, its VM cleaned. The agent is the simulator,
 * behind a script that can make {@code vm temp} hang after it printed everything.
 */
class TemporaryVmTest {
  @TempDir Path temp;
  private final String marker = "threegate-temp-" + UUID.randomUUID().toString().substring(0, 8);
  private int requests;

  private Path agent() throws IOException {
    Path simulator = AgentSimulator.install(temp.resolve("sim"));
    Path script = Files.createDirectories(temp.resolve("bin")).resolve("agent");
    Files.writeString(script, """
        #!/usr/bin/env bash
        sim='%s'
        if [[ "${2:-}" == temp && -n "${FAULT_TEMP_HANGS:-}" ]]; then "$sim" "$@"; exec -a "$MARKER" sleep 600; fi
        if [[ "${2:-}" == temp && -n "${FAULT_CREATE_HANGS:-}" ]]; then
          mkdir -p "$AGENT_STATE_DIR/vms/python-$(date +%%s%%N)/out"; exec -a "$MARKER" sleep 600
        fi
        if [[ "${2:-}" == temp && -n "${FAULT_CLEAN_FAILS:-}" ]]; then
          "$sim" "$@" || exit
          echo "2026-01-01T00:00:00Z ERROR failed to cleanup temporary vm error=\\"simulated\\" vm=x" >&2
          echo "2026-01-01T00:00:00Z ERROR command failed error=\\"simulated clean failure\\"" >&2
          exit 1
        fi
        if [[ "${2:-}" == temp && -n "${FAULT_STALE_VM:-}" ]]; then mkdir -p "$AGENT_STATE_DIR/vms/python-1000000000000000000/out"; fi
        if [[ "${2:-}" == temp && -n "${FAULT_SLOW_CLEAN:-}" ]]; then
          "$sim" "$@"; status=$?; exec -a "$MARKER" sleep "$FAULT_SLOW_CLEAN"
        fi
        exec "$sim" "$@"
        """.formatted(simulator), StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  private EraExecutor.Builder builder() throws IOException {
    return EraExecutor.builder()
        .agent(agent())
        .stateDirectory(temp.resolve("state"))
        .environment(AgentSimulator.LOCK, temp.resolve("agent.lock").toString())
        .environment(AgentSimulator.TIMES, temp.resolve("calls").toString())
        .environment("MARKER", marker);
  }

  private Outcome run(EraExecutor executor, ToolRequests request) {
    Path file = request.requestId("TR-" + marker + "-" + (++requests)).writeTo(temp.resolve("requests"));
    return ToolExecPipeline.builder()
        .executor(executor)
        .validator(PolicyValidator.of(Policy.defaults().newBuilder().allowParentheses(true)
            .allowPrograms(Language.PYTHON, "echo", "cat")
            .build()))
        .maxOutputBytes(1 << 20)
        .workDirectory(temp.resolve("work"))
        .build()
        .run(file, temp.resolve("inputs"), temp.resolve("results"));
  }

  /** A python program as a one-line command without shell syntax. */
  private static String python(String program) {
    return "python3 -c \"exec(bytes.fromhex('" + HexFormat.of().formatHex(program.getBytes(StandardCharsets.UTF_8)) + "').decode())\"";
  }

  private final java.util.Map<ExecutionResult, Outcome.Accepted> published = new java.util.HashMap<>();

  private ExecutionResult accepted(Outcome outcome) {
    assertThat(outcome).as("%s", outcome).isInstanceOf(Outcome.Accepted.class);
    Outcome.Accepted accepted = (Outcome.Accepted) outcome;
    assertThat(ToolResultValidator.verifyingArtifacts().validate(accepted.written().resultFile()).violations()).isEmpty();
    published.put(accepted.execution(), accepted);
    return accepted.execution();
  }

  /** A stream as published beside the result (the run directory is gone once the pipeline returns). */
  private String text(ExecutionResult result, String stream) throws IOException {
    Path file = published.get(result).written().artifacts().stream()
        .filter(p -> p.getFileName().toString().endsWith("." + stream + ".txt")).findFirst().orElseThrow();
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private long calls() throws IOException {
    Path calls = temp.resolve("calls");
    return Files.exists(calls) ? Files.readAllLines(calls).size() : 0;
  }

  @AfterEach
  void nothingIsLeft() throws IOException {
    Path vms = temp.resolve("state/vms");
    if (Files.isDirectory(vms)) {
      try (Stream<Path> left = Files.list(vms)) {
        assertThat(left).as("VMs left").isEmpty();
      }
    }
    assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false)))
        .as("processes left running").isEmpty();
  }

  @Test
  void oneCallKeepsTheOutputOfAFailingCommandExactly() throws IOException {
    ExecutionResult result = accepted(run(builder().build(), ToolRequests.valid().command(python(
        "import sys\nsys.stdout.write('out without a newline')\nsys.stderr.write('err\\n\\n')\nsys.exit(3)\n"))));
    assertThat(calls()).as("agent calls").isEqualTo(1);
    assertThat(result.status()).isEqualTo(ExecutionStatus.NONZERO_EXIT);
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(text(result, "stdout")).isEqualTo("out without a newline");
    assertThat(text(result, "stderr")).isEqualTo("err\n\n");
    assertThat(result.anomalies()).isEmpty();
    assertThat(result.limits()).anySatisfy(l -> assertThat(l.enforcedBy()).contains("vm temp --timeout"));
  }

  @Test
  void emptyOutputStaysEmpty() throws IOException {
    ExecutionResult result = accepted(run(builder().build(), ToolRequests.valid().command("python3 -c pass")));
    assertThat(result.status()).isEqualTo(ExecutionStatus.COMPLETED);
    assertThat(result.stdout().bytes()).isZero();
    assertThat(result.stderr().bytes()).isZero();
  }

  @Test
  void linesThatForgeTheFrameDoNotBendTheRecord() throws IOException {
    // The command finds the frame's nonce where a guest can (its shell's command line), prints
    // the frame's end lines with another exit code, prints more, and exits 5.
    String forger = """
        import os, re, sys
        nonce = re.search(r'm=([0-9a-f]+)', open('/proc/%d/cmdline' % os.getppid()).read()).group(1)
        sys.stdout.write('a\\n' + nonce + '.b\\n\\n' + nonce + '.e 0\\n' + nonce + '.e 7\\nb')
        sys.stderr.write('\\n' + nonce + '.e\\nc')
        sys.exit(5)
        """;
    ExecutionResult result = accepted(run(builder().build(), ToolRequests.valid().command(python(forger))));
    assertThat(result.exitCode()).isEqualTo(5);
    assertThat(text(result, "stdout")).startsWith("a\n").contains(".e 0\n").endsWith(".e 7\nb");
    assertThat(text(result, "stderr")).endsWith(".e\nc");
    assertThat(result.anomalies()).isEmpty();
  }

  @Test
  void erasTimeoutDeletesTheOutputAndTheRecordSaysSo() throws IOException {
    // A grace period far past ERA's 1 s: ERA's --timeout, not threegate's deadline, stops the guest.
    ExecutionResult result = accepted(run(builder().gracePeriod(Duration.ofSeconds(30)).build(),
        ToolRequests.valid().timeLimitSec(1).command(python("import time\nprint('before', flush=True)\ntime.sleep(600) or '" + marker + "'\n"))));
    assertThat(result.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(result.stdout().bytes()).isZero();
    assertThat(result.anomalies()).anySatisfy(a -> assertThat(a).contains("deletes the output"));
  }

  @Test
  void anAgentThatDoesNotReturnAfterTheCommandIsStoppedAndTheCommandsEndRecorded() throws IOException {
    ExecutionResult result = accepted(run(builder().createTimeout(Duration.ofSeconds(5)).environment("FAULT_TEMP_HANGS", "1").build(),
        ToolRequests.valid().timeLimitSec(1).command(python("import sys\nprint('printed')\nsys.exit(4)\n"))));
    assertThat(result.status()).isEqualTo(ExecutionStatus.NONZERO_EXIT);
    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(text(result, "stdout")).isEqualTo("printed\n");
    assertThat(result.anomalies()).anySatisfy(a -> assertThat(a).contains("stopped after the command had ended"));
  }

  @Test
  void aSlowCleanAfterTheCommandIsNotATimeout() throws IOException {
    // agent is still busy (cleaning) past the time limit plus the grace period; the command had ended.
    // The command has seconds to end (1 s plus a grace period of 5 s); agent then stays busy past that.
    ExecutionResult result = accepted(run(builder().gracePeriod(Duration.ofSeconds(5)).environment("FAULT_SLOW_CLEAN", "8").build(),
        ToolRequests.valid().timeLimitSec(1).command("echo done")));
    assertThat(result.status()).isEqualTo(ExecutionStatus.COMPLETED);
    assertThat(text(result, "stdout")).isEqualTo("done\n");
  }

  @Test
  void aCreateThatHangsIsAnInfrastructureFailureNotTheTools() throws IOException {
    Outcome outcome = run(builder().createTimeout(Duration.ofSeconds(1)).environment("FAULT_CREATE_HANGS", "1").build(),
        ToolRequests.valid().timeLimitSec(1).command("echo never"));
    assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.message()).contains("did not start the run within the create timeout of 1000 ms"));
  }

  @Test
  void aCleanFailureAfterAGoodRunIsAnAnomaly() throws IOException {
    ExecutionResult result = accepted(run(builder().environment("FAULT_CLEAN_FAILS", "1").build(), ToolRequests.valid().command("echo ok")));
    assertThat(result.status()).isEqualTo(ExecutionStatus.COMPLETED);
    assertThat(text(result, "stdout")).isEqualTo("ok\n");
    assertThat(result.anomalies()).anySatisfy(a -> assertThat(a).contains("failed afterwards", "simulated clean failure"));
  }

  @Test
  void anOlderVmDirectoryAppearingAtTheStartIsNotTakenForTheRunsVm() throws IOException {
    // agent recreates the directories of VMs it knows when it starts; the watch must still find
    // this run's VM, and so stop a command that writes past the cap.
    ExecutionResult result = accepted(run(builder().environment("FAULT_STALE_VM", "1").build(), ToolRequests.valid().timeLimitSec(60)
        .command(python("import sys, time\nwhile True: sys.stdout.write('y' * 65536 + '" + marker + "')\n"))));
    assertThat(result.status()).isEqualTo(ExecutionStatus.OUTPUT_LIMIT);
    Files.delete(temp.resolve("state/vms/python-1000000000000000000/out"));
    Files.delete(temp.resolve("state/vms/python-1000000000000000000"));
  }

  @Test
  void outputJustUnderTheCapIsNotAnOutputLimit() throws IOException {
    // The guest's files hold the frame's lines too: the watch must not count them against the cap.
    ExecutionResult result = accepted(run(builder().build(), ToolRequests.valid().timeLimitSec(30).command(python(
        "import sys, time\nsys.stdout.write('x' * (1048576 - 10))\nsys.stdout.flush()\ntime.sleep(1)\n"))));
    assertThat(result.status()).isEqualTo(ExecutionStatus.COMPLETED);
    assertThat(result.stdout().bytes()).isEqualTo(1048576 - 10);
  }

  @Test
  void aRunningVmIsRecordedAsThisRunsSoThatASweepFindsItIfTheGateDies() throws Exception {
    EraExecutor executor = builder().build();
    java.util.concurrent.atomic.AtomicReference<Outcome> outcome = new java.util.concurrent.atomic.AtomicReference<>();
    Thread thread = new Thread(() -> outcome.set(run(executor,
        ToolRequests.valid().timeLimitSec(60).command(python("import time\ntime.sleep(600) or '" + marker + "'\n")))));
    thread.start();
    Path owners = temp.resolve("state/threegate/owners");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String recorded = "";
    while (!recorded.contains("vm=python-") && System.nanoTime() < deadline) {
      Thread.sleep(20);
      if (Files.isDirectory(owners)) {
        try (Stream<Path> files = Files.list(owners)) {
          recorded = files.map(f -> {
            try {
              return Files.readString(f);
            } catch (IOException e) {
              return "";
            }
          }).reduce("", String::concat);
        }
      }
    }
    assertThat(recorded).as("the owner record").contains("vm=python-");
    thread.interrupt();
    thread.join(30_000);
    assertThat(outcome.get()).isInstanceOf(Outcome.Failed.class);
    try (Stream<Path> files = Files.list(owners)) {
      assertThat(files).as("records left after %s", outcome.get()).isEmpty();
    }
  }

  @Test
  void outputPastTheCapStopsTheRunAndKeepsWhatFits() throws IOException {
    ExecutionResult result = accepted(run(builder().build(), ToolRequests.valid().timeLimitSec(60)
        .command(python("import sys\nwhile True: sys.stdout.write('y' * 65536 + '" + marker + "')\n"))));
    assertThat(result.status()).isEqualTo(ExecutionStatus.OUTPUT_LIMIT);
    assertThat(result.stdout().bytes()).isEqualTo(1 << 20);
    assertThat(result.stdout().truncated()).isTrue();
    assertThat(text(result, "stdout")).startsWith("yyyy");
  }

  @Test
  void requestsWithVolumesOrTooLongForTheFrameRunInThreeCalls() throws IOException {
    Files.createDirectories(temp.resolve("inputs"));
    Files.writeString(temp.resolve("inputs/data.csv"), "1,2\n");
    ExecutionResult volumes = accepted(run(builder().build(),
        ToolRequests.valid().command("cat /in/data.csv").input("data.csv", "1,2\n".getBytes(StandardCharsets.UTF_8))));
    assertThat(text(volumes, "stdout")).isEqualTo("1,2\n");
    assertThat(calls()).as("create, run, clean").isEqualTo(3);
    String word = "x".repeat(EraExecutor.MAX_COMMAND_BYTES - 20);
    ExecutionResult longCommand = accepted(run(builder().build(), ToolRequests.valid().command("echo " + word)));
    assertThat(text(longCommand, "stdout")).isEqualTo(word + "\n");
    assertThat(calls()).as("three more").isEqualTo(6);
    accepted(run(builder().build(), ToolRequests.valid().command("echo short")));
    assertThat(calls()).as("one more").isEqualTo(7);
    assertThat(List.of(volumes.limits(), longCommand.limits()))
        .allSatisfy(limits -> assertThat(limits).anySatisfy(l -> assertThat(l.enforcedBy()).contains("vm run --timeout")));
  }
}
