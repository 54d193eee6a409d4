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
package dev.threegate.trust;

import dev.threegate.internal.io.RegularFileReader;
import dev.threegate.internal.json.JsonException;
import dev.threegate.internal.text.Text;
import dev.threegate.internal.trust.ApprovalStatements;
import dev.threegate.internal.trust.SignedEnvelope;
import dev.threegate.internal.trust.Statement;
import dev.threegate.problem.Violation;
import dev.threegate.request.ToolRequest;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a signed approval against the request it must approve, offline: the bundle's signature
 * under a key of the {@link Approvers} trust store, the approved bytes' digest against the
 * request's exact bytes, the approved request id against the request's, one name for the key's
 * owner, the approval's approver and the request's {@code approved_by}, and the approval's age.
 * Each way it can fail has its own code ({@link ApprovalCheck}). Immutable and thread-safe.
 */
public final class ApprovalVerifier {
  /** How old an approval may be unless configured otherwise. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(24);

  /** How far ahead of the gate's clock an approval may be signed, for clocks that disagree. */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  /** The most bytes an approval bundle may have. */
  public static final int MAX_BUNDLE_BYTES = 64 * 1024;

  private final Approvers approvers;
  private final Map<String, PublicKey> trusted = new LinkedHashMap<>();
  private final Duration maxAge;
  private final Clock clock;

  private ApprovalVerifier(Builder builder) {
    this.approvers = builder.approvers;
    approvers.keys().forEach(key -> trusted.put(key.keyId(), key.key()));
    this.maxAge = builder.maxAge;
    this.clock = builder.clock;
  }

  /**
   * A builder of a verifier trusting these approvers.
   *
   * @param approvers the trust store
   * @return a new builder with {@link #DEFAULT_MAX_AGE} and the system's UTC clock
   */
  public static Builder builder(Approvers approvers) {
    return new Builder(Objects.requireNonNull(approvers, "approvers"));
  }

  /**
   * Checks the approval stored beside a request file ({@link Approver#bundleFile(Path)}).
   *
   * @param requestFile the request file, to find its approval
   * @param request the request parsed from that file (its {@link ToolRequest#sourceSha256()} is
   *     the digest of the bytes that must have been approved)
   * @return the result; {@code approval.unsigned} if there is no approval file
   * @throws IOException if the approval file exists but cannot be read
   */
  public ApprovalCheck verify(Path requestFile, ToolRequest request)
      throws IOException {
    Path bundleFile = Approver.bundleFile(requestFile);
    byte[] bundle;
    try {
      bundle = RegularFileReader.readPrefix(bundleFile, MAX_BUNDLE_BYTES);
    } catch (NoSuchFileException e) {
      return refused("approval.unsigned", "no signed approval beside the request ("
          + bundleFile.getFileName() + ")");
    } catch (RegularFileReader.NotRegularException e) {
      return refused("approval.malformed", e.getMessage());
    }
    return verify(bundle, request); // refuses a bundle over the cap
  }

  /**
   * Checks a signed approval.
   *
   * @param bundle the approval bundle's bytes (UTF-8 JSON)
   * @param request the parsed request (its {@link ToolRequest#sourceSha256()} is the digest of
   *     the bytes that must have been approved)
   * @return the result
   */
  public ApprovalCheck verify(byte[] bundle, ToolRequest request) {
    Objects.requireNonNull(request, "request");
    return verify(bundle, request.sourceSha256(), request.requestId(), request.approvedBy());
  }

  /**
   * Checks a signed approval against what a request must be: for a request known by its record
   * alone, such as a Tool Result's {@code request_sha256}, {@code request_id} and {@code
   * approved_by}.
   *
   * @param bundle the approval bundle's bytes (UTF-8 JSON)
   * @param requestSha256 the SHA-256 of the bytes that must have been approved
   * @param requestId the id that must have been approved
   * @param approvedBy the approver the request names
   * @return the result
   */
  public ApprovalCheck verify(byte[] bundle, String requestSha256, String requestId, String approvedBy) {
    Objects.requireNonNull(requestSha256, "requestSha256");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(approvedBy, "approvedBy");
    if (bundle.length > MAX_BUNDLE_BYTES) {
      return refused("approval.malformed", "the approval has more than " + MAX_BUNDLE_BYTES + " bytes");
    }
    SignedEnvelope envelope;
    try {
      envelope = SignedEnvelope.read(utf8(bundle));
    } catch (JsonException e) {
      return refused("approval.malformed", "not a signed approval: " + e.getMessage());
    }
    if (!envelope.payloadType().equals(SignedEnvelope.IN_TOTO)) {
      return refused("approval.malformed", "the envelope does not hold an in-toto statement");
    }
    if (envelope.signatures().size() != 1) {
      return refused("approval.malformed", "an approval carries exactly one signature");
    }
    SignedEnvelope.KeyMatch match = envelope.match(trusted);
    if (match.verifiedBy().isEmpty()) {
      return match.named().flatMap(approvers::byKeyId)
          .<ApprovalCheck>map(
              named ->
                  refused("approval.signature_invalid",
                      "the signature does not verify under " + named.approver() + "'s key " + named.keyId()))
          .orElseGet(() -> refused("approval.untrusted_key", "no trusted approver's key verifies the signature"));
    }
    Approvers.TrustedKey signer = approvers.byKeyId(match.verifiedBy().get()).orElseThrow();
    Approval approval;
    try {
      approval = ApprovalStatements.read(Statement.read(envelope.payload()));
    } catch (JsonException e) {
      return refused("approval.malformed", "the signed statement is not an approval: " + e.getMessage());
    }
    String digest = requestSha256;
    if (!approval.requestSha256().equals(digest)) {
      return refused("approval.digest_mismatch", "the approval is for other bytes (sha256 "
          + approval.requestSha256() + "), not this request's (sha256 " + digest + ")");
    }
    if (!approval.requestId().equals(requestId)) {
      return refused("approval.id_mismatch", "the approval is for request " + approval.requestId()
          + ", not " + requestId);
    }
    String owner = signer.approver();
    if (!owner.equals(approval.approver()) || !owner.equals(approvedBy)) {
      return refused("approval.approver_mismatch", "signed with " + owner + "'s key, as approver "
          + approval.approver() + ", for a request approved_by " + approvedBy);
    }
    Instant now = clock.instant();
    if (approval.approvedAt().isAfter(now.plus(CLOCK_SKEW))) {
      return refused("approval.in_future", "signed at " + approval.approvedAt()
          + ", ahead of the gate's clock (" + now + ")");
    }
    if (approval.approvedAt().plus(maxAge).isBefore(now)) {
      return refused("approval.expired", "signed at " + approval.approvedAt()
          + ", older than " + maxAge + " at " + now);
    }
    String keyId = signer.keyId();
    // the copy kept with a result is the verified envelope in canonical form: nothing unsigned rides along
    String canonical = new SignedEnvelope(envelope.payloadType(), envelope.payload(),
        List.of(new SignedEnvelope.EnvelopeSignature(keyId, envelope.signatures().get(0).signature())), Optional.of(keyId))
        .toBundle();
    return new ApprovalCheck.Verified(approval, keyId, canonical);
  }

  private static String utf8(byte[] bytes) {
    try {
      return Text.strictUtf8(bytes);
    } catch (CharacterCodingException e) {
      throw new JsonException("not UTF-8");
    }
  }

  private static ApprovalCheck refused(String code, String message) {
    return new ApprovalCheck.Refused(new Violation(code, "approval", message));
  }

  /** Builds an {@link ApprovalVerifier}. */
  public static final class Builder {
    private final Approvers approvers;
    private Duration maxAge = DEFAULT_MAX_AGE;
    private Clock clock = Clock.systemUTC();

    private Builder(Approvers approvers) {
      this.approvers = approvers;
    }

    /**
     * Sets how old an approval may be when it is checked.
     *
     * @param value a positive duration
     * @return this builder
     */
    public Builder maxAge(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("maxAge must be positive: " + value);
      }
      this.maxAge = value;
      return this;
    }

    /**
     * Sets the clock approvals' ages are judged by.
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return an immutable verifier
     */
    public ApprovalVerifier build() {
      return new ApprovalVerifier(this);
    }
  }
}
