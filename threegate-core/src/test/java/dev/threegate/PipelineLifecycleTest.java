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
package dev.threegate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threegate.exec.ExecutionException;
import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.exec.Executor;
import dev.threegate.exec.ScriptedExecutor;
import dev.threegate.quarantine.Quarantine;
import dev.threegate.request.Requests;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cleanup, shutdown, the sweep of what a dead process left, and batches that always report. */
class PipelineLifecycleTest {
  private static final String NO_FILES =
      Requests.TYPICAL
          .replace("inputs:\n  - name: \"data.csv\"\n    sha256: \"3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7\"\n", "")
          .replace("outputs_expected:\n  - path: \"/out/stats.json\"\n    description: \"mean, median, stdev per column\"\n", "")
          .replace("python /in/stats.py --in /in/data.csv --out /out/stats.json", "python3 -V");

  @TempDir Path temp;

  private Path request(String id) throws IOException {
    Path dir = Files.createDirectories(temp.resolve("requests"));
    return Files.writeString(dir.resolve(id + ".md"), NO_FILES.replace("TR-20261126-120000Z-csv-stats", id));
  }

  private Path results() {
    return temp.resolve("results");
  }

  private Path work() {
    return temp.resolve("work");
  }

  private ToolExecPipeline.Builder builder(Executor executor) {
    return ToolExecPipeline.builder().executor(executor).workDirectory(work());
  }

  private Batch.Builder batch(ToolExecPipeline gate) {
    return Batch.builder(gate).requestsDir(temp.resolve("requests")).resultsDir(results())
        .quarantine(Quarantine.in(temp.resolve("quarantine")));
  }

  private List<Path> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  private boolean claimFree(String id) throws IOException {
    try (FileChannel channel =
        FileChannel.open(results().resolve(".threegate/locks/" + id + ".lock"), StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      return lock != null;
    }
  }

  /** An executor that blocks until interrupted, then fails as a sandbox that was stopped. */
  private static final class BlockingExecutor implements Executor {
    final CountDownLatch started = new CountDownLatch(1);

    @Override
    public ExecutionResult execute(ExecutionSpec spec) {
      started.countDown();
      try {
        Thread.sleep(600_000);
        throw new AssertionError("not interrupted");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ExecutionException("interrupted; the sandbox was stopped", e);
      }
    }

    @Override
    public dev.threegate.exec.BackendInfo backend() {
      return ScriptedExecutor.BACKEND;
    }
  }

  @Test
  void aRunDirectoryThatCannotBeRemovedIsAListenerEventNotAFailure() throws Exception {
    Assumptions.assumeTrue(new ProcessBuilder("mount", "--version").start().waitFor() == 0);
    AtomicReference<Path> mount = new AtomicReference<>();
    Executor mounting = new Executor() {
      @Override
      public ExecutionResult execute(ExecutionSpec spec) {
        try {
          Path point = Files.createDirectory(spec.scratchDir().resolve("busy"));
          if (new ProcessBuilder("mount", "-t", "tmpfs", "tmpfs", point.toString()).start().waitFor() == 0) {
            mount.set(point);
          }
        } catch (IOException | InterruptedException e) {
          throw new AssertionError(e);
        }
        return ScriptedExecutor.printing("x").execute(spec);
      }

      @Override
      public dev.threegate.exec.BackendInfo backend() {
        return ScriptedExecutor.BACKEND;
      }
    };
    List<String> problems = new CopyOnWriteArrayList<>();
    ToolExecPipeline gate = builder(mounting).listener(new PipelineListener() {
      @Override
      public void problem(RequestRef ref, String problem, Exception cause) {
        problems.add(ref + ": " + problem);
      }
    }).build();
    Path file = request("TR-busy");
    Outcome outcome = gate.run(file, results());
    try {
      Assumptions.assumeTrue(mount.get() != null, "needs permission to mount a tmpfs");
      assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
      assertThat(problems).singleElement().asString().contains("TR-busy.md", "cannot remove the private run directory");
      assertThat(claimFree("TR-busy")).isTrue();
    } finally {
      if (mount.get() != null) {
        new ProcessBuilder("umount", mount.get().toString()).start().waitFor();
      }
    }
    // The request is done: not run again, and what was left is swept once its owner is gone.
    assertThat(list(work())).isNotEmpty();
    for (Path lock : list(work())) {
      if (lock.toString().endsWith(".lock")) {
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(3600)));
      }
    }
    assertThat(gate.sweepStale(results())).isNotEmpty();
    assertThat(list(work())).isEmpty();
  }

  @Test
  void theSweepRemovesOnlyWhatNoLiveOwnerHolds() throws Exception {
    Files.createDirectories(work());
    // left by a dead process: a lock file nobody holds and its directory; a directory without its lock
    Path deadLock = Files.createFile(work().resolve("threegate-run-111.lock"));
    Files.setLastModifiedTime(deadLock, FileTime.from(Instant.now().minusSeconds(3600)));
    Files.createDirectories(work().resolve("threegate-run-111/in"));
    Files.writeString(work().resolve("threegate-run-111/in/partial"), "x");
    Files.createDirectories(work().resolve("threegate-run-222/scratch"));
    // a half-written result of a dead writer
    Path staging = Files.createDirectories(results().resolve(".threegate/staging"));
    Files.writeString(staging.resolve("0c9d.stdout.txt"), "partial");
    Files.createDirectories(temp.resolve("other"));

    BlockingExecutor blocking = new BlockingExecutor();
    ToolExecPipeline gate = builder(blocking).build();
    AtomicReference<Outcome> outcome = new AtomicReference<>();
    Thread running = new Thread(() -> {
      try {
        outcome.set(gate.run(request("TR-live"), results()));
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    });
    running.start();
    assertThat(blocking.started.await(30, TimeUnit.SECONDS)).isTrue();
    List<Path> live = list(work()).stream().filter(p -> !p.getFileName().toString().matches("threegate-run-(111|222)(\\.lock)?")).toList();
    assertThat(live).hasSize(2);
    for (Path p : live) {
      Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(3600)));
    }

    List<Path> removed = gate.sweepStale(results());
    assertThat(removed).containsExactlyInAnyOrder(work().resolve("threegate-run-111"), work().resolve("threegate-run-222"));
    assertThat(list(work())).containsExactlyInAnyOrderElementsOf(live);
    assertThat(staging.resolve("0c9d.stdout.txt")).as("a request is claimed: staging is left").exists();

    assertThat(gate.shutdown(Duration.ofSeconds(60))).isTrue();
    running.join(30_000);
    assertThat(outcome.get()).isInstanceOf(Outcome.Failed.class);
    assertThat(ToolExecPipeline.builder().executor(ScriptedExecutor.printing("x")).workDirectory(work()).build()
        .sweepStale(results())).containsExactly(staging.resolve("0c9d.stdout.txt"));
    assertThat(list(work())).isEmpty();
  }

  @Test
  void shutdownStopsTheRunningRequestReleasesItsClaimAndRefusesNewOnes() throws Exception {
    BlockingExecutor blocking = new BlockingExecutor();
    ToolExecPipeline gate = builder(blocking).build();
    AtomicReference<Outcome> outcome = new AtomicReference<>();
    Path file = request("TR-stop");
    Thread running = new Thread(() -> outcome.set(gate.run(file, results())));
    running.start();
    assertThat(blocking.started.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(gate.shutdown(Duration.ofSeconds(60))).isTrue();
    running.join(30_000);
    assertThat(outcome.get()).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
      assertThat(f.stage()).isEqualTo(Outcome.Stage.EXECUTE);
      assertThat(f.message()).contains("interrupted");
    });
    assertThat(claimFree("TR-stop")).isTrue();
    assertThat(list(work())).isEmpty();
    assertThat(list(results()).stream().filter(p -> !p.getFileName().toString().startsWith("."))).isEmpty();
    assertThat(gate.run(request("TR-after"), results())).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.message()).contains("shut down"));
    // the request can run again elsewhere
    assertThat(builder(ScriptedExecutor.printing("x")).build().run(file, results()).exitCode()).isZero();
  }

  @Test
  void aBatchSurvivesAFailingProgressConsumerAndReportsEveryRequest() throws IOException {
    request("TR-a");
    request("TR-b");
    request("TR-c");
    List<String> seen = new CopyOnWriteArrayList<>();
    BatchReport report = batch(builder(ScriptedExecutor.printing("x")).build()).parallelism(2).progress(o -> {
      seen.add(o.source());
      throw new IllegalStateException("display broke");
    }).build().run();
    assertThat(report.outcomes()).hasSize(3).allMatch(o -> o instanceof Outcome.Accepted);
    assertThat(seen).hasSize(3);
  }

  @Test
  void aMissingInputsDirectoryIsRefusedBeforeAnythingMoves() throws IOException {
    Path file = Files.createDirectories(temp.resolve("requests")).resolve("TR-in.md");
    Files.writeString(file, Requests.TYPICAL);
    ToolExecPipeline gate = builder(ScriptedExecutor.printing("x")).build();
    assertThatThrownBy(() -> batch(gate).inputsDir(temp.resolve("inptus")).build().run())
        .isInstanceOf(NotDirectoryException.class).hasMessageContaining("inptus");
    assertThat(file).exists();
    assertThat(temp.resolve("quarantine")).doesNotExist();
    assertThat(list(results())).isEmpty();
  }

  @Test
  void anInterruptedBatchStillReturnsItsReport() throws Exception {
    for (String id : List.of("TR-1", "TR-2", "TR-3")) {
      request(id);
    }
    BlockingExecutor blocking = new BlockingExecutor();
    ToolExecPipeline gate = builder(blocking).build();
    AtomicReference<BatchReport> report = new AtomicReference<>();
    AtomicReference<Boolean> interrupted = new AtomicReference<>();
    Thread batch = new Thread(() -> {
      try {
        report.set(batch(gate).build().run());
        interrupted.set(Thread.currentThread().isInterrupted());
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    });
    batch.start();
    assertThat(blocking.started.await(30, TimeUnit.SECONDS)).isTrue();
    batch.interrupt();
    batch.join(60_000);
    assertThat(batch.isAlive()).isFalse();
    List<String> messages = new ArrayList<>();
    report.get().outcomes().forEach(o -> messages.add(((Outcome.Failed) o).message()));
    assertThat(messages).hasSize(3);
    assertThat(messages.get(0)).contains("interrupted");
    assertThat(messages.subList(1, 3)).allMatch(m -> m.contains("not run"));
    assertThat(interrupted.get()).isTrue();
    assertThat(list(work())).isEmpty();
  }

  @Test
  void theSweepKillsWhatADeadRunnerLeftRunningInItsRunDirectory() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")) && Files.isDirectory(Path.of("/proc")));
    String marker = "threegate-orphan-" + java.util.UUID.randomUUID();
    Path scratch = Files.createDirectories(work().resolve("threegate-run-333/scratch"));
    Files.writeString(work().resolve("threegate-run-333.lock"), "999999\n");
    // a sandbox leading its own session, with a child that works elsewhere
    Process leader = new ProcessBuilder("/usr/bin/setsid", "bash", "-c",
        "(cd / && exec -a \"$0\" sleep 600) & exec -a \"$0\" sleep 600", marker)
        .directory(scratch.toFile()).start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (running(marker) < 2 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(running(marker)).isEqualTo(2);
    assertThat(builder(ScriptedExecutor.printing("x")).build().sweepStale(results())).containsExactly(work().resolve("threegate-run-333"));
    assertThat(leader.waitFor(30, TimeUnit.SECONDS)).isTrue();
    deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (running(marker) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(running(marker)).as("processes left running").isZero();
    assertThat(list(work())).isEmpty();
  }

  private static long running(String marker) {
    return ProcessHandle.allProcesses().filter(p -> {
      try {
        return p.isAlive() && Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline")).contains(marker);
      } catch (IOException e) {
        return false;
      }
    }).count();
  }

  @Test
  @org.junit.jupiter.api.Timeout(120)
  void aFifoAsTheRequestFileOrAnInputEndsAtOnceWithoutHangingTheGate() throws Exception {
    Path requests = Files.createDirectories(temp.resolve("requests"));
    Process mkfifo = new ProcessBuilder("mkfifo", requests.resolve("TR-fifo.md").toString()).start();
    Assumptions.assumeTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "needs mkfifo");
    ToolExecPipeline gate = builder(ScriptedExecutor.printing("x")).build();
    assertThat(gate.run(requests.resolve("TR-fifo.md"), results())).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.stage()).isEqualTo(Outcome.Stage.READ));

    Path inputs = Files.createDirectories(temp.resolve("inputs"));
    Process input = new ProcessBuilder("mkfifo", inputs.resolve("data.csv").toString()).start();
    assertThat(input.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Path file = Files.writeString(requests.resolve("TR-in.md"), Requests.TYPICAL);
    assertThat(gate.run(file, inputs, results())).isInstanceOfSatisfying(Outcome.Rejected.class,
        r -> assertThat(r.violations()).extracting(v -> v.code()).contains("input.not_regular"));
    assertThat(list(work())).isEmpty();
  }
}
