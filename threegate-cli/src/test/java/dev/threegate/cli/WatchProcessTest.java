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
import dev.threegate.inbox.Draft;
import dev.threegate.inbox.Inbox;
import dev.threegate.inbox.RequestState;
import dev.threegate.inbox.RequestStatus;
import dev.threegate.inbox.Submission;
import dev.threegate.policy.Policy;
import dev.threegate.request.Backend;
import dev.threegate.request.Language;
import dev.threegate.request.ResourceLimits;
import dev.threegate.request.RiskAssessment;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code threegate watch} as its own process on bubblewrap, under signed approvals: a request
 * approved while it watches runs; SIGTERM stops it without publishing anything half, and a request
 * it had not finished stays approved and runs when watch starts again.
 */
class WatchProcessTest {
  @TempDir Path temp;
  private final String marker = "tgwatch" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final List<Process> started = new ArrayList<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private Path dir;
  private Path policy;

  @BeforeEach
  void inboxKeysAndTrustStore() throws IOException {
    BubblewrapExecutor.Availability bubblewrap = BubblewrapExecutor.probe();
    assumeTrue(bubblewrap.available(), "watch runs requests in bubblewrap, which cannot run here: " + bubblewrap.message());
    dir = temp.resolve("inbox");
    policy = Files.writeString(temp.resolve("strict.yaml"), "approval: signed\n");
    assertThat(cli("keygen", "--out", temp.resolve("keys/jdoe").toString())).as(err()).isZero();
    Files.createDirectories(temp.resolve("approvers"));
    Files.copy(temp.resolve("keys/jdoe.pub"), temp.resolve("approvers/j.doe.pub"));
    assertThat(cli("inbox", "init", dir.toString())).as(err()).isZero();
  }

  @AfterEach
  void stopEverything() {
    started.forEach(Process::destroyForcibly);
    ProcessHandle.allProcesses().filter(p -> cmdline(p).contains(marker)).forEach(ProcessHandle::destroyForcibly);
  }

  /** The CLI in this process: what the human does. */
  private int cli(String... args) {
    out.reset();
    err.reset();
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of("PATH", "/usr/bin:/bin"));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Process watch() throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    String classpath = Stream.of(System.getProperty("jdk.module.path", ""), System.getProperty("java.class.path", ""))
        .filter(s -> !s.isEmpty()).collect(Collectors.joining(File.pathSeparator));
    List<String> command = new ArrayList<>(List.of(java, "-Djava.io.tmpdir=" + Files.createDirectories(temp.resolve("tmp")),
        "-cp", classpath, "dev.threegate.cli.Main", "watch", dir.toString(), "--backend", "bubblewrap", "--policy", policy.toString(),
        "--approvers", temp.resolve("approvers").toString(), "--poll-ms", "200", "--parallelism", "2"));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(temp.resolve("watch-out-" + started.size() + ".txt").toFile())
        .redirectError(temp.resolve("watch-err-" + started.size() + ".txt").toFile());
    builder.environment().put("PATH", "/usr/bin:/bin");
    Process process = builder.start();
    started.add(process);
    return process;
  }

  private String watchErr(int index) {
    try {
      return Files.readString(temp.resolve("watch-err-" + index + ".txt"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** What an agent does: a draft for bubblewrap, judged by the same strict policy. */
  private String submit(String script, String name) throws IOException {
    Inbox agentSide = Inbox.builder(dir).policy(Policy.read(policy)).build();
    Submission submission = agentSide.submit(Draft.builder()
        .purpose("Print a line.")
        .language(Language.PYTHON)
        .backend(Backend.BUBBLEWRAP)
        .command("python3 /in/" + name)
        .input(name, script.getBytes(StandardCharsets.UTF_8))
        .limits(new ResourceLimits(1, 256, 300))
        .risk(RiskAssessment.Level.LOW, "prints a line")
        .build());
    assertThat(submission).as("%s", submission).isInstanceOf(Submission.Submitted.class);
    return ((Submission.Submitted) submission).requestId();
  }

  /** What the human does: reviews the draft, then approves the digest the review showed. */
  private void approve(String id) {
    assertThat(cli("inbox", "review", dir.toString(), id, "--policy", policy.toString(), "--backend", "bubblewrap")).as(err()).isZero();
    String sha256 = out().lines().filter(l -> l.startsWith("sha256: ")).findFirst().orElseThrow().substring(8);
    assertThat(cli("inbox", "approve", dir.toString(), id, "--sha256", sha256, "--key", temp.resolve("keys/jdoe.key").toString(),
        "--as", "j.doe", "--policy", policy.toString(), "--backend", "bubblewrap")).as(err()).isZero();
  }

  private Optional<RequestState> state(String id) {
    try {
      return Inbox.builder(dir).build().status(id).map(RequestStatus::state);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String cmdline(ProcessHandle p) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
    } catch (IOException e) {
      return "";
    }
  }

  /** Whether the tool itself (python, not the sandbox starting it) runs. */
  private boolean toolRuns() {
    return ProcessHandle.allProcesses().anyMatch(p -> cmdline(p).split("\0", 2)[0].endsWith("python3") && cmdline(p).contains(marker));
  }

  private long running() {
    return ProcessHandle.allProcesses().filter(p -> p.isAlive() && cmdline(p).contains(marker)).count();
  }

  private static boolean within(Duration limit, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(100);
    }
    return true;
  }

  private static List<String> names(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void runsWhatIsApprovedWhileItWatchesStopsCleanlyOnSigtermAndARestartRunsWhatWasInterrupted() throws Exception {
    Process first = watch();
    String quick = submit("print('hello from the inbox')\n", "hello.py");
    approve(quick);
    assertThat(within(Duration.ofSeconds(120), () -> state(quick).filter(RequestState.DONE::equals).isPresent()))
        .as("the approved request ran: %s", watchErr(0)).isTrue();
    assertThat(cli("inbox", "status", dir.toString(), quick)).as(err()).isZero();
    assertThat(out()).contains("state: done\n", "status: completed\n", "exit code: 0\n", "verdict: PASSED\n",
        "hello from the inbox");
    // the result is published, then its progress line printed
    assertThat(within(Duration.ofSeconds(30), () -> watchErr(0).contains("ACCEPT: " + quick + " -> "))).as("%s", watchErr(0)).isTrue();

    // a request that sleeps until a moment well after watch is stopped: interrupted the first
    // time, it completes the second
    long until = System.currentTimeMillis() / 1000 + 45;
    String slow = submit("import time\ntime.sleep(max(0, " + until + " - time.time()))\nprint('slept')\n", marker + ".py");
    approve(slow);
    assertThat(within(Duration.ofSeconds(40), this::toolRuns)).as("the tool runs: %s", watchErr(0)).isTrue();
    first.destroy(); // SIGTERM
    assertThat(first.waitFor(150, TimeUnit.SECONDS)).as("watch ends after SIGTERM").isTrue();
    assertThat(first.exitValue()).as(watchErr(0)).isEqualTo(143);
    assertThat(within(Duration.ofSeconds(30), () -> running() == 0)).as("nothing left running").isTrue();

    assertThat(state(slow)).as("the interrupted request stays approved").contains(RequestState.APPROVED);
    assertThat(watchErr(0)).contains("ERROR: " + slow + ": ", "it stays approved and runs at the next start", "stopped watching");
    assertThat(dir.resolve("approved/" + slow + ".md")).isRegularFile();
    assertThat(names(dir.resolve("results"))).as("published").noneMatch(n -> n.contains(slow));
    assertThat(names(dir.resolve("results/.threegate/staging"))).as("staged").isEmpty();
    assertThat(names(temp.resolve("tmp"))).as("run directories").noneMatch(n -> n.startsWith("threegate-run-"));
    assertThat(names(dir.resolve("failed"))).as("failed").isEmpty();
    assertThat(names(dir.resolve("quarantine"))).as("quarantined").isEmpty();
    try (FileChannel channel = FileChannel.open(dir.resolve("results/.threegate/locks/" + slow + ".lock"), StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      assertThat(lock).as("the claim is free").isNotNull();
      lock.release();
    }

    Process second = watch();
    assertThat(within(Duration.ofSeconds(240), () -> state(slow).filter(RequestState.DONE::equals).isPresent()))
        .as("the restarted watch ran it: %s", watchErr(1)).isTrue();
    assertThat(cli("inbox", "status", dir.toString(), slow)).as(err()).isZero();
    assertThat(out()).contains("state: done\n", "status: completed\n", "exit code: 0\n", "slept");
    // the result is published, then its progress line printed
    assertThat(within(Duration.ofSeconds(30), () -> watchErr(1).contains("ACCEPT: " + slow + " -> "))).as("%s", watchErr(1)).isTrue();
    second.destroy();
    assertThat(second.waitFor(150, TimeUnit.SECONDS)).isTrue();
    assertThat(watchErr(1)).contains("stopped watching");
  }
}
