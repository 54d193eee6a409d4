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
package dev.threegate.smolvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.Outcome;
import dev.threegate.ToolExecPipeline;
import dev.threegate.exec.ExecutionStatus;
import dev.threegate.exec.NetworkDestination;
import dev.threegate.exec.NetworkEnforcement;
import dev.threegate.policy.Policy;
import dev.threegate.request.Language;
import dev.threegate.result.ToolResult;
import dev.threegate.result.ToolResultParser;
import dev.threegate.result.ToolResultValidator;
import dev.threegate.testkit.SmolvmSimulator;
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

/**
 * The whole gate ({@link ToolExecPipeline}) on {@link SmolvmExecutor} driving the smolvm simulator:
 * real processes and files, every outcome, and no machine left behind.
 */
class SmolvmPipelineTest {
  @TempDir Path temp;
  private final String marker = "threegate-smolvm-" + UUID.randomUUID().toString().substring(0, 8);
  private int requests;
  private long maxOutputBytes;

  private SmolvmExecutor.Builder builder() {
    return SmolvmExecutor.builder()
        .smolvm(SmolvmSimulator.install(temp.resolve("bin")))
        .environment(SmolvmSimulator.STATE, state().toString())
        .gracePeriod(Duration.ofSeconds(3));
  }

  private Path state() {
    return temp.resolve("state");
  }

  private static Policy policy() {
    return Policy.defaults().newBuilder().allowParentheses(true)
        .allowPrograms(Language.PYTHON, "echo", "head", "false", "cp")
        .allowNetworkAllowlist(true)
        .networkAllowlistCeiling(List.of("api.example.test:443"))
        .build();
  }

  private Outcome run(ToolRequests request, SmolvmExecutor executor) {
    return run(request.requestId("TR-" + marker + "-" + (++requests)).toMarkdown(), executor);
  }

  private Outcome run(String markdown, SmolvmExecutor executor) {
    try {
      Path dir = Files.createDirectories(temp.resolve("requests"));
      Path file = Files.writeString(dir.resolve("TR-" + marker + "-" + requests + ".md"), markdown);
      ToolExecPipeline.Builder gate = ToolExecPipeline.builder().policy(policy()).executor(executor)
          .workDirectory(temp.resolve("work"));
      if (maxOutputBytes > 0) {
        gate.maxOutputBytes(maxOutputBytes);
      }
      return gate.build().run(file, temp.resolve("inputs"), temp.resolve("results"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static ToolRequests request(String command) {
    return ToolRequests.valid().backend("smolvm").command(command);
  }

  private static Outcome.Accepted accepted(Outcome outcome) {
    assertThat(outcome).as("%s", outcome).isInstanceOf(Outcome.Accepted.class);
    Outcome.Accepted accepted = (Outcome.Accepted) outcome;
    assertThat(ToolResultValidator.verifyingArtifacts().validate(accepted.written().resultFile()).violations())
        .as("the written result validates").isEmpty();
    return accepted;
  }

  private static String resultText(Outcome.Accepted accepted) throws IOException {
    return Files.readString(accepted.written().resultFile(), StandardCharsets.UTF_8);
  }

  @AfterEach
  void nothingIsLeft() {
    assertThat(SmolvmSimulator.machines(state())).as("machines left").isEmpty();
    assertThat(ProcessHandle.allProcesses()
            .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false)))
        .as("processes left running").isEmpty();
  }

  @Test
  void runsTheArgvAndRecordsTheMicrovmTheVersionAndTheLimits() throws IOException {
    Outcome.Accepted accepted = accepted(run(request("echo hello " + marker), builder().build()));
    assertThat(accepted.execution().status()).isEqualTo(ExecutionStatus.COMPLETED);
    assertThat(Files.readString(accepted.execution().stdout().file())).isEqualTo("hello " + marker + "\n");
    assertThat(accepted.execution().network()).isEqualTo(NetworkEnforcement.BACKEND);
    assertThat(accepted.execution().backend().version()).matches("1\\.9\\.3 sha256:[0-9a-f]{64}");
    String result = resultText(accepted);
    assertThat(result).contains("backend: smolvm", "network_enforcement: backend", "network_used: none",
        "smolvm --cpus (microVM vCPUs)", "smolvm --mem (microVM memory)", "smolvm --storage (microVM disk)",
        "Unexpected behavior: None observed.");
  }

  @Test
  void aNonZeroExitIsTheToolsAndAnErrorLineWhileTheMachineRunsStaysTheTools() throws IOException {
    Outcome.Accepted failed = accepted(run(request("false"), builder().build()));
    assertThat(failed.execution().status()).isEqualTo(ExecutionStatus.NONZERO_EXIT);
    assertThat(failed.execution().exitCode()).isEqualTo(1);

    Outcome.Accepted printed = accepted(run(request("python3 -c \"raise SystemExit('Error: from the tool')\" " + marker), builder().build()));
    assertThat(printed.execution().status()).isEqualTo(ExecutionStatus.NONZERO_EXIT);
    assertThat(printed.execution().exitCode()).isEqualTo(1);
    assertThat(printed.execution().anomalies()).anyMatch(a -> a.contains("while the machine still ran"));
  }

  @Test
  void aTimeoutIsMarkedAndEndsLongBeforeTheTool() throws IOException {
    long start = System.nanoTime();
    Outcome.Accepted accepted = accepted(run(request("python3 -m timeit -n 1 -r 1 -s \"import time\" \"time.sleep(600) or '" + marker + "'\"").timeLimitSec(1),
        builder().build()));
    assertThat(accepted.execution().status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(accepted.execution().exitCode()).isEqualTo(-1);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(120));
    assertThat(resultText(accepted)).contains("status: timed_out");
  }

  @Test
  void aToolThatExits124BeforeTheLimitIsNotATimeout() throws IOException {
    Outcome.Accepted accepted = accepted(run(request("python3 -c \"raise SystemExit(124)\" " + marker), builder().build()));
    assertThat(accepted.execution().status()).isEqualTo(ExecutionStatus.NONZERO_EXIT);
    assertThat(accepted.execution().exitCode()).isEqualTo(124);
  }

  @Test
  void aToolFakingSmolvmsTimeoutLineIsNotATimeout() throws IOException {
    Outcome.Accepted accepted = accepted(run(request("python3 -c \"exit(open('/dev/stderr', 'wb', 0).write(b'command timed out after 999ms') and 124)\" "
        + marker), builder().build()));
    assertThat(accepted.execution().status()).isEqualTo(ExecutionStatus.NONZERO_EXIT);
    assertThat(accepted.execution().exitCode()).isEqualTo(124);
    assertThat(accepted.execution().anomalies()).anyMatch(a -> a.contains("not smolvm's timeout"));
  }

  @Test
  void smolvmsOutputTooLargeErrorIsAnOutputLimitNotTheToolsExit1() throws IOException {
    Outcome.Accepted accepted = accepted(run(request("python3 -c \"open('/dev/stdout', 'wb', 0).write(bytes(1000)) and open('/dev/stderr', 'wb', 0).write(bytes(1000))\" "
        + marker),
        builder().environment(SmolvmSimulator.TOTAL_CAP, "1500").build()));
    assertThat(accepted.execution().status()).isEqualTo(ExecutionStatus.OUTPUT_LIMIT);
    assertThat(accepted.execution().exitCode()).isEqualTo(-1);
    assertThat(accepted.execution().anomalies()).anyMatch(a -> a.contains("smolvm discarded the tool's whole output")
        && a.contains("command output too large"));
  }

  @Test
  void sweepStaleDeletesOnlyMachinesLabelledForThreegate() throws Exception {
    Path smolvm = SmolvmSimulator.install(temp.resolve("bin"));
    Files.createDirectories(state());
    for (List<String> create : List.of(
        List.of("machine", "create", "--name", "threegate-0123456789abcdef", "--label", "owner=threegate", "--label", "gate=old"),
        List.of("machine", "create", "--name", "someone-else", "--label", "owner=other"))) {
      List<String> command = new java.util.ArrayList<>(List.of(smolvm.toString()));
      command.addAll(create);
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      pb.environment().put(SmolvmSimulator.STATE, state().toString());
      Process p = pb.start();
      p.getInputStream().readAllBytes();
      assertThat(p.waitFor()).isZero();
    }
    List<String> swept = builder().build().sweepStale();
    assertThat(swept).containsExactly("threegate-0123456789abcdef");
    assertThat(SmolvmSimulator.machines(state())).containsExactly("someone-else");
    ProcessBuilder pb = new ProcessBuilder(smolvm.toString(), "machine", "delete", "--name", "someone-else", "-f");
    pb.environment().put(SmolvmSimulator.STATE, state().toString());
    Process p = pb.redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).isZero();
  }

  @Test
  void smolvmsOwnExit1IsAFailureWithoutAResult() {
    Outcome stopped = run(request("echo never " + marker), builder().environment(SmolvmSimulator.GUEST_STOP, "1").build());
    assertThat(stopped).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
      assertThat(f.stage()).isEqualTo(Outcome.Stage.EXECUTE);
      assertThat(f.message()).contains("smolvm failed", "Error: agent operation failed");
    });
    Outcome create = run(request("echo never " + marker), builder().environment(SmolvmSimulator.FAIL, "create").build());
    assertThat(create).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.message()).contains("smolvm machine create failed (exit 1)", "simulated failure"));
    assertThat(temp.resolve("results")).satisfies(dir -> {
      if (Files.isDirectory(dir)) {
        try (var files = Files.list(dir)) {
          assertThat(files.filter(p -> p.toString().endsWith(".md"))).as("no result written").isEmpty();
        }
      }
    });
  }

  @Test
  void aHungStartEndsWithinItsDeadlineAndTheMachineIsDeleted() {
    long start = System.nanoTime();
    Outcome outcome = run(request("echo never " + marker),
        builder().environment(SmolvmSimulator.HANG_START, "1").startTimeout(Duration.ofSeconds(2)).build());
    assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.message()).contains("smolvm machine start did not return within"));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
    assertThat(SmolvmSimulator.machines(state())).isEmpty();
  }

  @Test
  void anInterruptStopsTheRunAndStillDeletesTheMachine() throws Exception {
    java.util.concurrent.atomic.AtomicReference<Outcome> outcome = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
    SmolvmExecutor executor = builder().build();
    Thread thread = new Thread(() -> {
      outcome.set(run(request("python3 -m timeit -n 1 -r 1 -s \"import time\" \"time.sleep(60) or '" + marker + "'\"")
          .timeLimitSec(60), executor));
      interrupted.set(Thread.currentThread().isInterrupted());
    });
    thread.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline && !running()) {
      Thread.sleep(20);
    }
    assertThat(running()).as("the tool started").isTrue();
    thread.interrupt();
    thread.join(30_000);
    assertThat(thread.isAlive()).isFalse();
    assertThat(outcome.get()).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.message()).contains("interrupted"));
    assertThat(interrupted.get()).as("interrupt status kept").isTrue();
  }

  /** Whether the tool of this test is running (its marker is in a process's command line). */
  private boolean running() {
    return ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false));
  }

  @Test
  void theGatesOutputCapHolds() throws IOException {
    maxOutputBytes = 256 * 1024;
    Outcome.Accepted accepted = accepted(run(request("head -c 200000 /dev/zero"), builder().build()));
    assertThat(accepted.execution().status()).isEqualTo(ExecutionStatus.COMPLETED);
    assertThat(accepted.execution().stdout().bytes()).isEqualTo(200_000);
    Outcome.Accepted flooded = accepted(run(request("python3 -m timeit -n 1 -r 1 -s \"import sys\" \"[sys.stdout.write('x' * 65536) for _ in iter(int, 1)] or '" + marker + "'\""),
        builder().build()));
    assertThat(flooded.execution().status()).isEqualTo(ExecutionStatus.OUTPUT_LIMIT);
    assertThat(flooded.execution().stdout().truncated()).isTrue();
    assertThat(flooded.execution().stdout().bytes()).isEqualTo(256 * 1024);
  }

  @Test
  void smolvmsOwnBufferCapIsRecordedAsAnOutputLimit() throws IOException {
    Outcome.Accepted accepted = accepted(run(request("head -c 300000 /dev/zero"),
        builder().environment(SmolvmSimulator.OUTPUT_CAP, "100000").smolvmOutputCap(100_000).build()));
    assertThat(accepted.execution().status()).isEqualTo(ExecutionStatus.OUTPUT_LIMIT);
    assertThat(accepted.execution().stdout().bytes()).isEqualTo(100_000);
    assertThat(accepted.execution().anomalies()).anyMatch(a -> a.contains("smolvm's own buffer"));
  }

  @Test
  void stagesInputsAndCollectsOutputs() throws IOException {
    byte[] csv = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
    Files.createDirectories(temp.resolve("inputs"));
    Files.write(temp.resolve("inputs/data.csv"), csv);
    Outcome.Accepted accepted = accepted(run(request("cp /in/data.csv /out/copy.csv")
        .input("data.csv", csv).output("/out/copy.csv", "the input, copied"), builder().build()));
    assertThat(accepted.execution().artifacts()).singleElement().satisfies(a -> {
      assertThat(a.name()).isEqualTo("copy.csv");
      assertThat(a.sha256()).isEqualTo(ToolRequests.sha256(csv));
    });
    assertThat(Files.readAllBytes(temp.resolve("inputs/data.csv"))).isEqualTo(csv);
  }

  private String allowlisted(String command) {
    return request(command).requestId("TR-" + marker + "-" + (++requests)).toMarkdown()
        .replace("network: \"none\"\n", "network: \"allowlist\"\nnetwork_allowlist:\n  - \"api.example.test:443\"\n");
  }

  @Test
  void anEmptyAllowlistIsRefusedBeforeAnyMachineIsCreated() {
    // refused by the request's validation; the executor refuses it too (defence in depth)
    String markdown = request("echo " + marker).requestId("TR-" + marker + "-" + (++requests)).toMarkdown()
        .replace("network: \"none\"\n", "network: \"allowlist\"\nnetwork_allowlist: []\n");
    Outcome outcome = run(markdown, builder().build());
    assertThat(outcome).as("%s", outcome).isInstanceOfSatisfying(Outcome.Rejected.class,
        r -> assertThat(r.toString()).contains("network.allowlist_empty"));
    assertThat(SmolvmSimulator.machines(state())).isEmpty();
  }

  @Test
  void anAllowlistRunRecordsSmolvmsDenialsAsNetworkDestinations() throws IOException {
    Outcome.Accepted accepted = accepted(run(allowlisted("echo " + marker),
        builder().environment(SmolvmSimulator.DENY, "203.0.113.9:443,203.0.113.9:443,evil.example.test").build()));
    assertThat(accepted.execution().network()).isEqualTo(NetworkEnforcement.BACKEND);
    assertThat(accepted.execution().networkDestinations())
        .extracting(NetworkDestination::host, NetworkDestination::port, NetworkDestination::allowed, NetworkDestination::attempts)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("203.0.113.9", 443, false, 2L),
            org.assertj.core.groups.Tuple.tuple("evil.example.test", 53, false, 1L));
    ToolResult read = ToolResultParser.standard().parse(accepted.written().resultFile());
    assertThat(read.networkDestinations()).hasSize(2);
    assertThat(resultText(accepted)).contains("network_enforcement: backend", "network_used: allowlist",
        "Network destinations: 2 tried, 0 allowed, 2 denied");
    assertThat(accepted.execution().anomalies()).anyMatch(a -> a.contains("on every port"));
  }

  @Test
  void anAllowlistIsRefusedBelowTheVersionThatEnforcesIt() {
    SmolvmExecutor old = builder().environment(SmolvmSimulator.VERSION, "1.8.1").build();
    assertThat(old.allowlistSupported()).isFalse();
    assertThat(old.backend().version()).startsWith("1.8.1 sha256:");
    Outcome outcome = run(allowlisted("echo " + marker), old);
    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
  }
}
