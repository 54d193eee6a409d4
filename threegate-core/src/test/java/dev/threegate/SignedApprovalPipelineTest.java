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

import dev.threegate.exec.ScriptedExecutor;
import dev.threegate.policy.ApprovalMode;
import dev.threegate.policy.Policy;
import dev.threegate.problem.Violation;
import dev.threegate.request.Requests;
import dev.threegate.request.ToolRequest;
import dev.threegate.request.ToolRequestParser;
import dev.threegate.trust.ApprovalRecord;
import dev.threegate.trust.Approver;
import dev.threegate.trust.Approvers;
import dev.threegate.trust.KeyAlgorithm;
import dev.threegate.trust.Keys;
import dev.threegate.trust.Signer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The approve step: under {@code approval: signed} an agent that can write request files but holds
 * no approver key cannot get a request run; a human's signature over the exact bytes can.
 */
class SignedApprovalPipelineTest {
  private static final String REQUEST =
      Requests.TYPICAL
          .replace("inputs:\n  - name: \"data.csv\"\n    sha256: \"3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7\"\n", "")
          .replace("outputs_expected:\n  - path: \"/out/stats.json\"\n    description: \"mean, median, stdev per column\"\n", "")
          .replace("python /in/stats.py --in /in/data.csv --out /out/stats.json", "python3 -V");
  private static final Instant NOW = Instant.parse("2026-11-26T13:00:00Z");

  @TempDir Path temp;
  private final KeyPair doeKeys = Keys.generate(KeyAlgorithm.ECDSA_P256);
  private final Signer doe = Signer.of(doeKeys.getPrivate(), doeKeys.getPublic());
  private final KeyPair agentKeys = Keys.generate(KeyAlgorithm.ECDSA_P256);
  private final Signer agent = Signer.of(agentKeys.getPrivate(), agentKeys.getPublic());
  private final Approvers approvers = Approvers.builder().trust("j.doe", doeKeys.getPublic()).build();
  private final List<ApprovalRecord> seen = new CopyOnWriteArrayList<>();

  private Path request(String text) throws IOException {
    return Files.writeString(Files.createDirectories(temp.resolve("requests")).resolve("TR-1.md"), text);
  }

  private void approve(Path request, Signer signer, Instant at) throws Exception {
    byte[] bytes = Files.readAllBytes(request);
    ToolRequest parsed = ToolRequestParser.standard().parse(request.getFileName().toString(), bytes);
    Files.writeString(Approver.bundleFile(request), Approver.of("j.doe", signer).approve(parsed, at));
  }

  private ToolExecPipeline.Builder gate(Policy policy, ScriptedExecutor executor) {
    return ToolExecPipeline.builder().policy(policy).executor(executor).workDirectory(temp.resolve("work"))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .addStepAfter(Outcome.Stage.APPROVE, chain -> {
          seen.add(chain.approval().orElseThrow());
          return chain.proceed();
        });
  }

  private List<String> results() throws IOException {
    Path dir = temp.resolve("results");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }

  private static List<String> codes(Outcome outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    return ((Outcome.Rejected) outcome).violations().stream().map(Violation::code).toList();
  }

  @Test
  void theStrictPolicyNeedsATrustStore() {
    assertThat(Policy.strict().approval()).isEqualTo(ApprovalMode.SIGNED);
    assertThat(Policy.defaults().approval()).isEqualTo(ApprovalMode.DECLARED);
    assertThatThrownBy(() -> ToolExecPipeline.builder().policy(Policy.strict()).executor(ScriptedExecutor.printing("x")).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("approvers");
  }

  @Test
  void anAgentThatWritesTheRequestButHoldsNoApproverKeyCannotGetItRun() throws Exception {
    ScriptedExecutor executor = ScriptedExecutor.printing("ran");
    Path request = request(REQUEST);
    ToolExecPipeline pipeline = gate(Policy.strict(), executor).approvers(approvers).build();

    assertThat(codes(pipeline.run(request, temp.resolve("results")))).containsExactly("approval.unsigned");
    approve(request, agent, NOW.minusSeconds(60));
    assertThat(codes(pipeline.run(request, temp.resolve("results")))).containsExactly("approval.untrusted_key");
    Files.writeString(Approver.bundleFile(request), Files.readString(Approver.bundleFile(request)).replace(agent.keyId(), doe.keyId()));
    assertThat(codes(pipeline.run(request, temp.resolve("results")))).containsExactly("approval.signature_invalid");
    assertThat(executor.specs).isEmpty();
    assertThat(results()).as("nothing claimed, nothing written").isEmpty();
    assertThat(seen).isEmpty();
  }

  @Test
  void aHumansSignatureOverTheExactBytesLetsItRun() throws Exception {
    ScriptedExecutor executor = ScriptedExecutor.printing("ran");
    Path request = request(REQUEST);
    approve(request, doe, NOW.minusSeconds(60));
    Outcome outcome = gate(Policy.strict(), executor).approvers(approvers).build().run(request, temp.resolve("results"));
    assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
    assertThat(executor.specs).hasSize(1);
    assertThat(seen).singleElement().isInstanceOfSatisfying(ApprovalRecord.Signed.class, signed -> {
      assertThat(signed.approver()).isEqualTo("j.doe");
      assertThat(signed.verified().keyId()).isEqualTo(doe.keyId());
    });
  }

  @Test
  void aRequestChangedAfterApprovalDoesNotRun() throws Exception {
    ScriptedExecutor executor = ScriptedExecutor.printing("ran");
    Path request = request(REQUEST);
    approve(request, doe, NOW.minusSeconds(60));
    Files.writeString(request, REQUEST.replace("python3 -V", "python3 -VV"));
    Outcome outcome = gate(Policy.strict(), executor).approvers(approvers).build().run(request, temp.resolve("results"));
    assertThat(codes(outcome)).containsExactly("approval.digest_mismatch");
    assertThat(executor.specs).isEmpty();
  }

  @Test
  void anApprovalOlderThanThePolicyAllowsHasExpired() throws Exception {
    Path request = request(REQUEST);
    approve(request, doe, NOW.minus(Duration.ofHours(2)));
    Policy policy = Policy.strict().newBuilder().approvalMaxAge(Duration.ofHours(1)).build();
    assertThat(codes(gate(policy, ScriptedExecutor.printing("x")).approvers(approvers).build().run(request, temp.resolve("results"))))
        .containsExactly("approval.expired");
    Policy lenient = Policy.strict().newBuilder().approvalMaxAge(Duration.ofHours(3)).build();
    assertThat(gate(lenient, ScriptedExecutor.printing("x")).approvers(approvers).build().run(request, temp.resolve("results")))
        .isInstanceOf(Outcome.Accepted.class);
  }

  @Test
  void underDeclaredApprovalsAnUnsignedRequestRunsAsDeclaredButABadSignatureIsRefused() throws Exception {
    ScriptedExecutor executor = ScriptedExecutor.printing("ran");
    Path request = request(REQUEST);
    ToolExecPipeline pipeline = gate(Policy.defaults(), executor).approvers(approvers).build();
    assertThat(pipeline.run(request, temp.resolve("results"))).isInstanceOf(Outcome.Accepted.class);
    assertThat(seen).singleElement().isInstanceOfSatisfying(ApprovalRecord.Declared.class,
        declared -> assertThat(declared.approver()).isEqualTo("j.doe"));

    Path other = Files.writeString(temp.resolve("requests").resolve("TR-2.md"),
        REQUEST.replace("TR-20261126-120000Z-csv-stats", "TR-20261126-120000Z-other"));
    approve(other, agent, NOW.minusSeconds(60));
    assertThat(codes(pipeline.run(other, temp.resolve("results")))).containsExactly("approval.untrusted_key");
  }

  @Test
  void withoutATrustStoreTheApprovalIsRecordedAsDeclared() throws Exception {
    Path request = request(REQUEST);
    assertThat(gate(Policy.defaults(), ScriptedExecutor.printing("x")).build().run(request, temp.resolve("results")))
        .isInstanceOf(Outcome.Accepted.class);
    assertThat(seen).singleElement().isInstanceOf(ApprovalRecord.Declared.class);
  }

  @Test
  void thePolicyFileSetsTheApprovalModeAndAge() {
    Policy policy = Policy.parse("p.yaml", "approval: signed\napproval_max_age_sec: 600\n");
    assertThat(policy.approval()).isEqualTo(ApprovalMode.SIGNED);
    assertThat(policy.approvalMaxAge()).isEqualTo(Duration.ofMinutes(10));
    assertThat(policy.sourceSha256()).contains(dev.threegate.internal.io.Sha256.hex(
        "approval: signed\napproval_max_age_sec: 600\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(policy.newBuilder().build().sourceSha256()).as("a variant is no longer the file's policy").isEmpty();
    assertThat(policy.newBuilder().build()).as("the digest is provenance, not a knob").isEqualTo(policy);
    assertThat(Policy.strict().sourceSha256()).isEmpty();
    assertThatThrownBy(() -> Policy.parse("p.yaml", "approval: trusted\n")).hasMessageContaining("declared or signed");
    assertThatThrownBy(() -> Policy.parse("p.yaml", "approval_max_age_sec: 99999999\n")).isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> Policy.defaults().newBuilder().approvalMaxAge(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
