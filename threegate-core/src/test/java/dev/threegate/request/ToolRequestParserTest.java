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
package dev.threegate.request;

import static dev.threegate.request.Requests.TYPICAL;
import static dev.threegate.request.Requests.bytes;
import static dev.threegate.request.Requests.parse;
import static dev.threegate.request.Requests.typicalWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.threegate.problem.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ToolRequestParserTest {

  private static List<String> codes(String text) {
    return problems(bytes(text)).stream().map(Violation::code).toList();
  }

  private static List<Violation> problems(byte[] bytes) {
    RequestFormatException e =
        catchThrowableOfType(
            RequestFormatException.class, () -> ToolRequestParser.standard().parse("TR-x.md", bytes));
    assertThat(e).as("expected a format error").isNotNull();
    return e.problems();
  }

  @Test
  void readsEveryFieldOfTheExampleRequest() {
    ToolRequest r = parse(TYPICAL);
    assertThat(r.sourceName()).isEqualTo("TR-test.md");
    assertThat(r.requestId()).isEqualTo("TR-20261126-120000Z-csv-stats");
    assertThat(r.createdUtc()).isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
    assertThat(r.requestedBy()).isEqualTo("core_draft");
    assertThat(r.approvedBy()).isEqualTo("j.doe");
    assertThat(r.approvedUtc()).contains(Instant.parse("2026-11-26T12:05:00Z"));
    assertThat(r.purpose()).isEqualTo("Summary statistics of the uploaded CSV.");
    assertThat(r.backend()).isEqualTo(Backend.ERA);
    assertThat(r.language()).isEqualTo(Language.PYTHON);
    assertThat(r.network()).isEqualTo(NetworkMode.NONE);
    assertThat(r.networkAllowlist()).isEmpty();
    assertThat(r.limits()).isEqualTo(new ResourceLimits(1, 512, 60));
    assertThat(r.inputs())
        .containsExactly(new InputFile("data.csv", "3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7"));
    assertThat(r.outputsExpected())
        .containsExactly(new ExpectedOutput("/out/stats.json", "mean, median, stdev per column"));
    assertThat(r.command()).isEqualTo("python /in/stats.py --in /in/data.csv --out /out/stats.json");
    assertThat(r.sections())
        .extracting(Section::title)
        .containsExactly("Command", "Input Files", "Output Expectations", "Risk Assessment");
    assertThat(r.section("Command")).map(Section::line).contains(23);
    assertThat(r.section("Input Files")).map(Section::text).contains("- /in/data.csv (sha256 above)");
    assertThat(r.riskAssessment().level()).contains(RiskAssessment.Level.LOW);
  }

  @Test
  void bindsTheRequestToTheSha256OfItsExactBytes() throws NoSuchAlgorithmException {
    byte[] source = bytes(TYPICAL);
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(source));
    assertThat(ToolRequestParser.standard().parse("a.md", source).sourceSha256()).isEqualTo(expected);
  }

  @Test
  void acceptsCrlfLineEndingsAndDropsAByteOrderMark() {
    String crlf = "\uFEFF" + TYPICAL.replace("\n", "\r\n");
    ToolRequest r = parse(crlf);
    assertThat(r.command()).isEqualTo(parse(TYPICAL).command());
    assertThat(r.riskAssessment().level()).contains(RiskAssessment.Level.LOW);
  }

  @Test
  void takesTheQuotedAndThePlainSchemaVersion() {
    assertThat(parse(typicalWith("schema_version: 1", "schema_version: \"1\"")).requestId()).isNotEmpty();
  }

  @Test
  void treatsAbsentApprovalAsEmptyForThePolicyToJudge() {
    ToolRequest r =
        parse(typicalWith("approved_by: \"j.doe\"\napproved_utc: \"2026-11-26T12:05:00Z\"\n", ""));
    assertThat(r.approvedBy()).isEmpty();
    assertThat(r.approvedUtc()).isEmpty();
  }

  @Test
  void reportsEveryProblemAtOnceWithItsLine() {
    String text =
        typicalWith("language: python", "language: bash")
            .replace("cpu_limit: \"1\"", "cpu_limit: one")
            .replace("purpose:", "porpose:")
            .replace("## Output Expectations", "## Outputs");
    List<Violation> problems = problems(bytes(text));
    assertThat(problems)
        .extracting(Violation::code)
        .containsExactly("field.missing", "field.unknown", "language.shell", "field.integer", "section.missing");
    assertThat(problems.get(1).where()).isEqualTo("line 9, porpose");
    assertThat(problems.get(2).where()).isEqualTo("line 11, language");
    assertThat(problems.get(3).where()).isEqualTo("line 13, cpu_limit");
    assertThat(problems).allSatisfy(p -> assertThat(p.where()).startsWith("line "));
  }

  @Test
  void namesTheLineOfAnInvalidUtf8Sequence() {
    byte[] source = bytes(typicalWith("Risk level: low", "Risk level: low X"));
    int at = new String(source, StandardCharsets.UTF_8).indexOf(" X");
    source[at + 1] = (byte) 0xC3; // a lead byte without its continuation
    List<Violation> problems = problems(source);
    assertThat(problems).extracting(Violation::code).containsExactly("format.encoding");
    assertThat(problems.get(0).where()).isEqualTo("line 33");
  }

  @Test
  void refusesControlAndInvisibleCharacters() {
    assertThat(codes(typicalWith("j.doe", "j.d\u0000oe"))).containsExactly("format.control_character");
    assertThat(codes(typicalWith("j.doe", "j.d\u202Eoe"))).containsExactly("format.control_character");
    assertThat(codes(typicalWith("Risk level: low", "Risk level: low\rX"))).containsExactly("format.control_character");
  }

  @Test
  void requiresTheFrontMatterFence() {
    assertThat(codes("")).containsExactly("format.front_matter_missing");
    assertThat(codes(TYPICAL.substring(4))).containsExactly("format.front_matter_missing");
    assertThat(codes("---\nrequest_type: tool_request\n")).containsExactly("format.front_matter_unclosed");
    assertThat(codes("---\n---\n" + TYPICAL.substring(TYPICAL.indexOf("## Command"))))
        .containsExactly("format.front_matter_not_mapping");
  }

  @Test
  void refusesAnchorsAliasesTagsAndDuplicateKeys() {
    assertThat(codes(typicalWith("purpose: \"Summary", "purpose: &p \"Summary"))).containsExactly("format.yaml_anchor");
    assertThat(codes(typicalWith("language: python", "language: !!str python"))).containsExactly("format.yaml_tag");
    assertThat(codes(typicalWith("network: none", "network: none\nnetwork: none")))
        .containsExactly("format.yaml_duplicate_key");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void stopsAtBillionLaughsWithoutExpandingIt() {
    StringBuilder yaml = new StringBuilder("lol0: &a0 [\"lol\"]\n");
    for (int i = 1; i < 10; i++) {
      yaml.append("lol").append(i).append(": &a").append(i).append(" [");
      yaml.append(("*a" + (i - 1) + ",").repeat(9)).append("*a").append(i - 1).append("]\n");
    }
    List<String> codes = codes(typicalWith("network: none\n", "network: none\n" + yaml));
    assertThat(codes).contains("format.yaml_anchor", "format.yaml_alias", "field.unknown");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void refusesDeepNesting() {
    assertThat(codes(typicalWith("network: none\n", "network: none\nconstraints: " + "[".repeat(1000) + "]".repeat(1000) + "\n")))
        .containsExactly("format.yaml_too_deep");
  }

  @Test
  void findsSectionsWithCommonMarkNotByLineMatching() {
    String fenced =
        typicalWith("## Command\n", "```\n## Command\n```\n## Not the command\n");
    assertThat(codes(fenced)).containsExactly("section.missing");
    String lookAlike = typicalWith("## Command", "## Cоmmand"); // Cyrillic о
    assertThat(codes(lookAlike)).containsExactlyInAnyOrder("section.missing", "section.decoy_heading");
    assertThat(parse(typicalWith("## Command\n", "## Command   \n")).command()).startsWith("python");
  }

  @Test
  void takesExactlyOneCommandLine() {
    assertThat(codes(Requests.withCommand("python -V\npython -V"))).containsExactly("command.multiple");
    assertThat(codes(Requests.withCommand("```\npython -V\n```"))).containsExactly("command.code_fence");
    assertThat(codes(Requests.withCommand(""))).containsExactly("command.missing");
    assertThat(parse(Requests.withCommand("\n\n   python -V   ")).command()).isEqualTo("python -V");
  }

  @Test
  void refusesTheMontyLaneWithAClearReason() {
    List<Violation> problems = problems(bytes(typicalWith("backend: ERA", "backend: monty")));
    assertThat(problems).extracting(Violation::code).containsExactly("backend.unsupported");
  }

  @Test
  void refusesARequestFileThatIsALinkOrAFifoWithoutWaiting(@TempDir Path dir) throws Exception {
    Path real = Files.writeString(dir.resolve("real.md"), TYPICAL);
    Path link = Files.createSymbolicLink(dir.resolve("TR-link.md"), real);
    assertThatThrownBy(() -> ToolRequestParser.standard().parse(link)).isInstanceOf(IOException.class);
    Path fifo = dir.resolve("TR-fifo.md");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    if (mkfifo.waitFor() == 0) {
      assertThatThrownBy(() -> ToolRequestParser.standard().parse(fifo)).isInstanceOf(IOException.class);
    }
    assertThat(ToolRequestParser.standard().parse(real).requestId()).isEqualTo("TR-20261126-120000Z-csv-stats");
  }

  @Test
  void readsAFileButNeverMoreThanTheLimit(@TempDir Path dir) throws IOException {
    Path ok = Files.writeString(dir.resolve("TR-ok.md"), TYPICAL);
    assertThat(ToolRequestParser.standard().parse(ok).sourceName()).isEqualTo("TR-ok.md");
    Path huge = dir.resolve("TR-huge.md");
    Files.write(huge, new byte[300 * 1024]);
    assertThatThrownBy(() -> ToolRequestParser.standard().parse(huge))
        .isInstanceOfSatisfying(
            RequestFormatException.class,
            e -> assertThat(e.problems()).extracting(Violation::code).containsExactly("format.too_large"));
  }

  @Test
  void aLambdaParserReadsFilesThroughTheDefaultMethod(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("TR-ok.md"), TYPICAL);
    ToolRequestParser delegating = (name, bytes) -> ToolRequestParser.standard().parse("wrapped-" + name, bytes);
    assertThat(delegating.parse(file).sourceName()).isEqualTo("wrapped-TR-ok.md");
  }

  /** Seeded mutations of a valid request: the parser returns or throws its own exception, nothing else. */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void neverThrowsAnythingButItsOwnExceptionForMutatedInput() {
    long seed = 20261126L;
    System.out.println("mutation seed " + seed);
    Random random = new Random(seed);
    byte[] original = bytes(TYPICAL);
    String[] fragments = {"---", "\n", ":", "[", "{", "&a", "*a", "!!", "#", "```", "## ", "'", "\"", "\t", "- ", "\u00ff"};
    for (int i = 0; i < 5_000; i++) {
      byte[] mutated = original.clone();
      int edits = 1 + random.nextInt(4);
      for (int e = 0; e < edits; e++) {
        int at = random.nextInt(mutated.length);
        switch (random.nextInt(4)) {
          case 0 -> mutated[at] = (byte) random.nextInt(256);
          case 1 -> mutated = java.util.Arrays.copyOf(mutated, Math.max(1, at));
          case 2 -> {
            byte[] fragment = fragments[random.nextInt(fragments.length)].getBytes(StandardCharsets.UTF_8);
            byte[] grown = new byte[mutated.length + fragment.length];
            System.arraycopy(mutated, 0, grown, 0, at);
            System.arraycopy(fragment, 0, grown, at, fragment.length);
            System.arraycopy(mutated, at, grown, at + fragment.length, mutated.length - at);
            mutated = grown;
          }
          default -> {
            int len = Math.min(mutated.length - at, 1 + random.nextInt(40));
            byte[] shrunk = new byte[mutated.length - len];
            System.arraycopy(mutated, 0, shrunk, 0, at);
            System.arraycopy(mutated, at + len, shrunk, at, mutated.length - at - len);
            mutated = shrunk.length == 0 ? new byte[] {'x'} : shrunk;
          }
        }
      }
      try {
        ToolRequest parsed = ToolRequestParser.standard().parse("m.md", mutated);
        assertThat(parsed.command()).doesNotContain("\n");
      } catch (RequestFormatException expected) {
        assertThat(expected.problems()).isNotEmpty();
        assertThat(expected.problems()).allSatisfy(p -> assertThat(p.where()).startsWith("line "));
      }
    }
  }

  @Test
  void keepsOptionalKeysOptional() {
    String bare =
        typicalWith("backend: ERA\n", "")
            .replace(
                "inputs:\n  - name: \"data.csv\"\n    sha256: \"3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7\"\n",
                "")
            .replace(
                "outputs_expected:\n  - path: \"/out/stats.json\"\n    description: \"mean, median, stdev per column\"\n",
                "");
    ToolRequest r = parse(bare);
    assertThat(r.backend()).isEqualTo(Backend.ERA);
    assertThat(r.inputs()).isEmpty();
    assertThat(r.outputsExpected()).isEmpty();
    assertThat(r.section("Nope")).isEqualTo(Optional.empty());
  }
}
