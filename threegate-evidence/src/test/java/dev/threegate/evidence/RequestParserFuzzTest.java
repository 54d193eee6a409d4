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
package dev.threegate.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.threegate.policy.Policy;
import dev.threegate.policy.PolicyValidator;
import dev.threegate.problem.Verdict;
import dev.threegate.problem.Violation;
import dev.threegate.request.Command;
import dev.threegate.request.ExpectedOutput;
import dev.threegate.request.InputFile;
import dev.threegate.request.NetworkMode;
import dev.threegate.request.RequestFormatException;
import dev.threegate.request.ToolRequest;
import dev.threegate.request.ToolRequestParser;
import dev.threegate.testkit.ToolRequests;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Any bytes: the parser returns a request or refuses with {@link RequestFormatException} (nothing
 * else escapes), the same way every time, with documented codes only; what the policy passes is
 * what it promises to pass, and reads back the same when written again in the canonical form.
 */
class RequestParserFuzzTest {
  private static final Policy POLICY = Policy.defaults();
  private static final PolicyValidator DEFAULTS = PolicyValidator.of(POLICY);
  private static final Set<String> DOCUMENTED = DocumentedCodes.requests();

  /** What one parse gave: a request, or the parser's problems. */
  private record Parsed(ToolRequest request, RequestFormatException refusal) {}

  private static Parsed parse(byte[] input) {
    try {
      return new Parsed(ToolRequestParser.standard().parse("TR-fuzz.md", input), null);
    } catch (RequestFormatException refusal) {
      return new Parsed(null, refusal);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void parsesOrRefusesEveryInput(byte[] input) {
    long start = System.nanoTime();
    Parsed first = parse(input);
    Parsed again = parse(input);
    Verdict verdict;
    if (first.request() != null) {
      assertThat(again.request()).as("parsing is deterministic").isEqualTo(first.request());
      verdict = DEFAULTS.validate(first.request());
      assertThat(DEFAULTS.validate(again.request())).as("judging is deterministic").isEqualTo(verdict);
      assertThat(first.request().sourceSha256()).isEqualTo(ToolRequests.sha256(input));
      assertThat(first.request().command()).doesNotContain("\n").isEqualTo(first.request().command().strip());
      if (verdict.passed()) {
        keepsThePolicysPromises(first.request());
        readsBackTheSame(first.request());
      }
    } else {
      assertThat(again.refusal()).as("parsing is deterministic").isNotNull();
      List<Violation> problems = first.refusal().problems();
      assertThat(again.refusal().problems()).isEqualTo(problems);
      assertThat(problems).isNotEmpty().allSatisfy(p -> assertThat(p.where()).startsWith("line "));
      verdict = DEFAULTS.validateMalformed(first.refusal());
      assertThat(verdict.passed()).as("a request the parser refused never passes").isFalse();
      assertThat(verdict.violations()).as("the parser's problems come first").startsWith(problems.toArray(Violation[]::new));
    }
    assertThat(verdict.violations()).extracting(Violation::code).allSatisfy(code -> assertThat(DOCUMENTED).contains(code));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time for one input").isLessThan(Duration.ofSeconds(10));
  }

  /** The rules of docs/requests.md that a passed request must meet, checked from the outside. */
  private static void keepsThePolicysPromises(ToolRequest request) {
    assertThat(request.approvedBy()).isNotBlank();
    assertThat(request.approvedUtc()).isPresent();
    assertThat(request.approvedUtc().get()).isAfterOrEqualTo(request.createdUtc());
    assertThat(request.requestId()).matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}").doesNotContain("..");
    assertThat(request.requestedBy()).isIn("core_draft", "human");
    assertThat(request.network()).isEqualTo(NetworkMode.NONE);
    assertThat(request.networkAllowlist()).isEmpty();
    assertThat(POLICY.allowedLanguages()).contains(request.language());
    assertThat(request.limits().cpu()).isBetween(1L, (long) POLICY.maxCpu());
    assertThat(request.limits().memoryMb()).isBetween(1L, POLICY.maxMemoryMb());
    assertThat(request.limits().timeSec()).isBetween(1L, POLICY.maxTimeSec());
    assertThat(request.riskAssessment().level()).isPresent();
    String command = request.command();
    assertThat(command.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(POLICY.maxCommandBytes());
    assertThat(command).doesNotContain(";", "&", "|", ">", "<", "`", "$(", "\\", "..", "~");
    assertThat(command.chars()).allMatch(c -> c >= 0x20 && c < 0x7F);
    Command argv = Command.parse(command);
    assertThat(argv.argv()).isNotEmpty();
    assertThat(argv.program()).isNotIn("sh", "bash", "dash", "zsh", "sudo", "su", "env");
    assertThat(request.inputs()).extracting(InputFile::name).doesNotHaveDuplicates()
        .allSatisfy(name -> assertThat(name).doesNotContain("/").doesNotStartWith("."));
    assertThat(request.inputs()).extracting(InputFile::sha256).allSatisfy(sha -> assertThat(sha).matches("[0-9a-f]{64}"));
    assertThat(request.outputsExpected()).extracting(ExpectedOutput::path).doesNotHaveDuplicates()
        .allSatisfy(path -> assertThat(path).startsWith("/out/").doesNotContain(".."));
  }

  /** Written again in the canonical form (the testkit's), the values read back unchanged and pass again. */
  private static void readsBackTheSame(ToolRequest request) {
    ToolRequests canonical = ToolRequests.valid()
        .requestId(request.requestId())
        .field("created_utc", request.createdUtc().toString())
        .field("requested_by", request.requestedBy())
        .field("approved_by", request.approvedBy())
        .field("approved_utc", request.approvedUtc().orElseThrow().toString())
        .field("purpose", request.purpose())
        .backend(request.backend().name())
        .language(request.language().name().toLowerCase(java.util.Locale.ROOT))
        .cpuLimit(request.limits().cpu())
        .memoryLimitMb(request.limits().memoryMb())
        .timeLimitSec(request.limits().timeSec())
        .command(request.command());
    request.inputs().forEach(i -> canonical.input(i.name(), i.sha256()));
    request.outputsExpected().forEach(o -> canonical.output(o.path(), o.description()));
    ToolRequest reread;
    try {
      reread = ToolRequestParser.standard().parse("TR-fuzz.md", canonical.toBytes());
    } catch (RequestFormatException e) {
      throw new AssertionError("the canonical form of a passed request does not parse: " + e.problems()
          + "\n" + canonical.toMarkdown(), e);
    }
    assertThat(reread)
        .usingRecursiveComparison()
        .comparingOnlyFields("requestId", "createdUtc", "requestedBy", "approvedBy", "approvedUtc", "purpose",
            "backend", "language", "network", "limits", "inputs", "outputsExpected", "command")
        .isEqualTo(request);
    assertThat(DEFAULTS.validate(reread).violations()).as("the canonical form passes too").isEmpty();
  }
}
