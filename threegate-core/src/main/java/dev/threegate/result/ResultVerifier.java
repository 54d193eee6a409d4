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

import dev.threegate.internal.io.RegularFileReader;
import dev.threegate.internal.io.Sha256;
import dev.threegate.internal.json.JsonException;
import dev.threegate.internal.json.JsonObject;
import dev.threegate.internal.result.ResultReader;
import dev.threegate.internal.trust.ResultProvenance;
import dev.threegate.internal.trust.SignedEnvelope;
import dev.threegate.internal.trust.Statement;
import dev.threegate.problem.Verdict;
import dev.threegate.problem.Violation;
import dev.threegate.trust.ApprovalCheck;
import dev.threegate.trust.ApprovalVerifier;
import dev.threegate.trust.Approvers;
import dev.threegate.trust.Keys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Verifies a Tool Result's chain offline, from the results directory alone: its attestation
 * ({@code <result_id>.sigstore.json}) signed by a trusted gate key; every subject's SHA-256
 * against the file beside it, the Markdown and every artifact it lists among them; the statement
 * consistent with the Markdown's front matter (result id, request id, request digest, approval);
 * with {@linkplain Builder#approvers(Approvers) approvers}, the copy of a signed approval against
 * them; and, when given, the request file against the digest the result records. Every failure is
 * a violation with a stable code: {@code attestation.missing}, {@code attestation.malformed},
 * {@code attestation.untrusted_key}, {@code attestation.signature_invalid}, {@code
 * attestation.subject_missing}, {@code attestation.subject_mismatch}, {@code
 * attestation.incomplete}, {@code attestation.unlisted_file}, {@code attestation.inconsistent},
 * {@code attestation.request_mismatch},
 * and the {@code approval.*} codes of {@link ApprovalCheck}. Nothing needs the network.
 * Immutable and thread-safe.
 */
public final class ResultVerifier {
  /** The most bytes an attestation may have. */
  public static final int MAX_ATTESTATION_BYTES = 16 * 1024 * 1024;

  private static final long MAX_REQUEST_BYTES = 4L * 1024 * 1024;

  private final Map<String, PublicKey> gateKeys;
  private final Optional<Approvers> approvers;

  private ResultVerifier(Builder builder) {
    this.gateKeys = Map.copyOf(builder.gateKeys);
    this.approvers = Optional.ofNullable(builder.approvers);
  }

  /**
   * A builder of a verifier trusting these gate keys.
   *
   * @param gateKeys the public keys of the gates whose results are trusted, at least one
   * @return a new builder
   */
  public static Builder builder(List<PublicKey> gateKeys) {
    return new Builder(gateKeys);
  }

  /**
   * Verifies a Tool Result's chain.
   *
   * @param resultFile the Tool Result Markdown file ({@code <result_id>.md})
   * @return passed, or every problem found
   */
  public Verdict verify(Path resultFile) {
    return verify(resultFile, Optional.empty());
  }

  /**
   * Verifies a Tool Result's chain and that it ran this very request file.
   *
   * @param resultFile the Tool Result Markdown file ({@code <result_id>.md})
   * @param requestFile the request file whose exact bytes the result must record
   * @return passed, or every problem found
   */
  public Verdict verify(Path resultFile, Path requestFile) {
    return verify(resultFile, Optional.of(Objects.requireNonNull(requestFile, "requestFile")));
  }

  private Verdict verify(Path resultFile, Optional<Path> requestFile) {
    Objects.requireNonNull(resultFile, "resultFile");
    List<Violation> out = new ArrayList<>();
    String name = String.valueOf(resultFile.getFileName());
    if (!name.endsWith(".md")) {
      return Verdict.of(List.of(violation("attestation.malformed", "file", name + " is not a Tool Result's .md file")));
    }
    String resultId = name.substring(0, name.length() - 3);
    Path dir = resultFile.toAbsolutePath().normalize().getParent();
    // the Markdown is read once: the bytes hashed are the bytes parsed
    byte[] markdown;
    try {
      markdown = RegularFileReader.readPrefix(resultFile, ResultReader.MAX_BYTES);
      if (markdown.length > ResultReader.MAX_BYTES) {
        throw new IOException("larger than " + ResultReader.MAX_BYTES + " bytes");
      }
    } catch (IOException e) {
      return Verdict.of(List.of(violation("attestation.subject_missing", "file", "cannot read " + name + ": " + e.getMessage())));
    }
    Path attestationFile = dir.resolve(resultId + ".sigstore.json");
    byte[] bundle;
    try {
      bundle = RegularFileReader.readPrefix(attestationFile, MAX_ATTESTATION_BYTES);
    } catch (NoSuchFileException e) {
      return Verdict.of(List.of(violation("attestation.missing", "file", "no attestation beside the result ("
          + attestationFile.getFileName() + ")")));
    } catch (IOException e) {
      return Verdict.of(List.of(violation("attestation.malformed", "file", "cannot read the attestation: " + e.getMessage())));
    }
    if (bundle.length > MAX_ATTESTATION_BYTES) {
      return Verdict.of(List.of(violation("attestation.malformed", "file", "the attestation has more than "
          + MAX_ATTESTATION_BYTES + " bytes")));
    }
    Statement statement;
    try {
      SignedEnvelope envelope = SignedEnvelope.read(strictUtf8(bundle));
      if (!envelope.payloadType().equals(SignedEnvelope.IN_TOTO) || envelope.signatures().size() != 1) {
        return Verdict.of(List.of(violation("attestation.malformed", "file",
            "the attestation is not one signature over an in-toto statement")));
      }
      Optional<Violation> signature = checkSignature(envelope);
      if (signature.isPresent()) {
        return Verdict.of(List.of(signature.get()));
      }
      statement = Statement.read(envelope.payload());
      if (!statement.predicateType().equals(ResultProvenance.PREDICATE_TYPE)
          || !ResultProvenance.BUILD_TYPE.equals(statement.predicate().object("buildDefinition").string("buildType"))) {
        return Verdict.of(List.of(violation("attestation.malformed", "statement",
            "the statement is not the SLSA provenance of a ThreeGate run")));
      }
    } catch (JsonException e) {
      return Verdict.of(List.of(violation("attestation.malformed", "statement", "not a signed attestation: " + e.getMessage())));
    }
    Map<String, String> subjects = new HashMap<>();
    for (Statement.Subject subject : statement.subjects()) {
      subjects.put(subject.name(), subject.sha256());
      if (subject.name().equals(name)) {
        String sha256 = Sha256.hex(markdown);
        if (!sha256.equals(subject.sha256())) {
          out.add(violation("attestation.subject_mismatch", "subject", "'" + printable(name) + "' has SHA-256 " + sha256
              + ", the attestation signs " + subject.sha256()));
        }
      } else {
        checkSubject(dir, resultId, subject, out);
      }
    }
    checkUnlisted(dir, resultId, subjects, out);
    if (!subjects.containsKey(name)) {
      out.add(violation("attestation.incomplete", "subject", "the attestation does not cover the Tool Result " + name));
      return Verdict.of(out);
    }
    if (!out.isEmpty()) {
      return Verdict.of(out); // a file differs from what was signed: nothing else it says can be trusted
    }
    ResultReader.Read read = ResultReader.read(name, markdown);
    if (read.result().isEmpty()) {
      out.add(violation("attestation.inconsistent", "file", "the signed Tool Result cannot be read: " + read.problems()));
      return Verdict.of(out);
    }
    ToolResult result = read.result().get();
    for (ResultArtifact artifact : result.artifacts()) {
      if (!artifact.sha256().equals(subjects.get(artifact.path()))) {
        out.add(violation("attestation.incomplete", "subject", "the attestation does not cover the artifact "
            + artifact.path() + " with the digest the result lists"));
      }
    }
    checkConsistent(statement.predicate(), result, out);
    result.approval().filter("signed"::equals).ifPresent(signed -> checkApproval(dir, result, out));
    requestFile.ifPresent(file -> checkRequest(file, result, out));
    return Verdict.of(out);
  }

  private Optional<Violation> checkSignature(SignedEnvelope envelope) {
    SignedEnvelope.KeyMatch match = envelope.match(gateKeys);
    if (match.verifiedBy().isPresent()) {
      return Optional.empty();
    }
    return Optional.of(match.named().isPresent()
        ? violation("attestation.signature_invalid", "signature", "the signature does not verify under the gate key it names")
        : violation("attestation.untrusted_key", "signature", "no trusted gate key verifies the attestation"));
  }

  private static void checkSubject(Path dir, String resultId, Statement.Subject subject, List<Violation> out) {
    String name = subject.name();
    Path file = dir.resolve(name).normalize();
    if (name.startsWith("/") || name.contains("..") || !file.startsWith(dir) || !name.startsWith(resultId + ".")) {
      out.add(violation("attestation.subject_missing", "subject", "subject '" + printable(name)
          + "' is not a file of this result beside it"));
      return;
    }
    try {
      // opened without following links or blocking on a FIFO (a link, a FIFO or a missing file is
      // refused, as subject_missing), checked to be the file looked at
      Sha256 hash = new Sha256();
      RegularFileReader.read(file, Long.MAX_VALUE, hash::update);
      String sha256 = hash.hex();
      if (!sha256.equals(subject.sha256())) {
        out.add(violation("attestation.subject_mismatch", "subject", "'" + printable(name) + "' has SHA-256 " + sha256
            + ", the attestation signs " + subject.sha256()));
      }
    } catch (IOException e) {
      out.add(violation("attestation.subject_missing", "subject", "'" + printable(name) + "' is missing or cannot be read as a regular file: " + e.getMessage()));
    }
  }

  /**
   * Files of this result the attestation does not cover: anything named {@code <result_id>.…}
   * beside it but the attestation itself, and anything inside {@code <result_id>.out/}, links
   * included, that is not a subject. A reader of the directory would otherwise take an added file
   * for the tool's.
   */
  private static void checkUnlisted(Path dir, String resultId, Map<String, String> subjects, List<Violation> out) {
    List<String> unlisted = new ArrayList<>();
    try (Stream<Path> beside = Files.list(dir)) {
      beside.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(resultId + ".") && !subjects.containsKey(n))
          .filter(n -> !n.equals(resultId + ".sigstore.json") && !n.equals(resultId + ".out"))
          .forEach(unlisted::add);
      Path outputs = dir.resolve(resultId + ".out");
      if (Files.isDirectory(outputs, LinkOption.NOFOLLOW_LINKS)) {
        try (Stream<Path> walk = Files.walk(outputs)) {
          walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
              .map(p -> dir.relativize(p).toString())
              .filter(n -> !subjects.containsKey(n))
              .forEach(unlisted::add);
        }
      } else if (Files.exists(outputs, LinkOption.NOFOLLOW_LINKS)) {
        unlisted.add(resultId + ".out");
      }
    } catch (IOException e) {
      out.add(violation("attestation.unlisted_file", "file", "cannot list the result's files: " + e.getMessage()));
      return;
    }
    unlisted.stream().sorted().limit(20).forEach(n -> out.add(violation("attestation.unlisted_file", "file",
        "'" + printable(n) + "' is a file of this result the attestation does not cover")));
  }

  private static String strictUtf8(byte[] bytes) {
    try {
      return dev.threegate.internal.text.Text.strictUtf8(bytes);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new JsonException("the attestation is not UTF-8");
    }
  }

  private static void checkConsistent(JsonObject predicate, ToolResult result, List<Violation> out) {
    try {
      JsonObject external = predicate.object("buildDefinition").object("externalParameters");
      JsonObject request = external.object("request");
      String invocation = predicate.object("runDetails").object("metadata").string("invocationId");
      String digest = request.object("digest").string("sha256");
      String approval = predicate.object("buildDefinition").object("internalParameters").object("approval").string("mode");
      if (!invocation.equals(result.resultId())) {
        out.add(violation("attestation.inconsistent", "result_id", "the attestation is of result " + printable(invocation)));
      }
      if (!request.string("requestId").equals(result.requestId())) {
        out.add(violation("attestation.inconsistent", "request_id", "the attestation is of request " + printable(request.string("requestId"))));
      }
      if (!Optional.of(digest).equals(result.requestSha256())) {
        out.add(violation("attestation.inconsistent", "request_sha256", "the attestation records request bytes with SHA-256 "
            + printable(digest)));
      }
      if (!Optional.of(approval).equals(result.approval())) {
        out.add(violation("attestation.inconsistent", "approval", "the attestation records the approval as " + printable(approval)));
      }
    } catch (JsonException e) {
      out.add(violation("attestation.malformed", "statement", "the provenance lacks what it must record: " + e.getMessage()));
    }
  }

  private void checkApproval(Path dir, ToolResult result, List<Violation> out) {
    if (approvers.isEmpty()) {
      return;
    }
    Path copy = dir.resolve(result.resultId() + ".approval.sigstore.json");
    byte[] bundle;
    try {
      bundle = RegularFileReader.readPrefix(copy, ApprovalVerifier.MAX_BUNDLE_BYTES);
    } catch (IOException e) {
      out.add(violation("approval.unsigned", "approval", "the result says signed, and its approval's copy cannot be read: "
          + e.getMessage()));
      return;
    }
    // judged as of the result: the gate checked its age when it ran
    ApprovalVerifier verifier = ApprovalVerifier.builder(approvers.get()).maxAge(Duration.ofDays(365L * 100))
        .clock(Clock.fixed(result.createdUtc(), ZoneOffset.UTC)).build();
    String approvedBy = result.approvedBy().orElse("");
    ApprovalCheck check = verifier.verify(bundle, result.requestSha256().orElse(""), result.requestId(), approvedBy);
    if (check instanceof ApprovalCheck.Refused refused) {
      out.add(refused.violation());
    } else if (!result.approvalKeyId().equals(Optional.of(((ApprovalCheck.Verified) check).keyId()))) {
      out.add(violation("attestation.inconsistent", "approval_key_id", "the approval was signed with another key than the result names"));
    }
  }

  private static void checkRequest(Path requestFile, ToolResult result, List<Violation> out) {
    try {
      Sha256 hash = new Sha256(); // a link, a FIFO or a file over the cap is refused by the reader
      RegularFileReader.read(requestFile, MAX_REQUEST_BYTES, hash::update);
      String sha256 = hash.hex();
      if (!result.requestSha256().equals(Optional.of(sha256))) {
        out.add(violation("attestation.request_mismatch", "request", requestFile.getFileName() + " has SHA-256 " + sha256
            + ", not the request bytes this result ran"));
      }
    } catch (IOException e) {
      out.add(violation("attestation.request_mismatch", "request", "cannot read " + requestFile.getFileName() + ": " + e.getMessage()));
    }
  }

  private static String printable(String text) {
    return dev.threegate.internal.text.Text.printable(text);
  }

  private static Violation violation(String code, String where, String message) {
    return new Violation(code, where, message);
  }

  /** Builds a {@link ResultVerifier}. */
  public static final class Builder {
    private final Map<String, PublicKey> gateKeys = new HashMap<>();
    private Approvers approvers;

    private Builder(List<PublicKey> keys) {
      if (keys.isEmpty()) {
        throw new IllegalArgumentException("at least one gate key is needed");
      }
      for (PublicKey key : keys) {
        if (Keys.algorithm(key).isEmpty()) {
          throw new IllegalArgumentException("not an ECDSA P-256 or Ed25519 key");
        }
        gateKeys.put(Keys.keyId(key), key);
      }
    }

    /**
     * Also verifies a signed approval's copy against a trust store of approvers.
     *
     * @param value the approvers
     * @return this builder
     */
    public Builder approvers(Approvers value) {
      approvers = Objects.requireNonNull(value, "approvers");
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return an immutable verifier
     */
    public ResultVerifier build() {
      return new ResultVerifier(this);
    }
  }
}
