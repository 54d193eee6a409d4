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

import dev.threegate.exec.BackendInfo;
import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.exec.Executor;
import dev.threegate.exec.ScriptedExecutor;
import dev.threegate.quarantine.Quarantine;
import dev.threegate.request.Requests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request runs once whatever a crash left in the results directory, and the claim and a batch
 * find a request's result by its index entry, not by listing the directory, not even at a start: a
 * result the index does not know is not seen until the index is built again.
 */
class RunOnceTest {
  private static final String NO_FILES =
      Requests.TYPICAL
          .replace("inputs:\n  - name: \"data.csv\"\n    sha256: \"3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7\"\n", "")
          .replace("outputs_expected:\n  - path: \"/out/stats.json\"\n    description: \"mean, median, stdev per column\"\n", "")
          .replace("python /in/stats.py --in /in/data.csv --out /out/stats.json", "python3 -V");
  private static final String ID = "TR-20261126-120000Z-once";
  /** A result a crashed run began to publish, long before any run of these tests. */
  private static final String OLD = "TS-20200101-000000Z-" + ID;

  @TempDir Path temp;

  /** Runs nothing itself; records the request ids it was asked to run. */
  private static final class Counting implements Executor {
    final List<String> runs = new CopyOnWriteArrayList<>();

    @Override
    public ExecutionResult execute(ExecutionSpec spec) {
      runs.add(spec.request().requestId());
      return ScriptedExecutor.printing("ok\n").execute(spec);
    }

    @Override
    public BackendInfo backend() {
      return ScriptedExecutor.BACKEND;
    }
  }

  private final Counting executor = new Counting();

  private ToolExecPipeline gate() {
    return ToolExecPipeline.builder().executor(executor).workDirectory(temp.resolve("work")).build();
  }

  private Path request(String id) throws IOException {
    Path dir = Files.createDirectories(temp.resolve("requests"));
    return Files.writeString(dir.resolve(id + ".md"), NO_FILES.replace("TR-20261126-120000Z-csv-stats", id));
  }

  private Path results() throws IOException {
    return Files.createDirectories(temp.resolve("results"));
  }

  private Path index() throws IOException {
    return results().resolve(".threegate/index");
  }

  private Path file(String name, String content) throws IOException {
    Path file = results().resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  /** A results directory with many results of other requests, written before the index existed. */
  private void archive(int results) throws IOException {
    for (int i = 0; i < results; i++) {
      file(String.format("TS-20200101-000000Z-TR-old-%05d.md", i), "---\n");
    }
  }

  /** Runs the request twice: the first run's count, then the second's, which must be refused. */
  private void runsOnceThenIsRefused(Path request) throws IOException {
    try (ToolExecPipeline gate = gate()) {
      Outcome first = gate.run(request, results());
      assertThat(first).isInstanceOf(Outcome.Accepted.class);
      assertThat(executor.runs).containsExactly(ID);
      Outcome second = gate.run(request, results());
      assertThat(second).isInstanceOf(Outcome.Failed.class);
      assertThat(((Outcome.Failed) second).message()).contains("already has a Tool Result");
      assertThat(executor.runs).containsExactly(ID);
    }
    String entry = Files.readString(index().resolve(ID + ".result"));
    assertThat(entry).startsWith("TS-").endsWith("-" + ID + "\n").isNotEqualTo(OLD + "\n");
    assertThat(results().resolve(entry.strip() + ".md")).isRegularFile();
  }

  private void isRefused(Path request) throws IOException {
    try (ToolExecPipeline gate = gate()) {
      Outcome outcome = gate.run(request, results());
      assertThat(outcome).isInstanceOf(Outcome.Failed.class);
      assertThat(((Outcome.Failed) outcome).message()).isEqualTo("claim: request " + ID + " already has a Tool Result: " + OLD + ".md");
    }
    assertThat(executor.runs).isEmpty();
  }

  @Test
  void aDirectoryWrittenBeforeTheIndexKeepsEveryResultDone() throws IOException {
    archive(2_000);
    file(OLD + ".md", "---\n");
    isRefused(request(ID));
    assertThat(index().resolve("TR-old-01999.result")).hasContent("TS-20200101-000000Z-TR-old-01999\n");
    assertThat(index().resolve(ID + ".result")).hasContent(OLD + "\n");
  }

  @Test
  void crashBeforeTheEntryIsLinkedLeavesAStagedEntryAndTheRequestRunsOnce() throws IOException {
    archive(100);
    file(".threegate/staging/0b6c.result", OLD + "\n");
    file(OLD + ".stdout.txt", "staged, published by a link, then the crash\n");
    Files.createDirectories(index());
    runsOnceThenIsRefused(request(ID));
  }

  @Test
  void crashAfterTheEntryBeforeTheResultRunsTheRequestOnce() throws IOException {
    archive(100);
    Files.createDirectories(index());
    file(".threegate/index/" + ID + ".result", OLD + "\n");
    file(OLD + ".stdout.txt", "");
    file(OLD + ".stderr.txt", "");
    file(OLD + ".out/stats.json", "{}");
    runsOnceThenIsRefused(request(ID));
  }

  @Test
  void crashWhileTheEntryWasWrittenRunsTheRequestOnce() throws IOException {
    archive(100);
    file(".threegate/index/" + ID + ".result", ""); // its content never reached the disk
    runsOnceThenIsRefused(request(ID));
  }

  @Test
  void aResultWhoseEntryIsEmptyOrCutShortIsFoundByListingAndTheEntryRepaired() throws IOException {
    archive(100);
    for (String content : List.of("", "TS-2020", OLD)) {
      file(".threegate/index/" + ID + ".result", content);
      file(OLD + ".md", "---\n");
      isRefused(request(ID));
      assertThat(index().resolve(ID + ".result")).hasContent(OLD + "\n");
    }
  }

  @Test
  void aResultWithItsEntryIsRefusedWhateverElseTheDirectoryHolds() throws IOException {
    archive(100);
    file(OLD + ".md", "---\n");
    file(".threegate/index/" + ID + ".result", OLD + "\n");
    file(".threegate/staging/1234.result", "TS-20261126-130000Z-" + ID + "\n");
    isRefused(request(ID));
  }

  @Test
  void aResultCopiedInWithoutEntryIsNotListedForNotEvenAtAStartButARebuiltIndexFindsIt() throws IOException {
    archive(100);
    Files.createDirectories(index());
    String other = "TR-20261126-120000Z-copied";
    file("TS-20200101-000000Z-" + other + ".md", "---\n"); // copied in by hand after the index was built
    try (ToolExecPipeline gate = gate()) {
      gate.sweepStale(results()); // a start builds a missing index, and lists nothing when it exists
      assertThat(gate.run(request(other), results())).isInstanceOf(Outcome.Accepted.class);
    }
    assertThat(executor.runs).as("the claim looks the request up by name; it does not list").containsExactly(other);

    executor.runs.clear();
    file(OLD + ".md", "---\n"); // copied in by hand; the host then removes the index while nothing runs
    removeIndex();
    isRefused(request(ID));
  }

  private void removeIndex() throws IOException {
    try (var files = Files.walk(index())) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  void aBatchSkipsTheDoneRequestsByTheIndexAndRunsTheRestOnce() throws IOException {
    archive(2_000);
    for (int i = 0; i < 10; i++) {
      String id = "TR-20261126-120000Z-b" + i;
      request(id);
      if (i % 2 == 0) {
        file("TS-20200101-000000Z-" + id + ".md", "---\n"); // done before the index existed
      }
    }
    String copied = "TR-20261126-120000Z-b9";
    try (ToolExecPipeline gate = gate()) {
      Batch batch = Batch.builder(gate).requestsDir(temp.resolve("requests")).resultsDir(results())
          .quarantine(Quarantine.in(temp.resolve("quarantine"))).build();
      BatchReport first = batch.run();
      assertThat(first.skipped()).extracting(p -> p.getFileName().toString())
          .containsExactly("TR-20261126-120000Z-b0.md", "TR-20261126-120000Z-b2.md", "TR-20261126-120000Z-b4.md",
              "TR-20261126-120000Z-b6.md", "TR-20261126-120000Z-b8.md");
      assertThat(first.outcomes()).hasSize(5).allMatch(Outcome.Accepted.class::isInstance);
      assertThat(executor.runs).containsExactlyInAnyOrder("TR-20261126-120000Z-b1", "TR-20261126-120000Z-b3",
          "TR-20261126-120000Z-b5", "TR-20261126-120000Z-b7", copied);

      request("TR-20261126-120000Z-b10");
      file("TS-20200101-000000Z-TR-20261126-120000Z-b10.md", "---\n"); // copied in without entry
      removeIndex(); // as a host that copies results in does; the next lookup builds it again
      BatchReport second = batch.run();
      assertThat(second.outcomes()).isEmpty();
      assertThat(second.skipped()).hasSize(11);
      assertThat(executor.runs).hasSize(5);
    }
  }

  @Test
  void aHostsOwnWriterIsCoveredToo() throws IOException {
    // Builder.writer is public: a writer that knows nothing of the index still makes the request's
    // result visible to the next claim, since the pipeline records it while the request is claimed.
    dev.threegate.result.ToolResultWriter own = (request, result, dir) -> {
      String id = "TS-20261201-000000Z-" + request.requestId();
      Path out = Files.copy(result.stdout().file(), dir.resolve(id + ".stdout.txt"));
      Path err = Files.copy(result.stderr().file(), dir.resolve(id + ".stderr.txt"));
      Path md = Files.writeString(dir.resolve(id + ".md"), "---\nresult_id: " + id + "\n---\n");
      return new dev.threegate.result.WrittenResult(id, md, List.of(out, err));
    };
    String id = "TR-20261126-120000Z-own";
    Path request = request(id);
    for (int run = 0; run < 2; run++) {
      try (ToolExecPipeline gate = ToolExecPipeline.builder().executor(executor).writer(own).workDirectory(temp.resolve("work")).build()) {
        gate.run(request, results());
      }
    }
    assertThat(executor.runs).as("ran once").containsExactly(id);
    assertThat(index().resolve(id + ".result")).hasContent("TS-20261201-000000Z-" + id + "\n");
  }

  @Test
  void aBuildOfTheIndexIsNotSweptAndAnAbandonedOneIsRemovedByTheNext() throws IOException {
    archive(10);
    Path live = Files.createDirectories(results().resolve(".threegate/building/live.index"));
    Path abandoned = Files.createDirectories(results().resolve(".threegate/building/abandoned.index"));
    Files.writeString(abandoned.resolve("TR-x.result"), "TS-x\n");
    Files.setLastModifiedTime(abandoned, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofDays(2))));
    try (ToolExecPipeline gate = gate()) {
      gate.sweepStale(results()); // no request is claimed: the staging area is swept, and the index built
    }
    assertThat(live).as("a build in progress (it holds no claim)").isDirectory();
    assertThat(abandoned).as("a build a crash cut short, a day ago").doesNotExist();
    assertThat(index().resolve("TR-old-00009.result")).hasContent("TS-20200101-000000Z-TR-old-00009\n");

    // Once the index exists, a start still removes an abandoned build.
    Files.setLastModifiedTime(live, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofDays(2))));
    try (ToolExecPipeline gate = gate()) {
      gate.sweepStale(results());
    }
    assertThat(live).doesNotExist();
    try (var left = Files.list(results().resolve(".threegate/building"))) {
      assertThat(left).as("no tombstone left").isEmpty();
    }
  }

  @Test
  void aResultAHostsWriterLeftBeforeItFailedIsKept() throws IOException {
    dev.threegate.result.ToolResultWriter failing = (request, result, dir) -> {
      String id = "TS-20261201-000000Z-" + request.requestId();
      Files.writeString(dir.resolve(id + ".md"), "---\nresult_id: " + id + "\n---\n");
      throw new IOException("failed after writing the Markdown");
    };
    String id = "TR-20261126-120000Z-failing";
    Path request = request(id);
    for (int run = 0; run < 2; run++) {
      try (ToolExecPipeline gate = ToolExecPipeline.builder().executor(executor).writer(failing).workDirectory(temp.resolve("work")).build()) {
        assertThat(gate.run(request, results())).isInstanceOf(Outcome.Failed.class);
      }
    }
    assertThat(executor.runs).as("the second run is refused at the claim").containsExactly(id);
  }

  @Test
  void aDirectoryWhereAnEntryGoesNeitherHidesAResultNorBlocksTheRequest() throws IOException {
    archive(10);
    file(OLD + ".md", "---\n");
    Files.createDirectories(index().resolve(ID + ".result/inside"));
    isRefused(request(ID));

    String other = "TR-20261126-120000Z-blocked";
    Files.createDirectories(index().resolve(other + ".result"));
    try (ToolExecPipeline gate = gate()) {
      assertThat(gate.run(request(other), results())).isInstanceOf(Outcome.Accepted.class);
    }
    assertThat(index().resolve(other + ".result")).isRegularFile();
  }
}
