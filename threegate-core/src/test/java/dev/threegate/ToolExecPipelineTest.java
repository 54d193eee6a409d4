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

import dev.threegate.exec.BackendInfo;
import dev.threegate.exec.Capabilities;
import dev.threegate.exec.ExecutionException;
import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.exec.Executor;
import dev.threegate.exec.Isolation;
import dev.threegate.exec.ScriptedExecutor;
import dev.threegate.problem.Violation;
import dev.threegate.quarantine.Quarantine;
import dev.threegate.request.Backend;
import dev.threegate.request.Language;
import dev.threegate.request.Requests;
import dev.threegate.result.ToolResultValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolExecPipelineTest {
  private static final String NO_FILES =
      Requests.TYPICAL
          .replace("inputs:\n  - name: \"data.csv\"\n    sha256: \"3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7\"\n", "")
          .replace("outputs_expected:\n  - path: \"/out/stats.json\"\n    description: \"mean, median, stdev per column\"\n", "")
          .replace("python /in/stats.py --in /in/data.csv --out /out/stats.json", "python3 -V");

  @TempDir Path temp;

  private Path request(String name, String text) throws IOException {
    Path dir = Files.createDirectories(temp.resolve("requests"));
    return Files.writeString(dir.resolve(name), text);
  }

  private Path results() {
    return temp.resolve("results");
  }

  private static ToolExecPipeline pipeline(Executor executor) {
    return ToolExecPipeline.builder().executor(executor).build();
  }

  private List<String> resultFiles() throws IOException {
    if (!Files.exists(results())) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(results())) {
      return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
    }
  }

  @Test
  void acceptsAnApprovedRequestAndWritesAValidResult() throws IOException {
    ScriptedExecutor executor = ScriptedExecutor.printing("Python 3.11.2\n");
    Outcome outcome = pipeline(executor).run(request("TR-1.md", NO_FILES), results());
    assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
    assertThat(outcome.exitCode()).isZero();
    Outcome.Accepted accepted = (Outcome.Accepted) outcome;
    assertThat(ToolResultValidator.verifyingArtifacts().validate(accepted.written().resultFile()).passed()).isTrue();
    assertThat(executor.specs).hasSize(1);
    assertThat(executor.specs.get(0).limits().time()).hasSeconds(60);
  }

  @Test
  void aNonZeroExitIsStillAnAcceptedRun() throws IOException {
    Outcome outcome = pipeline(ScriptedExecutor.printing("").exiting(2, dev.threegate.exec.ExecutionStatus.NONZERO_EXIT))
        .run(request("TR-1.md", NO_FILES), results());
    assertThat(outcome.exitCode()).isZero();
    assertThat(((Outcome.Accepted) outcome).execution().exitCode()).isEqualTo(2);
  }

  @Test
  void rejectsWithoutRunningAnything() throws IOException {
    ScriptedExecutor executor = ScriptedExecutor.printing("x");
    Outcome outcome = pipeline(executor).run(request("TR-1.md", NO_FILES.replace("python3 -V", "python3 -V; rm -rf /")), results());
    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(((Outcome.Rejected) outcome).violations()).extracting(Violation::code).contains("command.chaining");
    assertThat(executor.specs).isEmpty();
    assertThat(resultFiles()).isEmpty();
    Outcome malformed = pipeline(executor).run(request("TR-2.md", "not a request"), results());
    assertThat(malformed).isInstanceOfSatisfying(Outcome.Rejected.class,
        r -> assertThat(r.violations()).extracting(Violation::code).containsExactly("format.front_matter_missing"));
  }

  @Test
  void rejectsWhatTheBackendCannotHonourBeforeRunning() throws IOException {
    Executor noFiles = new DelegatingExecutor(ScriptedExecutor.printing("x"),
        BackendInfo.builder()
            .name("nofiles")
            .version("1")
            .capabilities(Capabilities.builder(Isolation.NAMESPACE)
                .languages(Set.of(Language.PYTHON))
                .maxCommandBytes(1024)
                .build())
            .kind(Backend.ERA)
            .build());
    Outcome outcome = pipeline(noFiles).run(request("TR-1.md", Requests.TYPICAL), temp.resolve("inputs"), results());
    assertThat(((Outcome.Rejected) outcome).violations()).extracting(Violation::code)
        .containsExactly("backend.inputs_unsupported", "backend.outputs_unsupported");
  }

  @Test
  void stagesInputsAsVerifiedReadOnlyCopies() throws Exception {
    Path inputs = Files.createDirectories(temp.resolve("inputs"));
    byte[] csv = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
    Files.write(inputs.resolve("data.csv"), csv);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv));
    String text = Requests.typicalWith("3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7", sha);
    ScriptedExecutor executor = ScriptedExecutor.printing("ok\n").withFiles(Map.of("stats.json", new byte[] {'{', '}'}));
    Outcome outcome = pipeline(executor).run(request("TR-1.md", text), inputs, results());
    assertThat(outcome.exitCode()).isZero();
    assertThat(executor.inputsSeen.get(0)).containsExactly("data.csv:read-only");
    assertThat(executor.specs.get(0).inputsDir()).doesNotExist();
  }

  @Test
  void rejectsInputsThatAreMissingChangedOrLinks() throws Exception {
    Path inputs = Files.createDirectories(temp.resolve("inputs"));
    Files.writeString(inputs.resolve("data.csv"), "not what was approved");
    Outcome changed = pipeline(ScriptedExecutor.printing("x")).run(request("TR-1.md", Requests.TYPICAL), inputs, results());
    assertThat(((Outcome.Rejected) changed).violations()).extracting(Violation::code).containsExactly("input.sha256_mismatch");
    Files.delete(inputs.resolve("data.csv"));
    Files.createSymbolicLink(inputs.resolve("data.csv"), Path.of("/etc/passwd"));
    Outcome link = pipeline(ScriptedExecutor.printing("x")).run(request("TR-1.md", Requests.TYPICAL), inputs, results());
    assertThat(((Outcome.Rejected) link).violations()).extracting(Violation::code).containsExactly("input.not_regular");
    Outcome none = pipeline(ScriptedExecutor.printing("x")).run(request("TR-1.md", Requests.TYPICAL), results());
    assertThat(((Outcome.Rejected) none).violations()).extracting(Violation::code).containsExactly("input.missing");
  }

  @Test
  void turnsEveryMisbehavingStageIntoAFailureThatNamesIt() throws IOException {
    Path file = request("TR-1.md", NO_FILES);
    Executor throwing = new DelegatingExecutor(ScriptedExecutor.printing("x"), ScriptedExecutor.BACKEND) {
      @Override
      public ExecutionResult execute(ExecutionSpec spec) {
        throw new ExecutionException("krunvm exploded");
      }
    };
    assertFailed(pipeline(throwing).run(file, results()), Outcome.Stage.EXECUTE, "krunvm exploded");
    Executor nulls = new DelegatingExecutor(ScriptedExecutor.printing("x"), ScriptedExecutor.BACKEND) {
      @Override
      public ExecutionResult execute(ExecutionSpec spec) {
        return null;
      }
    };
    assertFailed(pipeline(nulls).run(file, results()), Outcome.Stage.EXECUTE, "returned null");
    Executor buggy = new DelegatingExecutor(ScriptedExecutor.printing("x"), ScriptedExecutor.BACKEND) {
      @Override
      public ExecutionResult execute(ExecutionSpec spec) {
        throw new IllegalStateException("bug");
      }
    };
    assertFailed(pipeline(buggy).run(file, results()), Outcome.Stage.EXECUTE, "IllegalStateException: bug");
    ScriptedExecutor ok = ScriptedExecutor.printing("x");
    assertFailed(ToolExecPipeline.builder().executor(ok).parser((n, b) -> null).build().run(file, results()),
        Outcome.Stage.PARSE, "returned null");
    assertFailed(ToolExecPipeline.builder().executor(ok).validator(r -> null).build().run(file, results()),
        Outcome.Stage.VALIDATE, "returned null");
    assertFailed(ToolExecPipeline.builder().executor(ok).writer((r, e, d) -> { throw new IOException("disk full"); }).build()
        .run(file, results()), Outcome.Stage.WRITE, "disk full");
    assertFailed(pipeline(ok).run(temp.resolve("missing.md"), results()), Outcome.Stage.READ, "missing.md");
    assertThat(resultFiles()).isEmpty();
  }

  private static void assertFailed(Outcome outcome, Outcome.Stage stage, String text) {
    assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
      assertThat(f.stage()).isEqualTo(stage);
      assertThat(f.message()).startsWith(stage.name().toLowerCase(java.util.Locale.ROOT) + ":").contains(text);
      assertThat(f.exitCode()).isEqualTo(3);
    });
  }

  @Test
  void tellsTheListenerInOrderWithTheRequestOfEveryEventAndIgnoresItsExceptions() throws IOException {
    List<String> events = new CopyOnWriteArrayList<>();
    PipelineListener listener = new PipelineListener() {
      @Override public void parsed(RequestRef ref, dev.threegate.request.ToolRequest r) { events.add("parsed " + ref); throw new IllegalStateException("listener bug"); }
      @Override public void executing(RequestRef ref, ExecutionSpec s) { events.add("executing " + ref); throw new IllegalStateException("listener bug"); }
      @Override public void executed(RequestRef ref, ExecutionResult r) { events.add("executed " + ref); throw new IllegalStateException("listener bug"); }
      @Override public void written(RequestRef ref, dev.threegate.result.WrittenResult w) { events.add("written " + ref); throw new IllegalStateException("listener bug"); }
      @Override public void finished(RequestRef ref, Outcome o) { events.add("finished " + ref + " " + o.exitCode()); throw new IllegalStateException("listener bug"); }
    };
    ToolExecPipeline gate = ToolExecPipeline.builder().executor(ScriptedExecutor.printing("x")).listener(listener).build();
    assertThat(gate.run(request("TR-1.md", NO_FILES), results())).isInstanceOf(Outcome.Accepted.class);
    String id = "TR-1.md (TR-20261126-120000Z-csv-stats)";
    assertThat(events).containsExactly("parsed " + id, "executing " + id, "executed " + id, "written " + id, "finished " + id + " 0");
    events.clear();
    assertThat(gate.run(request("TR-1.md", NO_FILES), results()).exitCode()).isEqualTo(3);
    assertThat(events).containsExactly("parsed " + id, "finished " + id + " 3");
    events.clear();
    assertThat(gate.run(request("TR-2.md", "not a request"), results()).exitCode()).isEqualTo(2);
    assertThat(events).as("before parsing, the file name alone").containsExactly("finished TR-2.md 2");
  }

  @Test
  void theAcceptedOutcomePointsAtThePublishedFiles() throws IOException {
    ScriptedExecutor executor = ScriptedExecutor.printing("Python 3.11.2\n").withFiles(Map.of("stats.json", new byte[] {'{', '}'}));
    Outcome.Accepted accepted = (Outcome.Accepted) pipeline(executor).run(request("TR-1.md", NO_FILES), results());
    ExecutionResult run = accepted.execution();
    assertThat(run.stdout().file()).isEqualTo(accepted.written().artifacts().get(0)).hasContent("Python 3.11.2\n");
    assertThat(run.stderr().file()).isEqualTo(accepted.written().artifacts().get(1)).exists();
    assertThat(run.artifacts()).singleElement().satisfies(a -> {
      assertThat(a.file()).isEqualTo(accepted.written().artifacts().get(2)).hasBinaryContent(new byte[] {'{', '}'});
      assertThat(a.file().startsWith(results())).isTrue();
    });
    assertThat(executor.specs.get(0).scratchDir()).as("the run directory is gone").doesNotExist();
  }

  @Test
  void doesNotRunARequestWhoseResultExists() throws IOException {
    ScriptedExecutor executor = ScriptedExecutor.printing("x");
    Path file = request("TR-1.md", NO_FILES);
    assertThat(pipeline(executor).run(file, results()).exitCode()).isZero();
    Outcome again = pipeline(executor).run(file, results());
    assertFailed(again, Outcome.Stage.CLAIM, "already has a Tool Result");
    assertThat(executor.specs).hasSize(1);
  }

  @Test
  void twoPipelinesRacingOnOneRequestProduceOneResult() throws Exception {
    Path file = request("TR-1.md", NO_FILES);
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ScriptedExecutor scripted = ScriptedExecutor.printing("x\n");
    Executor slow = new DelegatingExecutor(scripted, ScriptedExecutor.BACKEND) {
      @Override
      public ExecutionResult execute(ExecutionSpec spec) {
        inside.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return super.execute(spec);
      }
    };
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<Outcome>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        ToolExecPipeline gate = pipeline(slow);
        futures.add(threads.submit(() -> gate.run(file, results())));
      }
      inside.await();
      // every other run meets the claim while the first one is executing
      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
      while (futures.stream().filter(Future::isDone).count() < 7 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      release.countDown();
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Outcome> f : futures) {
        outcomes.add(f.get());
      }
      assertThat(outcomes).filteredOn(o -> o instanceof Outcome.Accepted).hasSize(1);
      assertThat(outcomes).filteredOn(o -> !(o instanceof Outcome.Accepted)).hasSize(7).allSatisfy(o ->
          assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
            assertThat(f.stage()).isEqualTo(Outcome.Stage.CLAIM);
            assertThat(f.message()).isEqualTo("claim: request TR-20261126-120000Z-csv-stats is being run by another pipeline");
          }));
    } finally {
      threads.shutdownNow();
    }
    assertThat(resultFiles()).hasSize(3).filteredOn(n -> n.endsWith(".md")).hasSize(1);
    assertThat(scripted.specs).hasSize(1);
  }

  @Test
  void runsADirectoryQuarantiningRejectsAndSkippingDoneRequests() throws IOException {
    request("TR-a.md", NO_FILES.replace("TR-20261126-120000Z-csv-stats", "TR-a"));
    request("TR-b.md", NO_FILES.replace("TR-20261126-120000Z-csv-stats", "TR-b").replace("python3 -V", "bash -c id"));
    request("TR-c.md", NO_FILES.replace("TR-20261126-120000Z-csv-stats", "TR-c"));
    request("notes.md", "not a request");
    ScriptedExecutor executor = ScriptedExecutor.printing("x\n");
    ToolExecPipeline gate = pipeline(executor);
    Quarantine quarantine = Quarantine.in(temp.resolve("quarantine"));
    List<Outcome> progress = new ArrayList<>();
    Batch batch = Batch.builder(gate).requestsDir(temp.resolve("requests")).resultsDir(results()).quarantine(quarantine)
        .progress(progress::add).build();
    BatchReport first = batch.run();
    assertThat(first.outcomes()).extracting(Outcome::exitCode).containsExactly(0, 2, 0);
    assertThat(progress).hasSize(3);
    assertThat(first.quarantined()).extracting(p -> p.getFileName().toString()).containsExactly("TR-b.md");
    assertThat(temp.resolve("quarantine/TR-b.md.reject.txt")).content().contains("ERROR: command.shell");
    assertThat(temp.resolve("requests/TR-b.md")).doesNotExist();
    assertThat(first.exitCode()).isEqualTo(2);
    BatchReport second = batch.run();
    assertThat(second.outcomes()).isEmpty();
    assertThat(second.skipped()).extracting(p -> p.getFileName().toString()).containsExactly("TR-a.md", "TR-c.md");
    assertThat(executor.specs).hasSize(2);
  }

  @Test
  void requiresAnExecutor() {
    assertThatThrownBy(() -> ToolExecPipeline.builder().build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ToolExecPipeline.builder().maxOutputBytes(0)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Delegates execution, with another backend description. */
  static class DelegatingExecutor implements Executor {
    private final Executor delegate;
    private final BackendInfo backend;

    DelegatingExecutor(Executor delegate, BackendInfo backend) {
      this.delegate = delegate;
      this.backend = backend;
    }

    @Override
    public ExecutionResult execute(ExecutionSpec spec) {
      return delegate.execute(spec);
    }

    @Override
    public BackendInfo backend() {
      return backend;
    }
  }
}
