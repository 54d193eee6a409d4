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
package dev.threegate.internal.trust;

import dev.threegate.internal.json.JsonException;
import dev.threegate.internal.json.JsonObject;
import dev.threegate.internal.json.JsonReader;
import dev.threegate.internal.json.JsonWriter;
import dev.threegate.trust.Keys;
import dev.threegate.trust.Signer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DSSE envelopes in Sigstore bundles v0.3: the signature covers {@code PAE(payloadType, payload)}
 * of the payload's exact bytes, never a re-serialisation; the bundle names the key by its id in
 * {@code verificationMaterial.publicKey.hint} and carries no transparency-log entry, so it
 * verifies offline with a public key (Sigstore's clients with zero log and timestamp thresholds).
 *
 * @param payloadType the envelope's payload type
 * @param payload the payload's bytes, as signed
 * @param signatures the envelope's signatures, at least one
 * @param hint the bundle's key hint, if any
 */
public record SignedEnvelope(
    String payloadType, byte[] payload, List<EnvelopeSignature> signatures, Optional<String> hint) {

  /** The bundle media type written and accepted. */
  public static final String BUNDLE_V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";

  /** The payload type of in-toto statements. */
  public static final String IN_TOTO = "application/vnd.in-toto+json";

  /**
   * One signature of an envelope.
   *
   * @param keyId the key id the signature names, possibly empty
   * @param signature the signature's bytes
   */
  public record EnvelopeSignature(String keyId, byte[] signature) {}

  /**
   * The trusted key that made this envelope's one signature over {@code PAE(payloadType,
   * payload)}: the key the bundle names (by its hint, else the signature's key id) when that key
   * is trusted, and then only that key; otherwise whichever trusted key verifies it.
   *
   * @param trusted the trusted keys by key id
   * @return the verifying key's id; or, when none verifies, the id of the trusted key the bundle
   *     named, if it named one
   */
  public KeyMatch match(Map<String, PublicKey> trusted) {
    byte[] signed = pae(payloadType, payload);
    byte[] signature = signatures.get(0).signature();
    Optional<String> named = hint.filter(trusted::containsKey)
        .or(() -> Optional.of(signatures.get(0).keyId()).filter(trusted::containsKey));
    if (named.isPresent()) {
      return new KeyMatch(Keys.verify(trusted.get(named.get()), signed, signature) ? named : Optional.empty(), named);
    }
    return new KeyMatch(trusted.entrySet().stream()
        .filter(key -> Keys.verify(key.getValue(), signed, signature))
        .map(Map.Entry::getKey)
        .findFirst(), Optional.empty());
  }

  /**
   * Which trusted key made a signature.
   *
   * @param verifiedBy the id of the trusted key that verifies it, if any
   * @param named the id of the trusted key the bundle names, if it names one
   */
  public record KeyMatch(Optional<String> verifiedBy, Optional<String> named) {}

  /**
   * DSSE's pre-authentication encoding: {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP
   * body}, lengths as ASCII decimal byte counts.
   *
   * @param payloadType the payload type
   * @param payload the payload
   * @return the bytes a signature covers
   */
  public static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + type.length + 32);
    out.writeBytes(
        ("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(type);
    out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(payload);
    return out.toByteArray();
  }

  /**
   * Signs a payload and writes the Sigstore bundle holding it.
   *
   * @param payloadType the payload type
   * @param payload the exact bytes to sign
   * @param signer the key
   * @return the bundle's JSON, indented, ending with a newline
   * @throws GeneralSecurityException if the signer cannot sign
   */
  public static String sign(String payloadType, byte[] payload, Signer signer)
      throws GeneralSecurityException {
    byte[] signature = signer.sign(pae(payloadType, payload));
    String keyId = signer.keyId();
    return new SignedEnvelope(payloadType, payload, List.of(new EnvelopeSignature(keyId, signature)), Optional.of(keyId))
        .toBundle();
  }

  /**
   * This envelope as a Sigstore bundle in this library's one canonical form: the members {@link
   * #sign} writes, in its order and layout, and nothing else. A bundle read and written again
   * equals the original only if it was in that form: nothing unsigned rides along in a copy.
   *
   * @return the bundle's JSON, indented, ending with a newline
   */
  public String toBundle() {
    Base64.Encoder base64 = Base64.getEncoder();
    String keyId = hint.orElse("");
    JsonWriter json = JsonWriter.pretty()
            .beginObject()
            .member("mediaType", BUNDLE_V03)
            .name("verificationMaterial")
            .beginObject()
            .name("publicKey")
            .beginObject()
            .member("hint", keyId)
            .endObject()
            .name("tlogEntries")
            .beginArray()
            .endArray()
            .endObject()
            .name("dsseEnvelope")
            .beginObject()
            .member("payload", base64.encodeToString(payload))
            .member("payloadType", payloadType)
            .name("signatures")
            .beginArray();
    for (EnvelopeSignature signature : signatures) {
      json.beginObject().member("sig", base64.encodeToString(signature.signature())).member("keyid", signature.keyId()).endObject();
    }
    return json.endArray().endObject().endObject().toJson() + "\n";
  }

  /**
   * Reads a Sigstore bundle v0.3 holding a DSSE envelope. Nothing is verified here but the shape.
   *
   * @param json the bundle's text
   * @return the envelope
   * @throws JsonException if it is not such a bundle: another media type, no envelope, no
   *     signature, base64 that is not base64
   */
  public static SignedEnvelope read(String json) {
    JsonObject bundle = JsonReader.readObject(json);
    String mediaType = bundle.string("mediaType");
    if (!mediaType.equals(BUNDLE_V03)) {
      throw new JsonException("not a Sigstore bundle v0.3: mediaType " + mediaType);
    }
    Optional<String> hint =
        bundle
            .optionalObject("verificationMaterial")
            .flatMap(material -> material.optionalObject("publicKey"))
            .flatMap(key -> key.optionalString("hint"));
    JsonObject envelope = bundle.object("dsseEnvelope");
    List<JsonObject> signatures = envelope.objects("signatures");
    if (signatures.isEmpty()) {
      throw new JsonException("the envelope has no signature");
    }
    return new SignedEnvelope(
        envelope.string("payloadType"),
        base64(envelope.string("payload"), "payload"),
        signatures.stream()
            .map(
                s ->
                    new EnvelopeSignature(
                        s.optionalString("keyid").orElse(""), base64(s.string("sig"), "sig")))
            .toList(),
        hint);
  }

  private static byte[] base64(String text, String what) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new JsonException("\"" + what + "\" is not base64");
    }
  }
}
