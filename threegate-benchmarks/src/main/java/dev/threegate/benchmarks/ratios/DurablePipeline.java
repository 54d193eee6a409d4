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
package dev.threegate.benchmarks.ratios;

import dev.threegate.Outcome;
import dev.threegate.ToolExecPipeline;
import dev.threegate.result.WrittenResult;
import dev.threegate.testkit.FakeExecutor;
import dev.threegate.testkit.ToolRequests;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The pipeline's own cost on the file system under test: a whole typical request (two inputs
 * staged and verified, a {@link FakeExecutor} that prints to both streams and writes one {@code
 * /out} file, the Tool Result published durably) against a bare durable write of exactly the files
 * the pipeline publishes, with the same bytes, in the same results directory: each file created
 * under a temporary name, written and forced, the {@code .out} directory forced, everything
 * renamed into place and the results directory forced once. Rounds of each alternate so that both
 * see the same load; the line is the ratio of the medians.
 */
public final class DurablePipeline implements Measure {
  private static final long BUDGET_NANOS = 80_000_000_000L;
  private static final int ROUND = 10;
  private static final int WARMUP_ROUNDS = 5;
  private static final int MAX_ROUNDS = 60;
  private static final double TARGET = 1.5;

  @Override
  public String name() {
    return "durable";
  }

  @Override
  public List<Ratio> measure(Path work, Setup setup) throws Exception {
    Path inputs = Files.createDirectories(work.resolve("inputs"));
    byte[] data = csv();
    byte[] script = "import csv, json, sys\nprint('mean 3.5')\n".getBytes(StandardCharsets.UTF_8);
    Files.write(inputs.resolve("data.csv"), data);
    Files.write(inputs.resolve("stats.py"), script);
    Path requests = Files.createDirectories(work.resolve("requests"));
    Path results = Files.createDirectories(work.resolve("results"));
    FakeExecutor fake = FakeExecutor.builder()
        .stdout("mean 3.5\nmedian 3\nstdev 1.7\n")
        .stderr("read 64 rows from /in/data.csv\n")
        .file("stats.json", "{\"mean\": 3.5, \"median\": 3, \"stdev\": 1.7}\n")
        .build();
    List<Long> pipelineTimes = new ArrayList<>();
    List<Long> bareTimes = new ArrayList<>();
    long[] cpu = new long[2]; // this thread's CPU time in the measured pipeline runs, then in the bare writes
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (ToolExecPipeline pipeline = ToolExecPipeline.builder()
        .executor(fake)
        .workDirectory(Files.createDirectories(work.resolve("pipeline-work")))
        .build()) {
      Request first = new Request(requests, inputs, data, script, 0);
      Published files = Published.read(first.run(pipeline, results));
      System.err.printf(Locale.ROOT, "durable: publishes %s.md (%d bytes), stdout (%d), stderr (%d), .out/stats.json (%d)%n",
          files.id, files.markdown.length, files.stdout.length, files.stderr.length, files.artifact.length);
      long deadline = System.nanoTime() + BUDGET_NANOS;
      int next = 1;
      for (int round = 0; round < WARMUP_ROUNDS + MAX_ROUNDS && (round < WARMUP_ROUNDS + 5 || System.nanoTime() < deadline); round++) {
        boolean measured = round >= WARMUP_ROUNDS;
        List<Request> batch = new ArrayList<>();
        for (int i = 0; i < ROUND; i++, next++) {
          batch.add(new Request(requests, inputs, data, script, next));
        }
        long cpu0 = threads.getCurrentThreadCpuTime();
        for (Request request : batch) {
          long nanos = request.timeIn(pipeline, results);
          if (measured) {
            pipelineTimes.add(nanos);
          }
        }
        long cpu1 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < ROUND; i++, next++) {
          long nanos = files.writeBare(results, "TR-bare-" + next);
          if (measured) {
            bareTimes.add(nanos);
          }
        }
        if (measured) {
          cpu[0] += cpu1 - cpu0;
          cpu[1] += threads.getCurrentThreadCpuTime() - cpu1;
        }
      }
    }
    double pipelineMs = Stats.medianMillis(array(pipelineTimes));
    double bareMs = Stats.medianMillis(array(bareTimes));
    double pipelineCpu = cpu[0] / 1e6 / pipelineTimes.size();
    double bareCpu = cpu[1] / 1e6 / bareTimes.size();
    System.err.printf(Locale.ROOT, "durable: pipeline median %.3f ms (p90 %.3f, CPU %.2f ms each), bare median %.3f ms (p90 %.3f, CPU %.2f ms), %d each%n",
        pipelineMs, Stats.percentileMillis(array(pipelineTimes), 90), pipelineCpu, bareMs, Stats.percentileMillis(array(bareTimes), 90),
        bareCpu, pipelineTimes.size());
    double ratio = pipelineMs / bareMs;
    boolean met = ratio <= TARGET;
    return List.of(new Ratio(
        "a typical request through the pipeline (FakeExecutor, 2 inputs, stdout, stderr, 1 /out file), median of " + pipelineTimes.size(),
        ratio, "x",
        String.format(Locale.ROOT, "a bare durable write of the same 4 files, same directory: %.2f ms against %.2f ms", bareMs, pipelineMs),
        String.format(Locale.ROOT, "<= %.1fx", TARGET), met,
        met ? "" : String.format(Locale.ROOT, "the pipeline's own CPU, %.1f ms a request against %.1f ms (parse, validate, claim, stage and hash "
            + "the inputs, render the result; on a busy machine it waits for a CPU too), and two more directory fsyncs: 8 (4 files, the "
            + ".out directory, the results index, the results directory before and after the Markdown's link) against 6", pipelineCpu, bareCpu)));
  }

  private static byte[] csv() {
    StringBuilder csv = new StringBuilder("id,value\n");
    for (int i = 0; i < 64; i++) {
      csv.append(i).append(',').append(i % 7).append('\n');
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static long[] array(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).toArray();
  }

  /** One request file, written before it is timed. */
  private static final class Request {
    final String id;
    final Path file;
    final Path inputs;

    Request(Path requests, Path inputs, byte[] data, byte[] script, int n) {
      this.id = "TR-20261126-120000Z-durable-" + n;
      this.inputs = inputs;
      this.file = ToolRequests.valid()
          .requestId(id)
          .command("python3 /in/stats.py --in /in/data.csv --out /out/stats.json")
          .input("data.csv", data)
          .input("stats.py", script)
          .output("/out/stats.json", "mean, median, stdev per column")
          .writeTo(requests);
    }

    long timeIn(ToolExecPipeline pipeline, Path results) {
      long start = System.nanoTime();
      run(pipeline, results);
      return System.nanoTime() - start;
    }

    WrittenResult run(ToolExecPipeline pipeline, Path results) {
      Outcome outcome = pipeline.run(file, inputs, results);
      if (!(outcome instanceof Outcome.Accepted accepted)) {
        throw new IllegalStateException("the pipeline did not accept " + id + ": " + outcome);
      }
      return accepted.written();
    }
  }

  /** The bytes of the files a Tool Result publishes, and the bare durable write of them. */
  private record Published(String id, byte[] markdown, byte[] stdout, byte[] stderr, byte[] artifact) {
    static Published read(WrittenResult written) throws IOException {
      List<Path> files = written.artifacts();
      if (files.size() != 3 || !files.get(2).getParent().getFileName().toString().equals(written.resultId() + ".out")) {
        throw new IllegalStateException("expected stdout, stderr and one /out file, the pipeline published " + files);
      }
      return new Published(written.resultId(), Files.readAllBytes(written.resultFile()), Files.readAllBytes(files.get(0)),
          Files.readAllBytes(files.get(1)), Files.readAllBytes(files.get(2)));
    }

    /** The minimum a durable writer of these files does; returns its time in nanoseconds. */
    long writeBare(Path results, String id) throws IOException {
      long start = System.nanoTime();
      Path out = Files.createDirectory(results.resolve("." + id + ".out.tmp"));
      writeForced(out.resolve("stats.json"), artifact);
      force(out);
      Path stdoutTemp = writeForced(results.resolve("." + id + ".stdout.tmp"), stdout);
      Path stderrTemp = writeForced(results.resolve("." + id + ".stderr.tmp"), stderr);
      Path markdownTemp = writeForced(results.resolve("." + id + ".md.tmp"), markdown);
      Files.move(out, results.resolve(id + ".out"));
      Files.move(stdoutTemp, results.resolve(id + ".stdout.txt"));
      Files.move(stderrTemp, results.resolve(id + ".stderr.txt"));
      Files.move(markdownTemp, results.resolve(id + ".md"));
      force(results);
      return System.nanoTime() - start;
    }

    private static Path writeForced(Path file, byte[] bytes) throws IOException {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      return file;
    }

    private static void force(Path dir) throws IOException {
      try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
        channel.force(true);
      }
    }
  }
}
