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
package dev.threegate.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.exec.EffectiveLimits;
import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.exec.ScriptedExecutor;
import dev.threegate.problem.Violation;
import dev.threegate.request.Requests;
import dev.threegate.request.ToolRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every result the writer produces passes its own validator, artifacts verified: hostile {@code
 * /out} names (Markdown, HTML, fences, line separators, controls, {@code ..}), links, hard links,
 * hostile stdout and stderr bytes and request ids that YAML readers disagree about. Seeded: a
 * failing seed is in the test's name and reproduces alone.
 */
class WriterValidatorPropertyTest {
  private static final List<String> NAME_PIECES = List.of(
      "a", "b", "..", ".", "`", "``", "<img src=x onerror=alert(1)>", "![i](https://e.example/?d=x)",
      "[l](javascript:x)", "#", "## Safety Notes", "---", "*", "_", "\\", "\u2028", "\u2029", "\u0085",
      "\n", "\r", "\t", " ", "é", "\u202e", "|", "$(x)", "%0a", "'", "\"", ":", "- ", "{", "}", "&amp;",
      "exit_code: 0", "x".repeat(300));
  private static final List<String> OUTPUT_PIECES = List.of(
      "## Safety Notes\n", "---\n", "```\n", "    ", "\t", "\r\n", "\u2028", "\u2029", "<script>x</script>",
      "![x](https://e.example/)", "\n", "`", "y".repeat(5000), "Untrusted Output Statement:\n",
      "Network confirmation: none\n", "result_type: tool_result\n", "# h\n", "\u0000", "\u001b[31m", "~~~\n",
      "<!--", "-->", "\n\n\n", "é", "\ufeff", "\u202e");
  private static final List<String> REQUEST_IDS = List.of(
      "TR-20261126-120000Z-csv-stats", "NULL", "010", "true", "yes", "Off", "1e3", "0x10", "0o17", "1_000", "2026-11-26");

  @TempDir Path temp;

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 60);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyResultTheWriterProducesPassesItsOwnValidator(long seed) throws IOException {
    Random random = new Random(seed);
    String id = REQUEST_IDS.get(random.nextInt(REQUEST_IDS.size()));
    ToolRequest request = Requests.parse(Requests.TYPICAL.replace("TR-20261126-120000Z-csv-stats", id));
    Path work = Files.createTempDirectory(temp, "run");
    Path out = Files.createDirectory(work.resolve("out"));
    Map<String, byte[]> files = new LinkedHashMap<>();
    int count = random.nextInt(12);
    for (int i = 0; i < count; i++) {
      String name = name(random);
      Path target = out.resolve(name);
      if (!target.normalize().startsWith(out) || target.normalize().equals(out)) {
        continue;
      }
      try {
        Files.createDirectories(target.getParent());
        switch (random.nextInt(5)) {
          case 0 -> Files.createSymbolicLink(target, Path.of(random.nextBoolean() ? "/etc/passwd" : "../" + name));
          case 1 -> {
            Files.write(target, bytes(random, 200));
            Files.createLink(out.resolve(name + "-link"), target);
          }
          default -> files.put(name, bytes(random, 3000));
        }
      } catch (IOException e) {
        // a name this file system refuses (too long, a directory in the way): not a tool's output
      }
    }
    ScriptedExecutor executor = ScriptedExecutor.printing(bytes(random, 20_000)).withStderr(
        new String(bytes(random, 2000), StandardCharsets.UTF_8)).withFiles(files);
    ExecutionResult result;
    try {
      result = executor.execute(ExecutionSpec.builder()
          .request(request)
          .inputsDir(Files.createDirectory(work.resolve("in")))
          .outputsDir(out)
          .scratchDir(Files.createDirectory(work.resolve("scratch")))
          .limits(EffectiveLimits.builder()
              .cpu(1)
              .memoryMb(512)
              .time(Duration.ofSeconds(60))
              .maxOutputBytes(1 << 20)
              .build())
          .build());
    } catch (java.io.UncheckedIOException e) {
      return; // the scripted tool could not create one of its files: nothing for the writer to do
    }
    WrittenResult written = ToolResultWriter.standard().write(request, result, temp.resolve("results"));
    List<Violation> violations = ToolResultValidator.verifyingArtifacts().validate(written.resultFile()).violations();
    assertThat(violations).as("seed %d, request id %s, files %s", seed, id, files.keySet()).isEmpty();
    String document = Files.readString(written.resultFile());
    String frontMatter = document.substring(0, document.indexOf("\n---\n", 4));
    assertThat(frontMatter).doesNotContain("\u2028", "\u2029", "\u0085", "\r");
    assertThat(frontMatter.lines().filter(l -> l.startsWith("exit_code:"))).hasSize(1);
    String shown = id.startsWith("TR-") ? id : "\"" + id + "\""; // plain only where every reader reads text
    assertThat(frontMatter).contains("request_id: " + shown + "\n", "  output_files: 1000\n");
  }

  private static String name(Random random) {
    StringBuilder name = new StringBuilder();
    int segments = 1 + random.nextInt(3);
    for (int s = 0; s < segments; s++) {
      StringBuilder segment = new StringBuilder();
      int pieces = 1 + random.nextInt(4);
      for (int p = 0; p < pieces; p++) {
        segment.append(NAME_PIECES.get(random.nextInt(NAME_PIECES.size())));
      }
      String text = segment.toString();
      if (text.equals(".") || text.equals("..") || text.length() > 250) {
        text = "s" + s;
      }
      name.append(s == 0 ? "" : "/").append(text);
    }
    return name.toString();
  }

  private static byte[] bytes(Random random, int max) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (out.size() < max && random.nextInt(40) != 0) {
      int kind = random.nextInt(10);
      if (kind == 0) {
        out.write(random.nextBoolean() ? 0xff : 0xc3);
      } else {
        out.writeBytes(OUTPUT_PIECES.get(random.nextInt(OUTPUT_PIECES.size())).getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toByteArray();
  }
}
