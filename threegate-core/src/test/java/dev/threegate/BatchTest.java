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
import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.exec.Executor;
import dev.threegate.exec.ScriptedExecutor;
import dev.threegate.quarantine.Quarantine;
import dev.threegate.request.Requests;
import dev.threegate.request.ToolRequest;
import dev.threegate.result.WrittenResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory of requests run in parallel: one outcome per request, events that name their request. */
class BatchTest {
  private static final String NO_FILES =
      Requests.TYPICAL
          .replace("inputs:\n  - name: \"data.csv\"\n    sha256: \"3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7\"\n", "")
          .replace("outputs_expected:\n  - path: \"/out/stats.json\"\n    description: \"mean, median, stdev per column\"\n", "")
          .replace("python /in/stats.py --in /in/data.csv --out /out/stats.json", "python3 -V");

  @TempDir Path temp;

  private void request(String id, String command) throws IOException {
    Path dir = Files.createDirectories(temp.resolve("requests"));
    Files.writeString(dir.resolve(id + ".md"),
        NO_FILES.replace("TR-20261126-120000Z-csv-stats", id).replace("python3 -V", command));
  }

  /** Prints the id of the request it runs; the first two runs wait for each other, proving two run at once. */
  private static final class Overlapping implements Executor {
    final CountDownLatch two = new CountDownLatch(2);
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();

    @Override
    public ExecutionResult execute(ExecutionSpec spec) {
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        two.countDown();
        two.await(60, TimeUnit.SECONDS);
        return ScriptedExecutor.printing(spec.request().requestId() + "\n").execute(spec);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new dev.threegate.exec.ExecutionException("interrupted", e);
      } finally {
        running.decrementAndGet();
      }
    }

    @Override
    public BackendInfo backend() {
      return ScriptedExecutor.BACKEND;
    }
  }

  @Test
  void runsRequestsInParallelEachToOneOutcomeWithEventsThatNameTheirRequest() throws IOException {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String id = "TR-p" + i;
      ids.add(id);
      request(id, i == 5 ? "bash -c id" : "python3 -V");
    }
    Map<String, List<String>> events = new ConcurrentHashMap<>();
    List<String> mismatches = new CopyOnWriteArrayList<>();
    PipelineListener listener = new PipelineListener() {
      private void add(RequestRef ref, String event) {
        events.computeIfAbsent(ref.source(), s -> new CopyOnWriteArrayList<>()).add(event);
      }

      private void check(RequestRef ref, String id, String what) {
        if (!ref.requestId().orElse("").equals(id) || !ref.source().equals(id + ".md")) {
          mismatches.add(what + " of " + id + " came as " + ref);
        }
      }

      @Override
      public void parsed(RequestRef ref, ToolRequest request) {
        check(ref, request.requestId(), "parsed");
        add(ref, "parsed");
      }

      @Override
      public void executing(RequestRef ref, ExecutionSpec spec) {
        check(ref, spec.request().requestId(), "executing");
        add(ref, "executing");
      }

      @Override
      public void executed(RequestRef ref, ExecutionResult result) {
        check(ref, new String(result.stdout().head(), java.nio.charset.StandardCharsets.UTF_8).strip(), "executed");
        add(ref, "executed");
      }

      @Override
      public void written(RequestRef ref, WrittenResult written) {
        check(ref, written.resultFile().getFileName().toString().replaceFirst("^TS-\\d{8}-\\d{6}Z-", "").replace(".md", ""), "written");
        add(ref, "written");
      }

      @Override
      public void finished(RequestRef ref, Outcome outcome) {
        if (!ref.source().equals(outcome.source())) {
          mismatches.add("finished of " + outcome.source() + " came as " + ref);
        }
        add(ref, "finished " + outcome.exitCode());
      }
    };
    Overlapping executor = new Overlapping();
    ToolExecPipeline gate = ToolExecPipeline.builder().executor(executor).listener(listener).workDirectory(temp.resolve("work")).build();
    List<Outcome> progress = new CopyOnWriteArrayList<>();
    BatchReport report = Batch.builder(gate).requestsDir(temp.resolve("requests")).resultsDir(temp.resolve("results"))
        .quarantine(Quarantine.in(temp.resolve("quarantine"))).parallelism(4).progress(progress::add).build().run();

    assertThat(executor.mostAtOnce.get()).as("requests ran at once").isGreaterThanOrEqualTo(2);
    assertThat(report.outcomes()).extracting(Outcome::source).containsExactlyElementsOf(ids.stream().map(id -> id + ".md").toList());
    assertThat(report.outcomes()).extracting(Outcome::exitCode).containsExactly(0, 0, 0, 0, 0, 2, 0, 0);
    assertThat(progress).extracting(Outcome::source).containsExactlyInAnyOrderElementsOf(ids.stream().map(id -> id + ".md").toList());
    assertThat(report.quarantined()).extracting(p -> p.getFileName().toString()).containsExactly("TR-p5.md");
    assertThat(mismatches).isEmpty();
    assertThat(events.keySet()).hasSize(8);
    events.forEach((source, list) -> {
      if (source.equals("TR-p5.md")) {
        assertThat(list).containsExactly("parsed", "finished 2");
      } else {
        assertThat(list).as(source).containsExactly("parsed", "executing", "executed", "written", "finished 0");
      }
    });
    assertThat(Set.copyOf(report.outcomes())).hasSize(8);
  }

  @Test
  void requiresItsDirectoriesAndAPositiveParallelism() {
    ToolExecPipeline gate = ToolExecPipeline.builder().executor(ScriptedExecutor.printing("x")).build();
    assertThatThrownBy(() -> Batch.builder(gate).requestsDir(temp).resultsDir(temp).build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Batch.builder(gate).parallelism(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
