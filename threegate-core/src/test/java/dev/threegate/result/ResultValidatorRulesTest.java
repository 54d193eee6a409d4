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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.threegate.exec.EffectiveLimits;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.exec.ScriptedExecutor;
import dev.threegate.problem.Verdict;
import dev.threegate.problem.Violation;
import dev.threegate.request.Requests;
import dev.threegate.request.ToolRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of docs/results.md, one at a time, on a result the standard writer produced: each
 * change to it is refused with its own code and place, and nothing else is.
 */
class ResultValidatorRulesTest {
  @TempDir Path temp;
  private Path file;
  private String document;
  private String id;

  @BeforeEach
  void writeAResult() throws IOException {
    ToolRequest request = Requests.parse(Requests.TYPICAL);
    Path work = Files.createTempDirectory(temp, "run");
    var result = ScriptedExecutor.printing("42\n").execute(ExecutionSpec.builder()
        .request(request)
        .inputsDir(Files.createDirectory(work.resolve("in")))
        .outputsDir(Files.createDirectory(work.resolve("out")))
        .scratchDir(Files.createDirectory(work.resolve("scratch")))
        .limits(EffectiveLimits.builder().cpu(1).memoryMb(512).time(Duration.ofSeconds(60)).maxOutputBytes(1 << 20).build())
        .build());
    file = ToolResultWriter.standard().write(request, result, temp.resolve("results")).resultFile();
    document = Files.readString(file);
    id = file.getFileName().toString().replaceFirst("\\.md$", "");
  }

  private List<Violation> violations(ToolResultValidator validator, String text) throws IOException {
    Files.writeString(file, text);
    return validator.validate(file).violations();
  }

  private List<String> codes(String text) throws IOException {
    return violations(ToolResultValidator.standard(), text).stream().map(Violation::code).toList();
  }

  private String replacing(String target, String replacement) {
    assertThat(document).contains(target);
    return document.replace(target, replacement);
  }

  private int lineOf(String text) {
    List<String> lines = document.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(text)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line starts with " + text);
  }

  @Test
  void theWrittenResultPassesBothValidatorsAndReadsBack() throws IOException {
    assertThat(ToolResultValidator.standard().validate(file)).isSameAs(Verdict.PASSED);
    assertThat(ToolResultValidator.verifyingArtifacts().validate(file)).isSameAs(Verdict.PASSED);
    ToolResult result = ToolResultParser.standard().parse(file);
    assertThat(result.resultId()).isEqualTo(id);
    assertThat(result.requestId()).isEqualTo("TR-20261126-120000Z-csv-stats");
    assertThat(result.exitCode()).isZero();
    assertThat(result.artifacts()).extracting(ResultArtifact::path).contains(id + ".stdout.txt", id + ".stderr.txt");
    assertThat(result.status()).contains("completed");
    assertThat(result.requestSha256()).contains(Requests.parse(Requests.TYPICAL).sourceSha256());
    assertThat(result.sections()).extracting(s -> s.title())
        .containsSubsequence("Summary", "Provenance", "Outputs", "Stdout", "Stderr", "Safety Notes");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tool_request", "tool_results", "TOOL_RESULT", "\"\""})
  void refusesAnyResultTypeButToolResult(String value) throws IOException {
    String text = replacing("result_type: tool_result\n", "result_type: " + value + "\n");
    List<Violation> found = violations(ToolResultValidator.standard(), text);
    assertThat(found).extracting(Violation::code).containsExactly("field.result_type");
    assertThat(found.get(0).where()).isEqualTo("line " + lineOf("result_type:") + ", result_type");
  }

  @Test
  void readsResultTypeAndSchemaVersionAsText() throws IOException {
    assertThat(codes(replacing("result_type: tool_result\n", "result_type: \" tool_result \"\n"))).isEmpty();
    assertThat(codes(replacing("schema_version: 1\n", "schema_version: \"1\"\n"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2", "0", "\"1.0\"", "\"v1\""})
  void refusesAnySchemaVersionButOne(String value) throws IOException {
    String text = replacing("schema_version: 1\n", "schema_version: " + value + "\n");
    List<Violation> found = violations(ToolResultValidator.standard(), text);
    assertThat(found).extracting(Violation::code, Violation::where)
        .containsExactly(tuple("field.schema_version", "line " + lineOf("schema_version:") + ", schema_version"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"result_type", "schema_version", "result_id", "created_utc", "request_id", "executor",
      "backend", "exit_code", "runtime_sec", "network_used"})
  void refusesAResultWithoutARequiredKey(String key) throws IOException {
    String line = document.lines().filter(l -> l.startsWith(key + ":")).findFirst().orElseThrow();
    List<Violation> found = violations(ToolResultValidator.standard(), replacing(line + "\n", ""));
    assertThat(found).extracting(Violation::code, Violation::where).containsExactly(tuple("field.missing", "line 2, " + key));
    assertThatThrownBy(() -> ToolResultParser.standard().parse(file)).isInstanceOf(ResultFormatException.class);
  }

  @Test
  void refusesAnExitCodeOutsideTheIntegerRange() throws IOException {
    assertThat(codes(replacing("exit_code: 0\n", "exit_code: 2147483648\n"))).containsExactly("field.integer");
    assertThat(codes(replacing("exit_code: 0\n", "exit_code: -2147483649\n"))).containsExactly("field.integer");
    assertThat(codes(replacing("exit_code: 0\n", "exit_code: 2147483647\n"))).isEmpty();
    assertThat(ToolResultParser.standard().parse(file).exitCode()).isEqualTo(Integer.MAX_VALUE);
    assertThat(codes(replacing("exit_code: 0\n", "exit_code: -2147483648\n"))).isEmpty();
    assertThat(ToolResultParser.standard().parse(file).exitCode()).isEqualTo(Integer.MIN_VALUE);
  }

  @ParameterizedTest
  @CsvSource({
    "Untrusted Output Statement, safety.untrusted_output_statement_missing",
    "Network confirmation, safety.network_confirmation_missing"
  })
  void refusesSafetyNotesWithoutEachStatement(String statement, String code) throws IOException {
    int notes = lineOf("## Safety Notes");
    List<Violation> found = violations(ToolResultValidator.standard(), replacing(statement + ":", "Remark:"));
    assertThat(found).extracting(Violation::code, Violation::where).containsExactly(tuple(code, "line " + notes));
  }

  @Test
  void aStatementCountsOnlyAtTheStartOfALine() throws IOException {
    String text = replacing("Network confirmation:", "Remark: see Network confirmation:");
    assertThat(codes(text)).containsExactly("safety.network_confirmation_missing");
  }

  @Test
  void withoutSafetyNotesOnlyTheSectionIsMissing() throws IOException {
    String text = document.substring(0, document.indexOf("## Safety Notes"));
    assertThat(codes(text)).containsExactly("section.missing");
  }

  @Test
  void refusesAnOptionalFieldOnlyForItsForm() throws IOException {
    ToolResult read = ToolResultParser.standard().parse("x.md", replacing("status: completed\n", "status: \"\"\n")
        .getBytes(StandardCharsets.UTF_8));
    assertThat(read.status()).isEmpty();
  }

  @Test
  void aResultTooLargeToReadIsUnreadable() throws IOException {
    StringBuilder big = new StringBuilder(document);
    String filler = "    " + "x".repeat(1019) + "\n";
    while (big.length() <= 8 * 1024 * 1024) {
      big.append(filler);
    }
    assertThat(codes(big.toString())).containsExactly("result.unreadable");
    Files.delete(file);
    Files.createSymbolicLink(file, temp.resolve("elsewhere.md"));
    Files.writeString(temp.resolve("elsewhere.md"), document);
    assertThat(ToolResultValidator.standard().validate(file).violations()).extracting(Violation::code)
        .containsExactly("result.unreadable");
  }

  private List<Violation> artifactViolations() {
    return ToolResultValidator.verifyingArtifacts().validate(file).violations();
  }

  @Test
  void anArtifactMustHaveItsListedSizeAndHash() throws IOException {
    Path stdout = file.resolveSibling(id + ".stdout.txt");
    Files.writeString(stdout, "43\n");
    assertThat(artifactViolations()).extracting(Violation::code)
        .containsExactlyInAnyOrder("artifact.sha256_mismatch", "artifact.stream_mismatch");
    Files.writeString(stdout, "4242\n");
    assertThat(artifactViolations()).extracting(Violation::code)
        .containsExactlyInAnyOrder("artifact.size_mismatch", "artifact.sha256_mismatch", "artifact.stream_mismatch");
    assertThat(ToolResultValidator.standard().validate(file).violations()).isEmpty();
  }

  @Test
  void theStreamHashesMustMatchTheirArtifacts() throws IOException {
    ToolResult result = ToolResultParser.standard().parse(file);
    for (String stream : List.of("stdout", "stderr")) {
      String hash = stream.equals("stdout") ? result.stdoutSha256() : result.stderrSha256();
      String other = "0".repeat(64);
      Files.writeString(file, replacing(stream + "_sha256: " + hash, stream + "_sha256: " + other));
      List<Violation> found = artifactViolations();
      int index = result.artifacts().stream().map(ResultArtifact::path).toList().indexOf(id + "." + stream + ".txt");
      assertThat(found).extracting(Violation::code, Violation::where)
          .containsExactly(tuple("artifact.stream_mismatch", "artifacts[" + index + "]"));
      assertThat(found.get(0).message()).contains(stream + "_sha256");
    }
  }

  @Test
  void aMissingOrLinkedArtifactIsMissing() throws IOException {
    Path stderr = file.resolveSibling(id + ".stderr.txt");
    Files.delete(stderr);
    assertThat(artifactViolations()).extracting(Violation::code).containsExactly("artifact.missing");
    Path elsewhere = Files.writeString(temp.resolve("elsewhere.txt"), "");
    Files.createSymbolicLink(stderr, elsewhere);
    assertThat(artifactViolations()).extracting(Violation::code).containsExactly("artifact.missing");
    Files.delete(stderr);
    Files.createDirectory(stderr);
    assertThat(artifactViolations()).extracting(Violation::code).containsExactly("artifact.missing");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/etc/passwd", "../x.stdout.txt", "TS-other.stdout.txt", "{id}.out/../../x", "{id}x.txt"})
  void anArtifactPathMustNameAFileOfThisResultBesideIt(String path) throws IOException {
    String written = path.replace("{id}", id);
    String text = replacing("path: " + id + ".stdout.txt", "path: \"" + written + "\"");
    List<Violation> found = violations(ToolResultValidator.verifyingArtifacts(), text);
    assertThat(found).extracting(Violation::code).containsExactly("artifact.path_invalid");
    assertThat(violations(ToolResultValidator.standard(), text)).isEmpty();
  }

  @Test
  void refusesAResultWithoutFrontMatterOrWithoutAMapping() throws IOException {
    assertThat(codes(document.substring(document.indexOf("## Summary")))).contains("format.front_matter_missing");
    assertThatThrownBy(() -> ToolResultParser.standard().parse(file)).isInstanceOf(ResultFormatException.class);
    String body = document.substring(document.indexOf("## Summary"));
    assertThat(codes("---\n- a\n- b\n---\n" + body)).containsExactly("format.front_matter_not_mapping");
  }

  @Test
  void readsTheFrontMatterAsStrictlyAsARequest() throws IOException {
    String text = replacing("network_used: none\n", "network_used: none\nnetwork_used: none\n");
    assertThat(codes(text)).containsExactly("format.yaml_duplicate_key");
    assertThat(codes(replacing("exit_code: 0\n", "exit_code: !!int 0\n"))).containsExactly("format.yaml_tag");
  }

  @Test
  void anEmptyOptionalFieldIsAbsent() throws IOException {
    ToolResult written = ToolResultParser.standard().parse(file);
    assertThat(written.requestSha256()).isPresent();
    assertThat(written.networkEnforcement()).isPresent();
    String sha = written.requestSha256().get();
    String enforcement = written.networkEnforcement().get();
    String text = replacing("request_sha256: " + sha + "\n", "request_sha256: \"\"\n")
        .replace("network_enforcement: " + enforcement + "\n", "network_enforcement: \"\"\n");
    assertThat(text).contains("network_enforcement: \"\"");
    Files.writeString(file, text);
    ToolResult read = ToolResultParser.standard().parse(file);
    assertThat(read.requestSha256()).isEmpty();
    assertThat(read.networkEnforcement()).isEmpty();
  }

  @Test
  void aResultOfExactlyTheLargestSizeIsRead() throws IOException {
    int max = 8 * 1024 * 1024;
    String marker = "## Safety Notes";
    String head = document.substring(0, document.indexOf(marker));
    String tail = document.substring(document.indexOf(marker));
    StringBuilder padding = new StringBuilder();
    int needed = max - head.getBytes(StandardCharsets.UTF_8).length - tail.getBytes(StandardCharsets.UTF_8).length;
    while (padding.length() + 1024 <= needed) {
      padding.append("    ").append("x".repeat(1019)).append('\n');
    }
    padding.append("x".repeat(needed - padding.length() - 1)).append('\n');
    String text = head + padding + tail;
    assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSize(max);
    assertThat(codes(text)).doesNotContain("result.unreadable");
    assertThat(ToolResultParser.standard().parse(file).section("Safety Notes")).isPresent();
  }

  @Test
  void findsTheFirstSectionOfAResultByItsTitle() throws IOException {
    ToolResult result = ToolResultParser.standard().parse(file);
    assertThat(result.section("Stdout")).get().extracting(s -> s.text()).asString().contains("42");
    assertThat(result.section("Stdout").get().line()).isEqualTo(lineOf("## Stdout"));
    assertThat(result.section("stdout")).isEmpty();
  }
}
