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
package dev.threegate.internal.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.exec.BackendInfo;
import dev.threegate.exec.Capabilities;
import dev.threegate.exec.CapturedStream;
import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionStatus;
import dev.threegate.exec.Isolation;
import dev.threegate.exec.NetworkEnforcement;
import dev.threegate.request.Backend;
import dev.threegate.request.Language;
import dev.threegate.request.Requests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Where each section stops listing and starts counting: exactly at its cap, never before or after. */
class SectionLimitsTest {
  private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final CapturedStream NONE = CapturedStream.builder().file(Path.of("unused")).sha256(EMPTY).build();

  private static ExecutionResult.Builder result() {
    return ExecutionResult.builder()
        .status(ExecutionStatus.COMPLETED).exitCode(0).runtime(Duration.ZERO).stdout(NONE).stderr(NONE)
        .backend(BackendInfo.builder().name("b").version("1").kind(Backend.ERA)
            .capabilities(Capabilities.builder(Isolation.MICROVM).languages(EnumSet.allOf(Language.class)).maxCommandBytes(4096)
                .fileInputs(true).fileOutputs(true).build())
            .build())
        .network(NetworkEnforcement.BACKEND);
  }

  private static ResultFiles files(int outputs) {
    List<ResultFiles.OutputFile> files = IntStream.range(0, outputs)
        .mapToObj(i -> new ResultFiles.OutputFile("f" + i, new ResultFile("R.out/f" + i, "3".repeat(64), 1))).toList();
    return new ResultFiles(new ResultFile("R.stdout.txt", EMPTY, 0), new ResultFile("R.stderr.txt", EMPTY, 0), files);
  }

  private static String render(SectionRenderer section, ExecutionResult result, ResultFiles files) {
    Lines out = new Lines();
    section.render(new ResultContent(Requests.parse(Requests.TYPICAL), result, "R", Instant.EPOCH, files), out);
    return out.toString();
  }

  @Test
  void theSummaryNamesUpToTwentyFiles() {
    String twenty = render(new SummarySection(), result().build(), files(SummarySection.MAX_NAMES));
    assertThat(twenty).contains("It left 20 file(s) in /out: `f0`, ").contains(", `f19`.\n").doesNotContain("more");
    String more = render(new SummarySection(), result().build(), files(SummarySection.MAX_NAMES + 1));
    assertThat(more).contains(", `f19` and 1 more, listed under Outputs.\n").doesNotContain("`f20`");
  }

  @Test
  void theOutputsListUpToAThousandFiles() {
    String all = render(new OutputsSection(), result().build(), files(OutputsSection.MAX_OUTPUT_LINES));
    assertThat(all).contains("`R.out/f999`").doesNotContain("more files");
    String more = render(new OutputsSection(), result().build(), files(OutputsSection.MAX_OUTPUT_LINES + 1));
    assertThat(more).contains("`R.out/f999`").doesNotContain("`R.out/f1000`")
        .contains("- and 1 more files from /out, each listed with its size and SHA-256 under `artifacts` in the front matter\n");
  }

  @Test
  void theSafetyNotesListUpToAHundredAndFiftyAnomalies() {
    // the request expects /out/stats.json, which is not produced: one anomaly of the writer's own
    List<String> executors = new ArrayList<>(Collections.nCopies(SafetyNotesSection.MAX_ANOMALIES - 1, "odd"));
    String all = render(new SafetyNotesSection(), result().anomalies(executors).build(), files(0));
    assertThat(all.lines().filter(l -> l.startsWith("- "))).hasSize(SafetyNotesSection.MAX_ANOMALIES);
    assertThat(all).doesNotContain("not listed");
    executors.add("odd");
    String more = render(new SafetyNotesSection(), result().anomalies(executors).build(), files(0));
    assertThat(more.lines().filter(l -> l.startsWith("- "))).hasSize(SafetyNotesSection.MAX_ANOMALIES + 1);
    assertThat(more).contains("- and 1 more anomalies, not listed\n");
  }

  private static CapturedStream lines(int count) {
    byte[] text = "line\n".repeat(count).getBytes(StandardCharsets.US_ASCII);
    return CapturedStream.builder().file(Path.of("unused")).sha256("5".repeat(64)).bytes(text.length).lines(count).head(text).build();
  }

  @Test
  void anExcerptShowsAWholeStreamOfUpToTwoHundredLines() {
    String all = render(StreamSection.STDOUT, result().stdout(lines(Markdown.EXCERPT_LINES)).build(), files(0));
    assertThat(all.lines().filter(l -> l.equals("    line"))).hasSize(Markdown.EXCERPT_LINES);
    assertThat(all).doesNotContain("Excerpt:");
    String more = render(StreamSection.STDOUT, result().stdout(lines(Markdown.EXCERPT_LINES + 1)).build(), files(0));
    assertThat(more.lines().filter(l -> l.equals("    line"))).hasSize(Markdown.EXCERPT_LINES);
    assertThat(more).contains("Excerpt: the first 200 lines (at most 200 lines and 65536 bytes) of 1005 bytes and 201 lines;"
        + " the whole captured stream is in `R.stdout.txt`.\n");
  }
}
