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
package dev.threegate.benchmarks;

import dev.threegate.ToolExecPipeline;
import dev.threegate.Outcome;
import dev.threegate.exec.EffectiveLimits;
import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.request.ToolRequest;
import dev.threegate.request.ToolRequestParser;
import dev.threegate.result.ToolResultWriter;
import dev.threegate.result.WrittenResult;
import dev.threegate.testkit.FakeExecutor;
import dev.threegate.testkit.ToolRequests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writing a small Tool Result, and the whole pipeline with a {@link FakeExecutor} (the gate's own
 * overhead, no sandbox). Targets: at most 1 ms and 2 ms. Both touch the file system (a temporary
 * directory), as they do in use.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WriterBenchmarks {
  private Path work;
  private Path results;
  private ToolRequest base;
  private ExecutionResult result;
  private ToolExecPipeline pipeline;
  private int next;

  /** Prepares a captured run whose result is written again and again. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    work = Files.createTempDirectory("threegate-bench-");
    base = ToolRequestParser.standard().parse("TR.md", Fixtures.typical());
    Path run = Files.createDirectories(work.resolve("run"));
    FakeExecutor fake = FakeExecutor.builder().stdout("mean 3.5\nmedian 3\n").file("stats.json", "{\"mean\": 3.5}").build();
    result = fake.execute(ExecutionSpec.builder()
        .request(base)
        .inputsDir(Files.createDirectories(run.resolve("in")))
        .outputsDir(Files.createDirectories(run.resolve("out")))
        .scratchDir(Files.createDirectories(run.resolve("scratch")))
        .limits(EffectiveLimits.builder()
            .cpu(1)
            .memoryMb(512)
            .time(Duration.ofSeconds(60))
            .maxOutputBytes(EffectiveLimits.DEFAULT_MAX_OUTPUT_BYTES)
            .build())
        .build());
    pipeline = ToolExecPipeline.builder().executor(FakeExecutor.builder().stdout("mean 3.5\n").build())
        .workDirectory(Files.createDirectories(work.resolve("pipeline-work"))).build();
  }

  /** A fresh results directory for each iteration. */
  @Setup(Level.Iteration)
  public void freshResults() throws IOException {
    results = Files.createDirectories(work.resolve("results-" + System.nanoTime()));
  }

  /** Removes what the iteration wrote. */
  @TearDown(Level.Iteration)
  public void removeResults() throws IOException {
    delete(results);
  }

  /** Removes everything. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    delete(work);
  }

  /** Writes a small result (stdout, stderr, one artifact). */
  @Benchmark
  public WrittenResult writeSmallResult() throws IOException {
    return ToolResultWriter.standard().write(withId(base, "TR-bench-" + next++), result, results);
  }

  /** The pipeline's own overhead for one request: read, parse, validate, claim, stage, write. */
  @Benchmark
  public Outcome pipelineWithFakeExecutor(PipelineState state) {
    return pipeline.run(state.request(), results);
  }

  /** A fresh request file for each pipeline invocation (written outside the measurement). */
  @State(Scope.Thread)
  public static class PipelineState {
    private Path dir;
    private Path request;
    private long counter;

    /** Prepares the directory of request files. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
      dir = Files.createTempDirectory("threegate-bench-requests-");
    }

    /** Writes the next request file. */
    @Setup(Level.Invocation)
    public void nextRequest() {
      request = ToolRequests.valid().requestId("TR-pipeline-" + counter++).writeTo(dir);
    }

    /** Removes the request files. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      delete(dir);
    }

    Path request() {
      return request;
    }
  }

  static ToolRequest withId(ToolRequest r, String id) {
    return r.newBuilder().requestId(id).build();
  }

  static void delete(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
