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
package dev.threegate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.threegate.bubblewrap.BubblewrapExecutor;
import dev.threegate.testkit.AgentSimulator;
import dev.threegate.testkit.ToolRequests;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner as its own process, stopped mid-run by SIGTERM or killed by SIGKILL: nothing is
 * published half, nothing keeps running, and nothing is stale once the next runner has started.
 */
class RunnerProcessTest {
  @TempDir Path temp;
  private final String marker = "threegate_kill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final List<Process> started = new ArrayList<>();

  /** A python command that runs for minutes, carrying the marker. */
  private String longCommand() {
    return "python3 -m timeit -n 100000000000 -r 1 \"'" + marker + "'\"";
  }

  private Process runner(String... args) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    String classpath = Stream.of(System.getProperty("jdk.module.path", ""), System.getProperty("java.class.path", ""))
        .filter(s -> !s.isEmpty()).collect(Collectors.joining(File.pathSeparator));
    List<String> command = new ArrayList<>(List.of(java, "-Djava.io.tmpdir=" + Files.createDirectories(temp.resolve("tmp")),
        "-cp", classpath, "dev.threegate.cli.Main"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(temp.resolve("out-" + started.size() + ".txt").toFile())
        .redirectError(temp.resolve("err-" + started.size() + ".txt").toFile());
    builder.environment().put("PATH", "/usr/bin:/bin");
    Process process = builder.start();
    started.add(process);
    return process;
  }

  private String err(int index) throws IOException {
    return Files.readString(temp.resolve("err-" + index + ".txt"), StandardCharsets.UTF_8);
  }

  @AfterEach
  void stopEverything() {
    started.forEach(Process::destroyForcibly);
    ProcessHandle.allProcesses().filter(p -> cmdline(p).contains(marker)).forEach(ProcessHandle::destroyForcibly);
  }

  private static String cmdline(ProcessHandle p) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
    } catch (IOException e) {
      return "";
    }
  }

  private Path simulatedAgent() throws IOException {
    Path simulator = AgentSimulator.install(temp.resolve("sim"));
    Path agent = Files.createDirectories(temp.resolve("bin")).resolve("agent");
    Files.writeString(agent, "#!/usr/bin/env bash\nexport AGENT_SIM_LOCK='" + temp.resolve("agent.lock") + "'\nexec '" + simulator + "' \"$@\"\n");
    assertThat(agent.toFile().setExecutable(true)).isTrue();
    return agent;
  }

  private long running() {
    return ProcessHandle.allProcesses().filter(p -> {
      try {
        return p.isAlive() && Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline")).contains(marker);
      } catch (IOException e) {
        return false;
      }
    }).count();
  }

  /** Whether the tool itself (python, not the sandbox starting it) runs. */
  private boolean toolRuns() {
    return ProcessHandle.allProcesses().anyMatch(p -> cmdline(p).split("\0", 2)[0].endsWith("python3") && cmdline(p).contains(marker));
  }

  private boolean ownerRecordsAVm() {
    try (var owners = Files.list(temp.resolve("state/threegate/owners"))) {
      return owners.anyMatch(f -> {
        try {
          return Files.readString(f).contains("vm=");
        } catch (IOException e) {
          return false;
        }
      });
    } catch (IOException e) {
      return false;
    }
  }

  private List<String> left() {
    return ProcessHandle.allProcesses().filter(p -> cmdline(p).contains(marker))
        .map(p -> p.pid() + " ppid=" + p.parent().map(ProcessHandle::pid).orElse(-1L) + " " + cmdline(p).replace('\0', ' '))
        .toList();
  }

  private static boolean within(Duration limit, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  private List<String> names(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private void assertNothingPublishedOrStale(String requestId) throws IOException {
    assertThat(names(temp.resolve("results"))).as("published").allMatch(n -> n.startsWith("."));
    assertThat(names(temp.resolve("results/.threegate/staging"))).as("staged").isEmpty();
    assertThat(names(temp.resolve("tmp"))).as("run directories").noneMatch(n -> n.startsWith("threegate-run-"));
    try (FileChannel channel = FileChannel.open(temp.resolve("results/.threegate/locks/" + requestId + ".lock"), StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      assertThat(lock).as("the claim is free").isNotNull();
      lock.release();
    }
  }

  @Test
  void sigtermStopsTheSandboxCleansTheVmAndReleasesTheClaim() throws Exception {
    Path agent = simulatedAgent();
    Path request = ToolRequests.valid().requestId("TR-term").command(longCommand()).writeTo(temp.resolve("requests"));
    Process runner = runner("run", "--request", request.toString(), "--results-dir", temp.resolve("results").toString(),
        "--backend", "era", "--agent", agent.toString(), "--era-state-dir", temp.resolve("state").toString());
    assertThat(within(Duration.ofSeconds(60), () -> toolRuns())).as("the guest runs: %s", left()).isTrue();

    runner.destroy(); // SIGTERM
    assertThat(runner.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(runner.exitValue()).isNotZero();
    assertThat(within(Duration.ofSeconds(30), () -> running() == 0)).as("nothing left running: %s", left()).isTrue();
    assertThat(names(temp.resolve("state/vms"))).as("VMs").isEmpty();
    assertNothingPublishedOrStale("TR-term");
  }

  @Test
  void afterSigkillTheNextStartLeavesNothingStaleAndTheRequestCanRunAgain() throws Exception {
    assumeTrue(BubblewrapExecutor.probe().available(), BubblewrapExecutor.probe().message());
    Path request = ToolRequests.valid().backend("bubblewrap").requestId("TR-kill").command(longCommand()).writeTo(temp.resolve("requests"));
    Process runner = runner("run", "--request", request.toString(), "--results-dir", temp.resolve("results").toString(),
        "--backend", "bubblewrap");
    assertThat(within(Duration.ofSeconds(60), () -> toolRuns())).as("the tool runs: %s", left()).isTrue();

    runner.destroyForcibly(); // SIGKILL: no hook runs
    assertThat(runner.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(names(temp.resolve("tmp"))).as("left by the killed runner").anyMatch(n -> n.startsWith("threegate-run-"));

    Path quick = ToolRequests.valid().backend("bubblewrap").requestId("TR-next").command("python3 -V").writeTo(temp.resolve("next"));
    Process next = runner("run", "--request", quick.toString(), "--results-dir", temp.resolve("results").toString(),
        "--backend", "bubblewrap");
    assertThat(next.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(next.exitValue()).as(err(1)).isZero();
    assertThat(err(1)).contains("swept");
    assertThat(within(Duration.ofSeconds(30), () -> running() == 0)).as("nothing left running: %s", left()).isTrue();
    assertThat(names(temp.resolve("tmp"))).as("run directories").noneMatch(n -> n.startsWith("threegate-run-"));
    assertThat(names(temp.resolve("results/.threegate/staging"))).as("staged").isEmpty();
    assertThat(names(temp.resolve("results"))).as("published").noneMatch(n -> n.contains("TR-kill"));
  }

  @Test
  void afterSigkillOfAnEraRunnerTheNextStartKillsItsAgentAndCleansItsVm() throws Exception {
    Path agent = simulatedAgent();
    Path request = ToolRequests.valid().requestId("TR-era-kill").command(longCommand()).writeTo(temp.resolve("requests"));
    String[] era = {"--results-dir", temp.resolve("results").toString(), "--backend", "era", "--agent", agent.toString(),
        "--era-state-dir", temp.resolve("state").toString()};
    List<String> first = new ArrayList<>(List.of("run", "--request", request.toString()));
    first.addAll(List.of(era));
    Process runner = runner(first.toArray(String[]::new));
    assertThat(within(Duration.ofSeconds(60), () -> toolRuns())).as("the guest runs: %s", left()).isTrue();
    // vm temp: the runner records its VM once it sees it appear (within about 50 ms); a runner killed
    // before that leaves a VM no record names, as a create killed before it printed the id does.
    assertThat(within(Duration.ofSeconds(60), () -> ownerRecordsAVm())).as("the VM recorded as the runner's").isTrue();

    runner.destroyForcibly();
    assertThat(runner.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(names(temp.resolve("state/vms"))).as("the killed runner's VM").hasSize(1);

    Path quick = ToolRequests.valid().requestId("TR-era-next").command("python3 -V").writeTo(temp.resolve("next"));
    List<String> next = new ArrayList<>(List.of("run", "--request", quick.toString()));
    next.addAll(List.of(era));
    Process second = runner(next.toArray(String[]::new));
    assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(second.exitValue()).as(err(1)).isZero();
    assertThat(err(1)).contains("swept", "cleaned 1 ERA VM(s)");
    assertThat(ProcessHandle.allProcesses().filter(p -> cmdline(p).contains(marker) && cmdline(p).contains("vm\0run")))
        .as("the killed runner's agent").isEmpty();
    assertThat(names(temp.resolve("state/vms"))).as("VMs").isEmpty();
    assertThat(names(temp.resolve("tmp"))).as("run directories").noneMatch(n -> n.startsWith("threegate-run-"));
    assertThat(names(temp.resolve("results"))).as("published").noneMatch(n -> n.contains("TR-era-kill"));
  }
}
