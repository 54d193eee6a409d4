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

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Objects;

/**
 * Signs bytes with one key: what approvals and attested results are signed with. The library's own
 * {@link #of(PrivateKey, PublicKey)} signs with a key in memory; a host backs this interface with
 * its own key store, a hardware module or a signing service, and the private key never reaches the
 * library.
 *
 * <p>Signatures are those Sigstore bundles carry: ASN.1 DER ECDSA over SHA-256 for {@link
 * KeyAlgorithm#ECDSA_P256} keys, 64-byte Ed25519 signatures for {@link KeyAlgorithm#ED25519}.
 * Implementations must be thread-safe.
 */
public interface Signer {

  /**
   * The public half of the signing key, which verifiers trust.
   *
   * @return a key of a {@link KeyAlgorithm}
   */
  PublicKey publicKey();

  /**
   * Signs a message.
   *
   * @param message the exact bytes to sign
   * @return the signature
   * @throws GeneralSecurityException if the key cannot sign
   */
  byte[] sign(byte[] message) throws GeneralSecurityException;

  /**
   * The key's id: {@link Keys#keyId(PublicKey)} of {@link #publicKey()}.
   *
   * @return 64 lowercase hex digits
   */
  default String keyId() {
    return Keys.keyId(publicKey());
  }

  /**
   * A signer with a key pair in memory. The halves are checked to belong together by signing a
   * random message and verifying it, so a wrong public key file fails here, not at verification.
   *
   * @param privateKey the private key
   * @param publicKey its public key
   * @return a thread-safe signer
   * @throws KeyFormatException if a key is not of a {@link KeyAlgorithm}, or the two do not form
   *     a pair
   */
  static Signer of(PrivateKey privateKey, PublicKey publicKey) {
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(publicKey, "publicKey");
    KeyAlgorithm algorithm =
        Keys.algorithm(privateKey)
            .orElseThrow(() -> new KeyFormatException("not an ECDSA P-256 or Ed25519 private key"));
    if (Keys.algorithm(publicKey).orElse(null) != algorithm) {
      throw new KeyFormatException("the public key is not of the private key's algorithm");
    }
    Signer signer =
        new Signer() {
          @Override
          public PublicKey publicKey() {
            return publicKey;
          }

          @Override
          public byte[] sign(byte[] message) throws GeneralSecurityException {
            Signature signature = Signature.getInstance(algorithm.signatureAlgorithm());
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
          }

          @Override
          public String toString() {
            return "Signer[" + algorithm + ", key " + keyId() + "]";
          }
        };
    byte[] probe = new byte[32];
    new SecureRandom().nextBytes(probe);
    try {
      if (!Keys.verify(publicKey, probe, signer.sign(probe))) {
        throw new KeyFormatException("the public key is not the private key's pair");
      }
    } catch (GeneralSecurityException e) {
      throw new KeyFormatException("the private key cannot sign: " + e.getMessage());
    }
    return signer;
  }
}
