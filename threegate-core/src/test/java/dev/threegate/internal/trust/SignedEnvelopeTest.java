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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threegate.internal.json.JsonException;
import dev.threegate.internal.json.JsonReader;
import dev.threegate.trust.KeyAlgorithm;
import dev.threegate.trust.Keys;
import dev.threegate.trust.Signer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignedEnvelopeTest {

  @Test
  void preAuthenticationEncodingIsDssesOwn() {
    // The example of the DSSE specification (protocol.md).
    assertThat(new String(SignedEnvelope.pae("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
        .isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
    // lengths are byte counts, not character counts
    assertThat(SignedEnvelope.pae("t", "\u00e9".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("DSSEv1 1 t 2 \u00e9".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void signsAndReadsBackABundleV03() throws Exception {
    KeyPair pair = Keys.generate(KeyAlgorithm.ECDSA_P256);
    Signer signer = Signer.of(pair.getPrivate(), pair.getPublic());
    byte[] payload = "{\"_type\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    String bundle = SignedEnvelope.sign(SignedEnvelope.IN_TOTO, payload, signer);

    var json = JsonReader.readObject(bundle);
    assertThat(json.string("mediaType")).isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
    assertThat(json.object("verificationMaterial").object("publicKey").string("hint")).isEqualTo(signer.keyId());
    assertThat(json.object("verificationMaterial").array("tlogEntries")).isEmpty();

    SignedEnvelope envelope = SignedEnvelope.read(bundle);
    assertThat(envelope.payloadType()).isEqualTo(SignedEnvelope.IN_TOTO);
    assertThat(envelope.payload()).isEqualTo(payload);
    assertThat(envelope.hint()).contains(signer.keyId());
    assertThat(envelope.signatures()).hasSize(1);
    assertThat(envelope.signatures().get(0).keyId()).isEqualTo(signer.keyId());
    assertThat(Keys.verify(pair.getPublic(), SignedEnvelope.pae(envelope.payloadType(), payload), envelope.signatures().get(0).signature())).isTrue();
    // the signature covers the PAE, not the bare payload
    assertThat(Keys.verify(pair.getPublic(), payload, envelope.signatures().get(0).signature())).isFalse();
  }

  @Test
  void refusesWhatIsNotABundleV03WithAnEnvelope() {
    for (String bundle :
        List.of(
            "{}",
            "{\"mediaType\":\"application/vnd.dev.sigstore.bundle+json;version=0.2\",\"dsseEnvelope\":{}}",
            "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\"}",
            "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"dsseEnvelope\":{\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":[]}}",
            "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"dsseEnvelope\":{\"payload\":\"!!\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AA==\"}]}}",
            "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"dsseEnvelope\":{\"payload\":\"AA==\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"A A\"}]}}",
            "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"dsseEnvelope\":{\"payload\":\"AA==\",\"payloadType\":\"t\",\"signatures\":[\"AA==\"]}}")) {
      assertThatThrownBy(() -> SignedEnvelope.read(bundle)).as(bundle).isInstanceOf(JsonException.class);
    }
  }
}
