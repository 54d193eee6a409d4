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
package dev.threegate.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.Outcome;
import dev.threegate.Outcome.Stage;
import dev.threegate.PipelineListener;
import dev.threegate.ToolExecPipeline;
import dev.threegate.exec.Artifact;
import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.exec.Executor;
import dev.threegate.exec.ScriptedExecutor;
import dev.threegate.request.Requests;
import dev.threegate.result.ToolResultWriter;
import dev.threegate.result.WrittenResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write step: what it hands back, what it refuses from a writer, and a run that was interrupted. */
class WriteStepTest {
  private static final String NO_FILES =
      Requests.TYPICAL
          .replace("inputs:\n  - name: \"data.csv\"\n    sha256: \"3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7\"\n", "")
          .replace("outputs_expected:\n  - path: \"/out/stats.json\"\n    description: \"mean, median, stdev per column\"\n", "")
          .replace("python /in/stats.py --in /in/data.csv --out /out/stats.json", "python3 -V");

  @TempDir Path temp;

  private Path request() throws IOException {
    return Files.writeString(Files.createDirectories(temp.resolve("requests")).resolve("TR-1.md"), NO_FILES);
  }

  private ToolExecPipeline.Builder builder(Executor executor) {
    return ToolExecPipeline.builder().executor(executor).workDirectory(temp.resolve("work"));
  }

  @Test
  void theAcceptedRunPointsEachArtifactAtItsOwnPublishedCopy() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("a.txt", "first".getBytes());
    files.put("b.txt", "second".getBytes());
    files.put("c.txt", "third".getBytes());
    Outcome outcome = builder(ScriptedExecutor.printing("x").withFiles(files)).build().run(request(), temp.resolve("results"));
    assertThat(outcome).isInstanceOfSatisfying(Outcome.Accepted.class, accepted -> {
      List<Path> published = accepted.written().artifacts();
      assertThat(accepted.execution().stdout().file()).isEqualTo(published.get(0));
      assertThat(accepted.execution().stderr().file()).isEqualTo(published.get(1));
      List<Artifact> artifacts = accepted.execution().artifacts();
      assertThat(artifacts).extracting(Artifact::name).containsExactly("a.txt", "b.txt", "c.txt");
      for (int i = 0; i < artifacts.size(); i++) {
        assertThat(artifacts.get(i).file()).isEqualTo(published.get(2 + i));
        assertThat(artifacts.get(i).file()).hasBinaryContent(files.get(artifacts.get(i).name()));
      }
    });
  }

  @Test
  void aWriterThatReturnsNothingOrMislistsItsFilesFailsTheWrite() throws IOException {
    Path file = request();
    Outcome nothing = builder(ScriptedExecutor.printing("x")).writer((request, result, dir) -> null).build().run(file, temp.resolve("r1"));
    assertThat(nothing).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
      assertThat(f.stage()).isEqualTo(Stage.WRITE);
      assertThat(f.message()).endsWith(" returned null").startsWith("write: writer ");
    });
    ToolResultWriter standard = ToolResultWriter.standard();
    Outcome short_ = builder(ScriptedExecutor.printing("x")).writer((request, result, dir) -> {
      WrittenResult written = standard.write(request, result, dir);
      return new WrittenResult(written.resultId(), written.resultFile(), written.artifacts().subList(0, 1));
    }).build().run(file, temp.resolve("r2"));
    assertThat(short_).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
      assertThat(f.stage()).isEqualTo(Stage.WRITE);
      assertThat(f.message()).endsWith(" lists 1 published files; a WrittenResult lists stdout, stderr and each of the 0 artifacts (2)");
    });
  }

  @Test
  void aRunInterruptedAsItEndsIsStillWrittenWholeAndTheInterruptIsKept() throws IOException {
    List<Boolean> interruptedWhileWriting = new ArrayList<>();
    ToolResultWriter standard = ToolResultWriter.standard();
    Executor interrupting = new Executor() {
      @Override
      public ExecutionResult execute(ExecutionSpec spec) {
        ExecutionResult result = ScriptedExecutor.printing("x").execute(spec);
        Thread.currentThread().interrupt(); // a shutdown arrives as the run ends
        return result;
      }

      @Override
      public dev.threegate.exec.BackendInfo backend() {
        return ScriptedExecutor.BACKEND;
      }
    };
    Outcome outcome;
    boolean kept;
    try {
      outcome = builder(interrupting).writer((request, result, dir) -> {
        interruptedWhileWriting.add(Thread.currentThread().isInterrupted());
        return standard.write(request, result, dir);
      }).build().run(request(), temp.resolve("results"));
    } finally {
      kept = Thread.interrupted();
    }
    assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
    assertThat(interruptedWhileWriting).containsExactly(false);
    assertThat(kept).isTrue();
  }

  @Test
  void aWriteStepWithNothingExecutedFailsNamingItself() {
    RunState state = new RunState(temp.resolve("TR-1.md"), Optional.empty(), temp.resolve("results"), PipelineListener.NONE);
    state.request(Requests.parse(NO_FILES));
    Outcome outcome = RealChain.run(List.of(new RealChain.Link(new WriteStep(ToolResultWriter.standard(), java.util.Optional.empty()), Stage.WRITE)), state);
    assertThat(outcome).isEqualTo(new Outcome.Failed("TR-1.md", Stage.WRITE,
        "write: step write threw java.lang.IllegalStateException: nothing was executed", ((Outcome.Failed) outcome).cause()));
  }

  @Test
  void shuttingDownWhileARequestIsInFlightReportsThatItHasNotEnded() throws IOException {
    List<Boolean> ended = new ArrayList<>();
    ToolExecPipeline[] gate = new ToolExecPipeline[1];
    gate[0] = builder(ScriptedExecutor.printing("x")).addStep(chain -> {
      ended.add(gate[0].shutdown(java.time.Duration.ZERO));
      return chain.proceed();
    }).build();
    try {
      gate[0].run(request(), temp.resolve("results"));
    } finally {
      Thread.interrupted();
    }
    assertThat(ended).containsExactly(false);
  }
}
