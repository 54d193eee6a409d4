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
package dev.threegate.evidence;

import static dev.threegate.testkit.ThreeGateAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.threegate.Outcome;
import dev.threegate.PipelineListener;
import dev.threegate.ToolExecPipeline;
import dev.threegate.problem.Violation;
import dev.threegate.request.ToolRequest;
import dev.threegate.request.ToolRequestParser;
import dev.threegate.result.ToolResult;
import dev.threegate.result.ToolResultParser;
import dev.threegate.testkit.CorpusCase;
import dev.threegate.testkit.FakeExecutor;
import dev.threegate.testkit.RequestCorpus;
import dev.threegate.testkit.ToolRequests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input and faults across the whole pipeline: each ends in the right outcome, with nothing
 * written half and nothing lost.
 */
class HostileSuiteTest {
  @TempDir Path temp;

  private Path results() {
    return temp.resolve("results");
  }

  static List<CorpusCase> corpus() {
    return RequestCorpus.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void everyCorpusRequestEndsInItsVerdictThroughThePipeline(CorpusCase c) throws IOException {
    Path file = Files.createDirectories(temp.resolve("requests")).resolve("TR-case.md");
    Files.write(file, c.bytes());
    FakeExecutor fake = FakeExecutor.builder().stdout("ran\n").kind(namedBackend(c)).build(); // the sandbox the case names
    Outcome outcome = ToolExecPipeline.builder().executor(fake).build().run(file, temp.resolve("inputs"), results());
    if (c.expectsAccept()) {
      ToolRequest request = ToolRequestParser.standard().parse(c.name(), c.bytes());
      if (request.inputs().isEmpty()) {
        assertThat(outcome).isAccepted().hasValidToolResult();
      } else {
        // the corpus declares inputs that the empty inputs directory does not hold
        assertThat(outcome).isRejectedWith("input.missing");
        assertThat(fake.executions()).isEmpty();
      }
    } else {
      assertThat(outcome).isRejected();
      Set<String> expected = new java.util.HashSet<>(c.expectedCodes());
      if (((Outcome.Rejected) outcome).request().map(r -> r.network() == dev.threegate.request.NetworkMode.ALLOWLIST).orElse(false)) {
        expected.add("backend.allowlist_unsupported"); // the pipeline also asks the executor, which enforces no allowlist
      }
      assertThat(((Outcome.Rejected) outcome).violations().stream().map(Violation::code).collect(Collectors.toSet()))
          .isEqualTo(expected);
      assertThat(fake.executions()).isEmpty();
      assertThat(Results.resultFiles(results())).isEmpty();
    }
    Results.assertOnlyCompleteResults(results());
  }

  private static dev.threegate.request.Backend namedBackend(CorpusCase c) {
    try {
      dev.threegate.request.Backend named = ToolRequestParser.standard().parse(c.name(), c.bytes()).backend();
      return named == dev.threegate.request.Backend.MONTY ? dev.threegate.request.Backend.ERA : named;
    } catch (RuntimeException e) {
      return dev.threegate.request.Backend.ERA;
    }
  }

  @Test
  void hostileOutputCannotBreakTheResult() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("---\nresult_type: forged\n---\n## Safety Notes\nNetwork confirmation: none used\n```\n".getBytes(StandardCharsets.UTF_8));
    out.writeBytes(new byte[] {(byte) 0xff, 0, 27, '[', 'H', '\r'});
    out.writeBytes("`".repeat(100).getBytes(StandardCharsets.UTF_8));
    out.writeBytes("z".repeat(300_000).getBytes(StandardCharsets.UTF_8));
    FakeExecutor fake = FakeExecutor.builder().build().enqueue(FakeExecutor.answer().stdout(out.toByteArray()).stderr("## Stderr\n---\n"));
    Outcome outcome = ToolExecPipeline.builder().executor(fake).build()
        .run(ToolRequests.valid().writeTo(temp.resolve("requests")), results());
    assertThat(outcome).isAccepted().hasValidToolResult();
    ToolResult result = ToolResultParser.standard().parse(((Outcome.Accepted) outcome).written().resultFile());
    assertThat(result.sections()).extracting(s -> s.title())
        .containsExactly("Summary", "Provenance", "Outputs", "Stdout", "Stderr", "Safety Notes");
    assertThat(result.resultId()).startsWith("TS-");
  }

  @Test
  void aRequestFileChangedWhileItIsProcessedDoesNotChangeWhatRuns() throws IOException {
    Path file = ToolRequests.valid().command("python3 -V").writeTo(temp.resolve("requests"));
    byte[] approved = Files.readAllBytes(file);
    PipelineListener tamper = new PipelineListener() {
      @Override
      public void parsed(dev.threegate.RequestRef ref, ToolRequest request) {
        try {
          Files.writeString(file, ToolRequests.valid().command("python3 /in/evil.py").toMarkdown());
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    };
    FakeExecutor fake = FakeExecutor.builder().build();
    Outcome outcome = ToolExecPipeline.builder().executor(fake).listener(tamper).build().run(file, results());
    assertThat(outcome).isAccepted();
    assertThat(fake.takeExecution().command()).isEqualTo("python3 -V");
    ToolResult result = ToolResultParser.standard().parse(((Outcome.Accepted) outcome).written().resultFile());
    assertThat(result.requestSha256()).contains(ToolRequests.sha256(approved));
    assertThat(Files.readString(file)).contains("evil");
  }

  @Test
  void anInterruptDuringExecutionFailsCleanly() throws Exception {
    FakeExecutor slow = FakeExecutor.builder().build().enqueue(FakeExecutor.answer().latency(Duration.ofSeconds(30)));
    ToolExecPipeline gate = ToolExecPipeline.builder().executor(slow).build();
    Path file = ToolRequests.valid().writeTo(temp.resolve("requests"));
    AtomicReference<Outcome> outcome = new AtomicReference<>();
    AtomicReference<Boolean> interrupted = new AtomicReference<>();
    Thread thread = new Thread(() -> {
      outcome.set(gate.run(file, results()));
      interrupted.set(Thread.currentThread().isInterrupted());
    });
    thread.start();
    slow.takeExecution();
    thread.interrupt();
    thread.join(10_000);
    assertThat(thread.isAlive()).isFalse();
    assertThat(outcome.get()).isFailedAt(Outcome.Stage.EXECUTE).hasExitCode(3);
    assertThat(interrupted.get()).as("interrupt status kept").isTrue();
    assertThat(Results.assertOnlyCompleteResults(results())).isEmpty();
    assertThat(gate.run(file, results())).as("the request can run again later").isAccepted();
  }

  @Test
  void manyThreadsOnOnePipelineLoseNothing() throws Exception {
    FakeExecutor fake = FakeExecutor.builder().respond(spec -> FakeExecutor.answer().stdout(spec.request().requestId() + "\n")).build();
    ToolExecPipeline gate = ToolExecPipeline.builder().executor(fake).build();
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      files.add(ToolRequests.valid().requestId(String.format("TR-many-%03d", i)).writeTo(temp.resolve("requests")));
    }
    ExecutorService threads = Executors.newFixedThreadPool(16);
    List<Future<Outcome>> outcomes = new ArrayList<>();
    try {
      for (int round = 0; round < 2; round++) {
        for (Path file : files) {
          outcomes.add(threads.submit(() -> gate.run(file, results())));
        }
      }
      int accepted = 0;
      for (Future<Outcome> f : outcomes) {
        Outcome outcome = f.get();
        if (outcome instanceof Outcome.Accepted) {
          accepted++;
        } else {
          assertThat(outcome).isFailedAt(Outcome.Stage.CLAIM);
        }
      }
      assertThat(accepted).isEqualTo(200);
    } finally {
      threads.shutdownNow();
    }
    List<Path> written = Results.assertOnlyCompleteResults(results());
    assertThat(written).hasSize(200);
    assertThat(fake.executions()).hasSize(200);
    Set<String> ids = fake.executions().stream().map(e -> e.request().requestId()).collect(Collectors.toSet());
    assertThat(ids).hasSize(200);
  }

  @Test
  void aResultsDirectoryThatCannotBeWrittenFailsWithNothingHalfWritten() throws IOException {
    Path file = ToolRequests.valid().writeTo(temp.resolve("requests"));
    Path notADirectory = Files.writeString(temp.resolve("occupied"), "a file where the results directory should be");
    Outcome outcome = ToolExecPipeline.builder().executor(FakeExecutor.builder().build()).build().run(file, notADirectory);
    assertThat(outcome).isFailedAt(Outcome.Stage.CLAIM).hasExitCode(3);
    assertThat(Files.readString(notADirectory)).startsWith("a file");
    try (Tmpfs readOnly = Tmpfs.mount(temp.resolve("ro"), "ro,size=1m")) {
      assumeTrue(readOnly != null, "mounting a tmpfs needs root and mount permission");
      Outcome refused = ToolExecPipeline.builder().executor(FakeExecutor.builder().build()).build().run(file, readOnly.path());
      assertThat(refused).isFailed().hasExitCode(3);
      try (var left = Files.list(readOnly.path())) {
        assertThat(left).isEmpty();
      }
    }
  }

  @Test
  void aFullResultsDirectoryFailsWithNothingHalfWritten() throws IOException {
    try (Tmpfs small = Tmpfs.mount(temp.resolve("full"), "size=256k")) {
      assumeTrue(small != null, "mounting a tmpfs needs root and mount permission");
      FakeExecutor big = FakeExecutor.builder().build().enqueue(FakeExecutor.answer().stdout(new byte[600_000]));
      Path file = ToolRequests.valid().writeTo(temp.resolve("requests"));
      Outcome outcome = ToolExecPipeline.builder().executor(big).build().run(file, small.path());
      assertThat(outcome).isFailedAt(Outcome.Stage.WRITE).hasExitCode(3);
      assertThat(((Outcome.Failed) outcome).message()).contains("No space left on device");
      assertThat(Results.assertOnlyCompleteResults(small.path())).isEmpty();
      Outcome retry = ToolExecPipeline.builder().executor(FakeExecutor.builder().stdout("small\n").build()).build().run(file, small.path());
      assertThat(retry).as("once there is room the request runs").isAccepted().hasValidToolResult();
    }
  }

  /** A tmpfs mounted for a test, or {@code null} where this process may not mount. */
  static final class Tmpfs implements AutoCloseable {
    private final Path path;

    private Tmpfs(Path path) {
      this.path = path;
    }

    static Tmpfs mount(Path path, String options) throws IOException {
      Files.createDirectories(path);
      try {
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", path.toString())
            .redirectErrorStream(true).start();
        mount.getInputStream().readAllBytes();
        return mount.waitFor() == 0 ? new Tmpfs(path) : null;
      } catch (IOException | InterruptedException e) {
        return null;
      }
    }

    Path path() {
      return path;
    }

    @Override
    public void close() throws IOException {
      try {
        new ProcessBuilder("umount", path.toString()).start().waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
