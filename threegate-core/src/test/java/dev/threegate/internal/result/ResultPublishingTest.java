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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threegate.exec.EffectiveLimits;
import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.exec.ScriptedExecutor;
import dev.threegate.request.Requests;
import dev.threegate.request.ToolRequest;
import dev.threegate.result.WrittenResult;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a failed publication leaves in the results directory: nothing new, and no staged file. */
class ResultPublishingTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:01:04Z"), ZoneOffset.UTC);
  private static final String RESULT_ID = "TS-20261126-120104Z-TR-20261126-120000Z-csv-stats";

  @TempDir Path temp;

  private final ToolRequest request = Requests.parse(Requests.TYPICAL);

  private Path results() {
    return temp.resolve("results");
  }

  private ExecutionResult run(String stdout, Map<String, byte[]> files) throws IOException {
    Path work = Files.createTempDirectory(temp, "run");
    return ScriptedExecutor.printing(stdout).withFiles(files).execute(ExecutionSpec.builder()
        .request(request)
        .inputsDir(Files.createDirectory(work.resolve("in")))
        .outputsDir(Files.createDirectory(work.resolve("out")))
        .scratchDir(Files.createDirectory(work.resolve("scratch")))
        .limits(EffectiveLimits.builder().cpu(1).memoryMb(512).time(Duration.ofSeconds(60))
            .maxOutputBytes(EffectiveLimits.DEFAULT_MAX_OUTPUT_BYTES).build())
        .build());
  }

  private WrittenResult write(String stdout, Map<String, byte[]> files) throws IOException {
    return new StandardToolResultWriter(CLOCK).write(request, run(stdout, files), results());
  }

  private static List<String> tree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void aSecondResultWithTheSameIdLeavesTheFirstWholeAndNothingStaged() throws IOException {
    WrittenResult first = write("first\n", Map.of("stats.json", "{\"n\": 1}".getBytes()));
    List<String> published = tree(results());
    String markdown = Files.readString(first.resultFile());
    assertThat(published).contains(RESULT_ID + ".md", RESULT_ID + ".out/stats.json", ".threegate/staging");

    assertThatThrownBy(() -> write("second\n", Map.of("stats.json", "{\"n\": 2}".getBytes(), "more.txt", "x".getBytes())))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(tree(results())).containsExactlyElementsOf(published);
    assertThat(Files.readString(first.resultFile())).isEqualTo(markdown);
    assertThat(Files.readString(results().resolve(RESULT_ID + ".out/stats.json"))).isEqualTo("{\"n\": 1}");
  }

  @Test
  void whenTheOutputsCannotBePublishedTheStreamsPublishedBeforeAreRemovedAgain() throws IOException {
    Path squatter = Files.createDirectories(results().resolve(RESULT_ID + ".out"));
    Files.writeString(squatter.resolve("mine.txt"), "not the writer's");
    assertThatThrownBy(() -> write("out\n", Map.of("stats.json", "{}".getBytes())))
        .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining(RESULT_ID + ".out");
    assertThat(tree(results())).containsExactly(".threegate", ".threegate/building", ".threegate/index", ".threegate/staging", RESULT_ID + ".out",
        RESULT_ID + ".out/mine.txt");
  }

  @Test
  void whenAStreamCannotBePublishedNothingIsLeft() throws IOException {
    Files.createDirectories(results());
    Files.writeString(results().resolve(RESULT_ID + ".stderr.txt"), "not the writer's");
    assertThatThrownBy(() -> write("out\n", Map.of("stats.json", "{}".getBytes())))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(tree(results())).containsExactly(".threegate", ".threegate/building", ".threegate/index", ".threegate/staging",
        RESULT_ID + ".stderr.txt");
    assertThat(Files.readString(results().resolve(RESULT_ID + ".stderr.txt"))).isEqualTo("not the writer's");
  }

  @Test
  void aDocumentOfExactlyTheSizeAReaderAcceptsIsStagedOneByteMoreIsNot() throws IOException {
    Path staging = results().resolve(".threegate/staging");
    try (ResultPublisher publisher = ResultPublisher.open(results(), RESULT_ID)) {
      assertThatThrownBy(() -> publisher.stageMarkdown(new byte[ResultReader.MAX_BYTES + 1]))
          .isInstanceOf(IOException.class)
          .hasMessage("the Tool Result would be " + (ResultReader.MAX_BYTES + 1) + " bytes, more than a reader accepts ("
              + ResultReader.MAX_BYTES + "); lower the output file budget");
      assertThat(tree(staging)).isEmpty();
      publisher.stageMarkdown(new byte[ResultReader.MAX_BYTES]);
      assertThat(tree(staging)).singleElement().asString().endsWith(".md");
    }
    assertThat(tree(staging)).isEmpty();
  }

  @Test
  void theResultIsStampedToTheSecondTheClockGives() throws IOException {
    Clock late = Clock.fixed(Instant.parse("2026-11-26T12:01:04.987Z"), ZoneOffset.UTC);
    WrittenResult written = new StandardToolResultWriter(late).write(request, run("x\n", Map.of()), results());
    assertThat(written.resultId()).isEqualTo(RESULT_ID);
    assertThat(Files.readString(written.resultFile())).contains("\ncreated_utc: \"2026-11-26T12:01:04Z\"\n");
  }
}
