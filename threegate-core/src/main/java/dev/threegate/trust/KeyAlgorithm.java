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

/**
 * The signature algorithms approvals and attestations are signed with: those Sigstore's clients
 * verify with a public key, both in the JDK's own providers.
 */
public enum KeyAlgorithm {
  /** ECDSA on NIST P-256 with SHA-256, ASN.1 DER signatures: the default, what cosign generates. */
  ECDSA_P256("EC", "SHA256withECDSA"),
  /** Ed25519 (pure EdDSA). */
  ED25519("Ed25519", "Ed25519");

  private final String keyType;
  private final String signatureAlgorithm;

  KeyAlgorithm(String keyType, String signatureAlgorithm) {
    this.keyType = keyType;
    this.signatureAlgorithm = signatureAlgorithm;
  }

  /**
   * The JCA name of this algorithm's keys ({@code EC}, {@code Ed25519}).
   *
   * @return a key factory and key pair generator algorithm name
   */
  public String keyType() {
    return keyType;
  }

  /**
   * The JCA name of this algorithm's signatures ({@code SHA256withECDSA}, {@code Ed25519}).
   *
   * @return a {@link java.security.Signature} algorithm name
   */
  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }
}
