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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threegate.internal.io.Sha256;
import dev.threegate.internal.json.JsonWriter;
import dev.threegate.internal.trust.ApprovalStatements;
import dev.threegate.internal.trust.SignedEnvelope;
import dev.threegate.internal.trust.Statement;
import dev.threegate.request.Requests;
import dev.threegate.request.ToolRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every way a signed approval can fail, each caught with its own code. */
class ApprovalVerifierTest {
  private static final Instant SIGNED = Instant.parse("2026-11-26T12:10:00Z");
  private static final Instant NOW = Instant.parse("2026-11-26T13:00:00Z");

  private final KeyPair doeKeys = Keys.generate(KeyAlgorithm.ECDSA_P256);
  private final KeyPair roeKeys = Keys.generate(KeyAlgorithm.ED25519);
  private final KeyPair malloryKeys = Keys.generate(KeyAlgorithm.ECDSA_P256);
  private final Signer doe = Signer.of(doeKeys.getPrivate(), doeKeys.getPublic());
  private final Signer roe = Signer.of(roeKeys.getPrivate(), roeKeys.getPublic());
  private final Signer mallory = Signer.of(malloryKeys.getPrivate(), malloryKeys.getPublic());
  private final Approvers approvers =
      Approvers.builder().trust("j.doe", doeKeys.getPublic()).trust("r.roe", roeKeys.getPublic()).build();
  private final ApprovalVerifier verifier =
      ApprovalVerifier.builder(approvers).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

  private final byte[] requestBytes = Requests.bytes(Requests.TYPICAL);
  private final ToolRequest request = Requests.parse(Requests.TYPICAL);

  @TempDir Path dir;

  private String approve(Signer signer, String name, ToolRequest parsed) throws Exception {
    return Approver.of(name, signer).approve(parsed, SIGNED);
  }

  private String code(String bundle) {
    return code(bundle.getBytes(StandardCharsets.UTF_8), request);
  }

  private String code(byte[] bundle, ToolRequest parsed) {
    ApprovalCheck check = verifier.verify(bundle, parsed);
    return check instanceof ApprovalCheck.Refused refused ? refused.violation().code() : "verified";
  }

  @Test
  void verifiesAnApprovalOfTheseExactBytesByTheNamedApprover() throws Exception {
    String bundle = approve(doe, "j.doe", request);
    ApprovalCheck check = verifier.verify(bundle.getBytes(StandardCharsets.UTF_8), request);
    assertThat(check.verified()).isTrue();
    ApprovalCheck.Verified verified = (ApprovalCheck.Verified) check;
    assertThat(verified.keyId()).isEqualTo(doe.keyId());
    assertThat(verified.approval().approver()).isEqualTo("j.doe");
    assertThat(verified.approval().requestId()).isEqualTo(request.requestId());
    assertThat(verified.approval().requestSha256()).isEqualTo(Sha256.hex(requestBytes));
    assertThat(verified.approval().approvedAt()).isEqualTo(SIGNED);
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void verifiesEitherKindOfKey(KeyAlgorithm algorithm) throws Exception {
    KeyPair pair = Keys.generate(algorithm);
    ApprovalVerifier only =
        ApprovalVerifier.builder(Approvers.builder().trust("j.doe", pair.getPublic()).build())
            .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    String bundle = approve(Signer.of(pair.getPrivate(), pair.getPublic()), "j.doe", request);
    assertThat(only.verify(bundle.getBytes(StandardCharsets.UTF_8), request).verified()).isTrue();
  }

  @Test
  void aRequestWithoutAnApprovalFileIsUnsigned() throws Exception {
    Path file = Files.write(dir.resolve("TR-test.md"), requestBytes);
    ApprovalCheck check = verifier.verify(file, request);
    assertThat(((ApprovalCheck.Refused) check).violation().code()).isEqualTo("approval.unsigned");
    Files.writeString(Approver.bundleFile(file), approve(doe, "j.doe", request));
    assertThat(Approver.bundleFile(file).getFileName().toString()).isEqualTo("TR-test.md.approval.sigstore.json");
    assertThat(verifier.verify(file, request).verified()).isTrue();
  }

  @Test
  void anApprovalFileThatIsALinkOrTooLargeIsRefused() throws Exception {
    Path file = Files.write(dir.resolve("TR-test.md"), requestBytes);
    Path elsewhere = Files.writeString(dir.resolve("elsewhere.json"), approve(doe, "j.doe", request));
    Files.createSymbolicLink(Approver.bundleFile(file), elsewhere);
    assertThat(((ApprovalCheck.Refused) verifier.verify(file, request)).violation().code())
        .isEqualTo("approval.malformed");
    Files.delete(Approver.bundleFile(file));
    Files.writeString(Approver.bundleFile(file), " ".repeat(ApprovalVerifier.MAX_BUNDLE_BYTES + 1));
    assertThat(((ApprovalCheck.Refused) verifier.verify(file, request)).violation().code())
        .isEqualTo("approval.malformed");
  }

  @Test
  void aFlippedByteInTheRequestIsADigestMismatch() throws Exception {
    String bundle = approve(doe, "j.doe", request);
    String changed = Requests.typicalWith("Summary statistics", "Summary Statistics");
    assertThat(code(bundle.getBytes(StandardCharsets.UTF_8), Requests.parse(changed)))
        .isEqualTo("approval.digest_mismatch");
    String trailing = Requests.TYPICAL + "\n";
    assertThat(code(bundle.getBytes(StandardCharsets.UTF_8), Requests.parse(trailing)))
        .isEqualTo("approval.digest_mismatch");
    String command = Requests.withCommand("python /in/stats.py --in /in/data.csv --out /out/stats.jsom");
    assertThat(code(bundle.getBytes(StandardCharsets.UTF_8), Requests.parse(command)))
        .isEqualTo("approval.digest_mismatch");
  }

  @Test
  void anApprovalOfAnotherRequestIsADigestMismatch() throws Exception {
    String other = Requests.withCommand("python /in/other.py");
    String bundle = approve(doe, "j.doe", Requests.parse(other));
    assertThat(code(bundle)).isEqualTo("approval.digest_mismatch");
  }

  @Test
  void anApprovalReplayedForAReissuedRequestIdFails() throws Exception {
    String bundle = approve(doe, "j.doe", request);
    String reissued = Requests.typicalWith("TR-20261126-120000Z-csv-stats", "TR-20261126-120001Z-csv-stats");
    assertThat(code(bundle.getBytes(StandardCharsets.UTF_8), Requests.parse(reissued)))
        .isEqualTo("approval.digest_mismatch");
    // an approval whose digest matches but names another request id
    String lying = Approver.of("j.doe", doe).approve(
        Approval.builder().requestName("TR-test.md").requestSha256(Sha256.hex(requestBytes))
            .requestId("TR-20261126-120001Z-csv-stats").approver("j.doe").approvedAt(SIGNED).build());
    assertThat(code(lying)).isEqualTo("approval.id_mismatch");
  }

  @Test
  void aKeyNobodyTrustsIsUntrusted() throws Exception {
    assertThat(code(approve(mallory, "j.doe", request))).isEqualTo("approval.untrusted_key");
    ApprovalVerifier nobody = ApprovalVerifier.builder(Approvers.builder().build()).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    assertThat(nobody.verify(approve(doe, "j.doe", request).getBytes(StandardCharsets.UTF_8), request).verified()).isFalse();
  }

  @Test
  void aMalloryBundleThatNamesATrustedKeyHasAnInvalidSignature() throws Exception {
    String bundle = approve(mallory, "j.doe", request).replace(mallory.keyId(), doe.keyId());
    assertThat(code(bundle)).isEqualTo("approval.signature_invalid");
  }

  @Test
  void aFlippedByteInTheSignatureOrTheStatementBreaksTheSignature() throws Exception {
    String bundle = approve(doe, "j.doe", request);
    SignedEnvelope envelope = SignedEnvelope.read(bundle);
    byte[] signature = envelope.signatures().get(0).signature().clone();
    signature[signature.length - 1] ^= 1;
    assertThat(code(rebuild(envelope.payload(), envelope.payloadType(), signature, doe.keyId())))
        .isEqualTo("approval.signature_invalid");
    byte[] payload = envelope.payload().clone();
    String text = new String(payload, StandardCharsets.UTF_8).replace("\"j.doe\"", "\"j.dof\"");
    assertThat(code(rebuild(text.getBytes(StandardCharsets.UTF_8), envelope.payloadType(), envelope.signatures().get(0).signature(), doe.keyId())))
        .isEqualTo("approval.signature_invalid");
    for (int i = 0; i < payload.length; i += 7) {
      byte[] flipped = envelope.payload().clone();
      flipped[i] ^= 0x01;
      assertThat(code(rebuild(flipped, envelope.payloadType(), envelope.signatures().get(0).signature(), doe.keyId())))
          .as("payload byte %d", i).isEqualTo("approval.signature_invalid");
    }
    // the payload type is signed too
    assertThat(code(rebuild(envelope.payload(), "application/json", envelope.signatures().get(0).signature(), doe.keyId())))
        .isIn("approval.malformed", "approval.signature_invalid");
  }

  @Test
  void theKeysOwnerTheApproverAndApprovedByMustBeOneName() throws Exception {
    // r.roe's key signs an approval that says j.doe approved
    String asDoe = Approver.of("j.doe", roe).approve(request, SIGNED);
    assertThat(code(asDoe)).isEqualTo("approval.approver_mismatch");
    // r.roe signs as r.roe a request whose approved_by is j.doe
    String asRoe = Approver.of("r.roe", roe).approve(
        Approval.builder().requestName("TR-test.md").requestSha256(Sha256.hex(requestBytes))
            .requestId(request.requestId()).approver("r.roe").approvedAt(SIGNED).build());
    assertThat(code(asRoe)).isEqualTo("approval.approver_mismatch");
  }

  @Test
  void anApproverSignsOnlyInTheirOwnName() {
    assertThatThrownBy(() -> Approver.of("r.roe", roe).approve(request, SIGNED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("j.doe");
  }

  @Test
  void anOldApprovalExpiresAndAFutureOneIsRefused() throws Exception {
    String bundle = approve(doe, "j.doe", request);
    ApprovalVerifier later = ApprovalVerifier.builder(approvers)
        .clock(Clock.fixed(SIGNED.plus(ApprovalVerifier.DEFAULT_MAX_AGE).plusSeconds(1), ZoneOffset.UTC)).build();
    assertThat(((ApprovalCheck.Refused) later.verify(bundle.getBytes(StandardCharsets.UTF_8), request)).violation().code())
        .isEqualTo("approval.expired");
    ApprovalVerifier atTheLimit = ApprovalVerifier.builder(approvers)
        .clock(Clock.fixed(SIGNED.plus(ApprovalVerifier.DEFAULT_MAX_AGE), ZoneOffset.UTC)).build();
    assertThat(atTheLimit.verify(bundle.getBytes(StandardCharsets.UTF_8), request).verified()).isTrue();
    ApprovalVerifier strict = ApprovalVerifier.builder(approvers).maxAge(Duration.ofMinutes(30))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    assertThat(strict.verify(bundle.getBytes(StandardCharsets.UTF_8), request).verified()).isFalse();

    ApprovalVerifier earlier = ApprovalVerifier.builder(approvers)
        .clock(Clock.fixed(SIGNED.minus(ApprovalVerifier.CLOCK_SKEW).minusSeconds(1), ZoneOffset.UTC)).build();
    assertThat(((ApprovalCheck.Refused) earlier.verify(bundle.getBytes(StandardCharsets.UTF_8), request)).violation().code())
        .isEqualTo("approval.in_future");
    ApprovalVerifier skewed = ApprovalVerifier.builder(approvers)
        .clock(Clock.fixed(SIGNED.minus(ApprovalVerifier.CLOCK_SKEW), ZoneOffset.UTC)).build();
    assertThat(skewed.verify(bundle.getBytes(StandardCharsets.UTF_8), request).verified()).isTrue();
    assertThatThrownBy(() -> ApprovalVerifier.builder(approvers).maxAge(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void whatIsNotASignedApprovalIsMalformed() throws Exception {
    assertThat(code("")).isEqualTo("approval.malformed");
    assertThat(code("{}")).isEqualTo("approval.malformed");
    assertThat(code(new byte[] {'{', (byte) 0xff, '}'}, request)).isEqualTo("approval.malformed");
    // a signed statement of another predicate, by a trusted key
    byte[] other = Statement.write(List.of(new Statement.Subject("TR-test.md", Sha256.hex(requestBytes))),
        "https://slsa.dev/provenance/v1", json -> json.member("x", "y"));
    assertThat(code(SignedEnvelope.sign(SignedEnvelope.IN_TOTO, other, doe))).isEqualTo("approval.malformed");
    // the approval statement in an envelope of another payload type
    Approval approval = Approval.builder().requestName("TR-test.md").requestSha256(Sha256.hex(requestBytes))
        .requestId(request.requestId()).approver("j.doe").approvedAt(SIGNED).build();
    assertThat(code(SignedEnvelope.sign("application/json", ApprovalStatements.write(approval), doe)))
        .isEqualTo("approval.malformed");
    // two signatures
    String bundle = approve(doe, "j.doe", request);
    SignedEnvelope envelope = SignedEnvelope.read(bundle);
    String sig = Base64.getEncoder().encodeToString(envelope.signatures().get(0).signature());
    String twice = bundle.replace("\"signatures\": [", "\"signatures\": [{\"sig\": \"" + sig + "\"},");
    assertThat(code(twice)).isEqualTo("approval.malformed");
    assertThat(code(" ".repeat(ApprovalVerifier.MAX_BUNDLE_BYTES + 1))).isEqualTo("approval.malformed");
  }

  @Test
  void approvalsRoundTripThroughTheirStatement() {
    Approval approval = Approval.builder().requestName("TR-\"odd\".md").requestSha256(Sha256.hex(requestBytes))
        .requestId(request.requestId()).approver("j.doe").approvedAt(SIGNED)
        .policySha256(Sha256.hex(new byte[0])).build();
    assertThat(ApprovalStatements.read(Statement.read(ApprovalStatements.write(approval)))).isEqualTo(approval);
    assertThatThrownBy(() -> Approval.builder().requestName("x").requestSha256("ABC").requestId("i").approver("a").approvedAt(SIGNED).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Approval.builder().requestName("x").requestSha256(Sha256.hex(requestBytes)).requestId(" ").approver("a").approvedAt(SIGNED).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsATrustStoreDirectory() throws Exception {
    Path store = Files.createDirectory(dir.resolve("approvers"));
    Files.writeString(store.resolve("j.doe.pub"), Keys.publicKeyPem(doeKeys.getPublic()));
    Files.createDirectory(store.resolve("r.roe"));
    Files.writeString(store.resolve("r.roe").resolve("laptop.pub"), Keys.publicKeyPem(roeKeys.getPublic()));
    Files.writeString(store.resolve("README"), "ignored");
    Approvers read = Approvers.read(store);
    assertThat(read.keys()).extracting(Approvers.TrustedKey::approver).containsExactlyInAnyOrder("j.doe", "r.roe");
    assertThat(read.byKeyId(doe.keyId()).orElseThrow().approver()).isEqualTo("j.doe");
    assertThat(read.byKeyId(roe.keyId()).orElseThrow().approver()).isEqualTo("r.roe");

    Files.writeString(store.resolve("r.roe").resolve("again.pub"), Keys.publicKeyPem(doeKeys.getPublic()));
    assertThatThrownBy(() -> Approvers.read(store)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trusted already");
    Files.delete(store.resolve("r.roe").resolve("again.pub"));
    Files.createSymbolicLink(store.resolve("m.pub"), store.resolve("j.doe.pub"));
    assertThatThrownBy(() -> Approvers.read(store)).hasMessageContaining("not a regular file");
    Files.delete(store.resolve("m.pub"));
    Files.writeString(store.resolve("bad name.pub"), Keys.publicKeyPem(malloryKeys.getPublic()));
    assertThatThrownBy(() -> Approvers.read(store)).hasMessageContaining("not an approver name");
    Files.delete(store.resolve("bad name.pub"));
    Files.writeString(store.resolve("x.pub"), "garbage");
    assertThatThrownBy(() -> Approvers.read(store)).isInstanceOf(KeyFormatException.class).hasMessageContaining("x.pub");
  }

  private static String rebuild(byte[] payload, String payloadType, byte[] signature, String keyId) {
    Base64.Encoder base64 = Base64.getEncoder();
    return JsonWriter.compact().beginObject()
        .member("mediaType", SignedEnvelope.BUNDLE_V03)
        .name("verificationMaterial").beginObject().name("publicKey").beginObject().member("hint", keyId).endObject().endObject()
        .name("dsseEnvelope").beginObject()
        .member("payload", base64.encodeToString(payload))
        .member("payloadType", payloadType)
        .name("signatures").beginArray().beginObject().member("sig", base64.encodeToString(signature)).member("keyid", keyId).endObject().endArray()
        .endObject().endObject().toJson();
  }
}
