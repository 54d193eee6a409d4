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

import dev.threegate.exec.OutputBudget;
import dev.threegate.exec.ScriptedExecutor;
import dev.threegate.request.Requests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the builder hands to the run, what it refuses, and a closed pipeline. */
class PipelineBuilderTest {
  private static final String NO_FILES =
      Requests.TYPICAL
          .replace("inputs:\n  - name: \"data.csv\"\n    sha256: \"3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7\"\n", "")
          .replace("outputs_expected:\n  - path: \"/out/stats.json\"\n    description: \"mean, median, stdev per column\"\n", "")
          .replace("python /in/stats.py --in /in/data.csv --out /out/stats.json", "python3 -V");

  @TempDir Path temp;

  private Path request() throws IOException {
    return Files.writeString(Files.createDirectories(temp.resolve("requests")).resolve("TR-1.md"), NO_FILES);
  }

  @Test
  void theSmallestOutputCapIsOneByteAndTheRunIsGivenItAndTheBudget() throws IOException {
    assertThatThrownBy(() -> ToolExecPipeline.builder().maxOutputBytes(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxOutputBytes must be positive: 0");
    ScriptedExecutor executor = ScriptedExecutor.printing("x");
    OutputBudget budget = OutputBudget.defaults();
    ToolExecPipeline gate = ToolExecPipeline.builder().executor(executor).maxOutputBytes(1).outputBudget(budget)
        .workDirectory(temp.resolve("work")).build();
    gate.run(request(), temp.resolve("results"));
    assertThat(executor.specs).singleElement().satisfies(spec -> {
      assertThat(spec.limits().maxOutputBytes()).isEqualTo(1);
      assertThat(spec.limits().outputs()).isSameAs(budget);
      assertThat(spec.inputsDir().getParent().getParent()).isEqualTo(temp.resolve("work"));
    });
  }

  @Test
  void aPipelineNeedsAnExecutor() {
    assertThatThrownBy(() -> ToolExecPipeline.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessage("an executor is required");
  }

  @Test
  void aClosedPipelineReadsNothing() throws IOException {
    ToolExecPipeline gate = ToolExecPipeline.builder().executor(ScriptedExecutor.printing("x")).workDirectory(temp.resolve("work")).build();
    gate.close();
    assertThat(gate.run(request(), temp.resolve("results"))).isEqualTo(new Outcome.Failed("TR-1.md", Outcome.Stage.READ,
        "read: the pipeline is shut down; nothing was read or run", Optional.empty()));
    assertThat(temp.resolve("results")).doesNotExist();
  }
}
