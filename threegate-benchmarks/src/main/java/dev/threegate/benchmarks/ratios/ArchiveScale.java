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

import dev.threegate.Batch;
import dev.threegate.BatchReport;
import dev.threegate.Outcome;
import dev.threegate.ToolExecPipeline;
import dev.threegate.quarantine.Quarantine;
import dev.threegate.testkit.FakeExecutor;
import dev.threegate.testkit.ToolRequests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a request's cost grows with the results already in the results directory: one request
 * through the pipeline (a {@link FakeExecutor}, so the gate's own cost) into a directory holding no
 * result and into one holding 100,000, and a {@link Batch} of 50 requests of which half are done,
 * in the same two directories. The runs alternate between the directories, so that a busy machine
 * slows both alike.
 *
 * <p>The 100,000 results are hard links of the Markdown file of one result the pipeline wrote,
 * under 100,000 result names (their stdout and stderr files are left out: they would triple the
 * entries, and the time to make and delete them, without changing what the index looks up), made
 * before the index existed; the index is then built by the code itself ({@link
 * ToolExecPipeline#sweepStale}, one listing), as for a results directory an older version wrote.
 */
final class ArchiveScale implements Measure {
  private static final int ARCHIVE = 100_000;
  private static final int WARMUP = 30;
  private static final int REQUESTS = 150;
  private static final int BATCHES = 20;
  private static final int BATCH_SIZE = 50;

  private int next;

  @Override
  public String name() {
    return "archive";
  }

  @Override
  public List<Ratio> measure(Path work, Setup setup) throws Exception {
    Path requests = Files.createDirectories(work.resolve("requests"));
    Path small = Files.createDirectories(work.resolve("results-0"));
    Path large = Files.createDirectories(work.resolve("results-100000"));
    try (ToolExecPipeline gate = ToolExecPipeline.builder()
        .executor(FakeExecutor.builder().stdout("mean 3.5\n").build())
        .workDirectory(Files.createDirectories(work.resolve("pipeline-work")))
        .build()) {
      long t0 = System.nanoTime();
      Path template = run(gate, requests, small);
      archive(large, template, work);
      System.err.printf(Locale.ROOT, "archive: %,d results (hard links) in %.1f s%n", ARCHIVE,
          (System.nanoTime() - t0) / 1e9);
      t0 = System.nanoTime();
      gate.sweepStale(large);
      gate.sweepStale(small);
      System.err.printf(Locale.ROOT, "archive: index of %,d results built from one listing in %.1f s%n", ARCHIVE,
          (System.nanoTime() - t0) / 1e9);

      t0 = System.nanoTime();
      for (int i = 0; i < WARMUP; i++) {
        run(gate, requests, small);
        run(gate, requests, large);
      }
      System.err.printf(Locale.ROOT, "archive: warm-up of %d requests in %.1f s%n", 2 * WARMUP, (System.nanoTime() - t0) / 1e9);
      long[] atZero = new long[REQUESTS];
      long[] atArchive = new long[REQUESTS];
      for (int i = 0; i < REQUESTS; i++) {
        atZero[i] = timed(gate, requests, small);
        atArchive[i] = timed(gate, requests, large);
      }
      double request0 = Stats.medianMillis(atZero);
      double requestN = Stats.medianMillis(atArchive);
      System.err.printf(Locale.ROOT, "archive: one request %.3f ms at 0 results, %.3f ms at %,d%n", request0, requestN, ARCHIVE);

      long[] batch0 = new long[BATCHES];
      long[] batchN = new long[BATCHES];
      batch(gate, work, small);
      batch(gate, work, large);
      for (int i = 0; i < BATCHES; i++) {
        batch0[i] = batch(gate, work, small);
        batchN[i] = batch(gate, work, large);
      }
      double b0 = Stats.medianMillis(batch0);
      double bN = Stats.medianMillis(batchN);
      System.err.printf(Locale.ROOT, "archive: a batch of %d (half done) %.1f ms at 0 results, %.1f ms at %,d%n", BATCH_SIZE, b0, bN,
          ARCHIVE);
      return List.of(
          line("archive: one request (FakeExecutor), results dir of 100,000 results / of none", requestN / request0,
              String.format(Locale.ROOT, "%.2f ms vs %.2f ms, median of %d each", requestN, request0, REQUESTS)),
          line("archive: a batch of 50, half done, results dir of 100,000 results / of none", bN / b0,
              String.format(Locale.ROOT, "%.1f ms vs %.1f ms, median of %d each", bN, b0, BATCHES)));
    }
  }

  private static Ratio line(String measure, double ratio, String comparedWith) {
    boolean met = ratio <= 1.1;
    return new Ratio(measure, ratio, "x", comparedWith, "<= 1.10x", met,
        met ? "" : "not a listing (the claim and the batch look a result up by its index entry): creating the result's files in a"
            + " directory of 100,000 entries, and the spread between runs (rerun it)");
  }

  /** Runs one fresh request; returns the Markdown file of its result. */
  private Path run(ToolExecPipeline gate, Path requests, Path results) {
    Outcome outcome = gate.run(request(requests), results);
    if (!(outcome instanceof Outcome.Accepted accepted)) {
      throw new IllegalStateException("the request must be accepted: " + outcome);
    }
    return accepted.written().resultFile();
  }

  private long timed(ToolExecPipeline gate, Path requests, Path results) {
    Path request = request(requests);
    long t0 = System.nanoTime();
    Outcome outcome = gate.run(request, results);
    long took = System.nanoTime() - t0;
    if (!(outcome instanceof Outcome.Accepted)) {
      throw new IllegalStateException("the request must be accepted: " + outcome);
    }
    return took;
  }

  private Path request(Path requests) {
    return ToolRequests.valid().requestId(String.format(Locale.ROOT, "TR-20261126-120000Z-archive-%06d", next++)).writeTo(requests);
  }

  /**
   * 100,000 results of other requests: hard links of one real result's Markdown file under result
   * names, a fresh copy of it every 50,000 links (ext4 allows 65,000 links to a file).
   */
  private static void archive(Path results, Path template, Path copies) throws IOException {
    Path source = template;
    for (int i = 0; i < ARCHIVE; i++) {
      if (i % 50_000 == 0) {
        source = Files.copy(template, Files.createDirectories(copies.resolve("copy-" + i)).resolve("md"));
      }
      String name = String.format(Locale.ROOT, "TS-20250101-000000Z-TR-20250101-000000Z-old-%06d", i);
      Files.createLink(results.resolve(name + ".md"), source);
    }
  }

  /**
   * Times a batch of 50 new requests of which 25 are run first (outside the timing), so that the
   * batch skips them and runs the others.
   */
  private long batch(ToolExecPipeline gate, Path work, Path results) throws IOException {
    Path dir = Files.createDirectories(work.resolve("batch-" + next));
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < BATCH_SIZE; i++) {
      files.add(request(dir));
    }
    for (int i = 0; i < BATCH_SIZE; i += 2) {
      gate.run(files.get(i), results);
    }
    Batch batch = Batch.builder(gate).requestsDir(dir).resultsDir(results).quarantine(Quarantine.in(work.resolve("quarantine"))).build();
    long t0 = System.nanoTime();
    BatchReport report = batch.run();
    long took = System.nanoTime() - t0;
    if (report.skipped().size() != BATCH_SIZE / 2 || report.outcomes().size() != BATCH_SIZE / 2
        || !report.outcomes().stream().allMatch(Outcome.Accepted.class::isInstance)) {
      throw new IllegalStateException("the batch must skip half and run half: " + report.skipped().size() + " skipped, "
          + report.outcomes());
    }
    return took;
  }
}
