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
import dev.threegate.exec.LimitEnforcement;
import dev.threegate.exec.ScriptedExecutor;
import dev.threegate.request.Requests;
import dev.threegate.result.ToolResult;
import dev.threegate.result.ToolResultParser;
import dev.threegate.result.ToolResultValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every limit of a run appears in its result, enforced or not, whatever the executor listed. */
class LimitCoverageTest {
  private static final String NO_FILES =
      Requests.TYPICAL
          .replace("inputs:\n  - name: \"data.csv\"\n    sha256: \"3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7\"\n", "")
          .replace("outputs_expected:\n  - path: \"/out/stats.json\"\n    description: \"mean, median, stdev per column\"\n", "")
          .replace("python /in/stats.py --in /in/data.csv --out /out/stats.json", "python3 -V");

  @TempDir Path temp;

  /** Runs like {@link ScriptedExecutor} but lists only the given limits (none by default). */
  private static final class ListingOnly implements Executor {
    private final ScriptedExecutor inner = ScriptedExecutor.printing("Python 3.11.2\n");
    private final List<LimitEnforcement> listed;

    ListingOnly(List<LimitEnforcement> listed) {
      this.listed = listed;
    }

    @Override
    public ExecutionResult execute(ExecutionSpec spec) {
      return inner.execute(spec).newBuilder().limits(listed).backend(backend()).build();
    }

    @Override
    public BackendInfo backend() {
      return ScriptedExecutor.BACKEND;
    }
  }

  private Outcome.Accepted run(Executor executor) throws IOException {
    Path request = Files.writeString(Files.createDirectories(temp.resolve("requests")).resolve("TR-1.md"), NO_FILES);
    Outcome outcome = ToolExecPipeline.builder().executor(executor).maxOutputBytes(4096).build()
        .run(request, temp.resolve("results"));
    assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
    return (Outcome.Accepted) outcome;
  }

  @Test
  void anExecutorThatListsNoLimitGetsEveryLimitRecordedAsNotEnforced() throws IOException {
    Outcome.Accepted accepted = run(new ListingOnly(List.of()));
    String document = Files.readString(accepted.written().resultFile());
    assertThat(document)
        .contains("- cpu 1: NOT enforced\n")
        .contains("- memory_mb 512: NOT enforced\n")
        .contains("- time_sec 60: NOT enforced\n")
        .contains("- output_bytes 4096: NOT enforced\n")
        .doesNotContain("the executor reported no limit enforcement");
    assertThat(accepted.execution().limits()).extracting(LimitEnforcement::limit)
        .containsExactly("cpu", "memory_mb", "time_sec", "output_bytes");
    ToolResult read = ToolResultParser.standard().parse(accepted.written().resultFile());
    assertThat(document).contains("limits_not_enforced:\n- cpu\n- memory_mb\n- time_sec\n- output_bytes\n");
    assertThat(read.requestId()).isEqualTo("TR-20261126-120000Z-csv-stats");
    assertThat(ToolResultValidator.verifyingArtifacts().validate(accepted.written().resultFile()).violations()).isEmpty();
  }

  @Test
  void limitsTheExecutorListedAreKeptAndOnlyTheOthersAdded() throws IOException {
    Outcome.Accepted accepted = run(new ListingOnly(List.of(new LimitEnforcement("time_sec", 60, "a test deadline"))));
    String document = Files.readString(accepted.written().resultFile());
    assertThat(document)
        .contains("- time_sec 60: enforced by `a test deadline`\n")
        .contains("- cpu 1: NOT enforced\n")
        .contains("- output_bytes 4096: NOT enforced\n");
    assertThat(accepted.execution().limits()).extracting(LimitEnforcement::limit)
        .containsExactly("time_sec", "cpu", "memory_mb", "output_bytes");
  }

  @Test
  void theWriterAloneAlsoRecordsEveryLimit() throws IOException {
    dev.threegate.request.ToolRequest request = Requests.parse(NO_FILES);
    Path work = Files.createTempDirectory(temp, "run");
    ExecutionResult ran = new ListingOnly(List.of()).execute(ExecutionSpec.builder()
        .request(request)
        .inputsDir(Files.createDirectory(work.resolve("in")))
        .outputsDir(Files.createDirectory(work.resolve("out")))
        .scratchDir(Files.createDirectory(work.resolve("scratch")))
        .limits(dev.threegate.exec.EffectiveLimits.builder()
            .cpu(1)
            .memoryMb(512)
            .time(java.time.Duration.ofSeconds(60))
            .maxOutputBytes(4096)
            .build())
        .build());
    assertThat(ran.limits()).isEmpty();
    Path written = dev.threegate.result.ToolResultWriter.standard().write(request, ran, temp.resolve("results")).resultFile();
    assertThat(Files.readString(written))
        .contains("- cpu 1: NOT enforced\n")
        .contains("- memory_mb 512: NOT enforced\n")
        .contains("- time_sec 60: NOT enforced\n")
        .contains("- output_bytes " + dev.threegate.exec.EffectiveLimits.DEFAULT_MAX_OUTPUT_BYTES + ": NOT enforced\n");
  }
}
