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

import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.LimitEnforcement;
import dev.threegate.internal.trust.ResultProvenance;
import dev.threegate.internal.trust.SignedEnvelope;
import dev.threegate.internal.trust.Statement.Subject;
import dev.threegate.request.Command;
import dev.threegate.request.CommandSyntaxException;
import dev.threegate.request.InputFile;
import dev.threegate.request.ToolRequest;
import dev.threegate.trust.ApprovalRecord;
import dev.threegate.trust.Signer;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Signs what a Tool Result attests (trusted computing base): an SLSA Provenance v1 statement
 * whose subjects are the Markdown and every artifact beside it, signed with the gate's key into a
 * Sigstore bundle published as {@code <result_id>.sigstore.json}. Immutable and thread-safe.
 */
final class ResultAttestor {
  /** This library's version, as the attestation names it. */
  static final String VERSION = version();

  private final Signer gateKey;
  private final String builderId;

  /**
   * An attestor.
   *
   * @param gateKey the gate's signing key
   * @param builderId the gate's identity, {@code runDetails.builder.id}
   */
  ResultAttestor(Signer gateKey, String builderId) {
    this.gateKey = Objects.requireNonNull(gateKey, "gateKey");
    this.builderId = Objects.requireNonNull(builderId, "builderId");
    if (builderId.isBlank()) {
      throw new IllegalArgumentException("the builder id is blank");
    }
  }

  /**
   * The signed attestation of a result.
   *
   * @param content what the document was rendered from
   * @param markdown the rendered document, as published
   * @return the Sigstore bundle's bytes
   * @throws IOException if the key cannot sign
   */
  byte[] attest(ResultContent content, ResultFile markdown) throws IOException {
    try {
      return SignedEnvelope.sign(SignedEnvelope.IN_TOTO, provenance(content, markdown).statement(), gateKey)
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IOException("the gate's key cannot sign the result's attestation: " + e.getMessage(), e);
    }
  }

  private ResultProvenance provenance(ResultContent content, ResultFile markdown) {
    ToolRequest request = content.request();
    ExecutionResult result = content.result();
    List<Subject> subjects = new ArrayList<>();
    subjects.add(subject(markdown));
    content.files().all().forEach(file -> subjects.add(subject(file)));
    Map<String, Long> limits = new LinkedHashMap<>();
    Map<String, String> enforcement = new LinkedHashMap<>();
    for (LimitEnforcement limit : result.limits()) {
      limits.put(limit.limit(), limit.value());
      enforcement.put(limit.limit(), limit.enforced() ? limit.enforcedBy() : "NOT enforced");
    }
    List<Subject> inputs = new ArrayList<>();
    for (InputFile input : request.inputs()) {
      inputs.add(new Subject("/in/" + input.name(), input.sha256()));
    }
    ApprovalRecord approval = content.approval();
    Optional<String> keyId = approval instanceof ApprovalRecord.Signed signed ? Optional.of(signed.verified().keyId()) : Optional.empty();
    return new ResultProvenance(
        content.resultId(),
        subjects,
        new Subject(request.sourceName(), request.sourceSha256()),
        request.requestId(),
        argv(request),
        request.language().wireName(),
        request.backend().wireName(),
        limits,
        request.network().wireName(),
        request.networkAllowlist(),
        enforcement,
        result.network().wireName(),
        content.context().policySha256(),
        approval instanceof ApprovalRecord.Signed ? "signed" : "declared",
        approval.approver(),
        keyId,
        content.files().approval().map(ResultAttestor::subject),
        inputs,
        builderId,
        VERSION,
        result.backend().name() + " " + result.backend().version(),
        content.created(),
        List.of(new Subject("stdout", result.stdout().sha256()), new Subject("stderr", result.stderr().sha256())),
        FrontMatter.listed(result).stream().map(d -> new ResultProvenance.Destination(FrontMatter.host(d.host()), d.port(), d.allowed(),
            d.reason(), d.attempts(), d.bytesOut(), d.bytesIn(), d.firstSeen())).toList(),
        result.networkDestinations().size());
  }

  private static Subject subject(ResultFile file) {
    return new Subject(file.path(), file.sha256());
  }

  private static List<String> argv(ToolRequest request) {
    try {
      return Command.parse(request.command()).argv();
    } catch (CommandSyntaxException e) {
      return List.of(request.command());
    }
  }

  private static String version() {
    try (InputStream in = ResultAttestor.class.getResourceAsStream("version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
