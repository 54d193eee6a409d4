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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signing keys as files: generation, PEM reading and writing in the forms OpenSSL uses (private
 * keys PKCS#8 {@code PRIVATE KEY}, public keys SubjectPublicKeyInfo {@code PUBLIC KEY}; keys made
 * by {@code openssl genpkey} and {@code openssl pkey -pubout} read as they are), and key ids. Only
 * the algorithms of {@link KeyAlgorithm} are accepted: an RSA key or an EC key on another curve is
 * refused, never used. Everything comes from the JDK's own providers.
 */
public final class Keys {
  private static final Pattern PEM =
      Pattern.compile(
          "-----BEGIN ([A-Z ]+)-----\\r?\\n([A-Za-z0-9+/=\\r\\n]+?)\\r?\\n?-----END \\1-----");
  private static final int MAX_PEM_CHARS = 16 * 1024;
  private static final ECParameterSpec P256 = p256();

  private Keys() {}

  /**
   * Generates a key pair.
   *
   * @param algorithm which kind
   * @return a new key pair from the JDK's default secure random source
   */
  public static KeyPair generate(KeyAlgorithm algorithm) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.keyType());
      if (algorithm == KeyAlgorithm.ECDSA_P256) {
        generator.initialize(new ECGenParameterSpec("secp256r1"));
      }
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }

  /**
   * The algorithm a key belongs to.
   *
   * @param key a public or private key
   * @return its algorithm, or empty if it is not one this library signs or verifies with (an RSA
   *     key, an EC key on another curve, an Ed448 key)
   */
  public static Optional<KeyAlgorithm> algorithm(Key key) {
    if (key instanceof ECKey ec && sameCurve(ec.getParams(), P256)) {
      return Optional.of(KeyAlgorithm.ECDSA_P256);
    }
    if (key instanceof java.security.interfaces.EdECKey ed
        && ed.getParams().getName().equalsIgnoreCase("Ed25519")) {
      return Optional.of(KeyAlgorithm.ED25519);
    }
    return Optional.empty();
  }

  /**
   * A public key's id: the lowercase hex SHA-256 of its SubjectPublicKeyInfo DER encoding, as
   * Sigstore bundles hint at keys.
   *
   * @param key the public key
   * @return 64 lowercase hex digits
   */
  public static String keyId(PublicKey key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /**
   * Reads a public key from PEM text ({@code -----BEGIN PUBLIC KEY-----}).
   *
   * @param pem the text; anything around the one PEM block is ignored
   * @return the key
   * @throws KeyFormatException if there is no such block, it is not a key, or the key is not of a
   *     {@link KeyAlgorithm}
   */
  public static PublicKey readPublicKey(String pem) {
    byte[] der = block(pem, "PUBLIC KEY");
    for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
      try {
        PublicKey key =
            KeyFactory.getInstance(algorithm.keyType()).generatePublic(new X509EncodedKeySpec(der));
        return supported(key);
      } catch (InvalidKeySpecException | NoSuchAlgorithmException e) {
        // not this algorithm's key; try the next
      }
    }
    throw new KeyFormatException("not an ECDSA P-256 or Ed25519 public key");
  }

  /**
   * Reads a private key from PEM text ({@code -----BEGIN PRIVATE KEY-----}, unencrypted PKCS#8).
   *
   * @param pem the text; anything around the one PEM block is ignored
   * @return the key
   * @throws KeyFormatException if there is no such block (an encrypted or a traditional
   *     {@code EC PRIVATE KEY} block is named as such), it is not a key, or the key is not of a
   *     {@link KeyAlgorithm}
   */
  public static PrivateKey readPrivateKey(String pem) {
    if (pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
      throw new KeyFormatException(
          "an encrypted private key; decrypt it first (openssl pkey -in K -out K.plain)");
    }
    if (pem.contains("-----BEGIN EC PRIVATE KEY-----")) {
      throw new KeyFormatException(
          "a traditional EC key; convert it to PKCS#8 first (openssl pkcs8 -topk8 -nocrypt)");
    }
    byte[] der = block(pem, "PRIVATE KEY");
    for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
      try {
        PrivateKey key =
            KeyFactory.getInstance(algorithm.keyType()).generatePrivate(new PKCS8EncodedKeySpec(der));
        return supported(key);
      } catch (InvalidKeySpecException | NoSuchAlgorithmException e) {
        // not this algorithm's key; try the next
      }
    }
    throw new KeyFormatException("not an ECDSA P-256 or Ed25519 private key");
  }

  /**
   * Reads a public key from a PEM file.
   *
   * @param file the file
   * @return the key
   * @throws IOException if the file cannot be read
   * @throws KeyFormatException as {@link #readPublicKey(String)}, naming the file
   */
  public static PublicKey readPublicKey(Path file) throws IOException {
    String pem = readPem(file);
    try {
      return readPublicKey(pem);
    } catch (KeyFormatException e) {
      throw new KeyFormatException(file + ": " + e.getMessage());
    }
  }

  /**
   * Reads a private key from a PEM file.
   *
   * @param file the file
   * @return the key
   * @throws IOException if the file cannot be read
   * @throws KeyFormatException as {@link #readPrivateKey(String)}, naming the file
   */
  public static PrivateKey readPrivateKey(Path file) throws IOException {
    String pem = readPem(file);
    try {
      return readPrivateKey(pem);
    } catch (KeyFormatException e) {
      throw new KeyFormatException(file + ": " + e.getMessage());
    }
  }

  /**
   * A public key as PEM ({@code -----BEGIN PUBLIC KEY-----}, SubjectPublicKeyInfo).
   *
   * @param key the key
   * @return the PEM text, ending with a newline
   */
  public static String publicKeyPem(PublicKey key) {
    return pem("PUBLIC KEY", supported(key).getEncoded());
  }

  /**
   * A private key as PEM ({@code -----BEGIN PRIVATE KEY-----}, unencrypted PKCS#8).
   *
   * @param key the key
   * @return the PEM text, ending with a newline
   */
  public static String privateKeyPem(PrivateKey key) {
    return pem("PRIVATE KEY", supported(key).getEncoded());
  }

  /**
   * Whether a signature over a message verifies under a public key, with the key's algorithm.
   *
   * @param key the public key; of a {@link KeyAlgorithm}
   * @param message the signed bytes
   * @param signature the signature (ASN.1 DER for ECDSA, 64 bytes for Ed25519)
   * @return true only if it verifies; a malformed signature does not
   */
  public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
    KeyAlgorithm algorithm =
        algorithm(key).orElseThrow(() -> new KeyFormatException("unsupported key"));
    if (algorithm == KeyAlgorithm.ECDSA_P256 && !wellFormedEcdsa(signature)) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance(algorithm.signatureAlgorithm());
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Whether an ECDSA signature is the DER SEQUENCE of two INTEGERs r and s with 0 < r, s < n, the
   * curve's order: checked here as well as by the JDK, so that a runtime that accepts r = s = 0
   * (CVE-2022-21449, Java 17.0.0 to 17.0.2) still refuses it.
   */
  static boolean wellFormedEcdsa(byte[] signature) {
    if (signature.length < 8 || signature.length > 72 || signature[0] != 0x30
        || (signature[1] & 0xff) != signature.length - 2) {
      return false;
    }
    int at = 2;
    for (int i = 0; i < 2; i++) {
      if (at + 2 > signature.length || signature[at] != 0x02) {
        return false;
      }
      int length = signature[at + 1] & 0xff;
      at += 2;
      if (length == 0 || length > 33 || at + length > signature.length) {
        return false;
      }
      java.math.BigInteger value = new java.math.BigInteger(java.util.Arrays.copyOfRange(signature, at, at + length));
      if (value.signum() <= 0 || value.compareTo(P256.getOrder()) >= 0) {
        return false;
      }
      at += length;
    }
    return at == signature.length;
  }

  private static <K extends Key> K supported(K key) {
    if (algorithm(key).isEmpty()) {
      throw new KeyFormatException("not an ECDSA P-256 or Ed25519 key");
    }
    return key;
  }

  private static String readPem(Path file) throws IOException {
    if (Files.size(file) > MAX_PEM_CHARS) {
      throw new KeyFormatException(file + ": larger than a PEM key file can be");
    }
    return Files.readString(file, StandardCharsets.US_ASCII);
  }

  private static byte[] block(String pem, String label) {
    if (pem.length() > MAX_PEM_CHARS) {
      throw new KeyFormatException("larger than a PEM key can be");
    }
    Matcher matcher = PEM.matcher(pem);
    byte[] found = null;
    while (matcher.find()) {
      if (matcher.group(1).equals(label)) {
        if (found != null) {
          throw new KeyFormatException("more than one " + label + " block");
        }
        try {
          found = Base64.getMimeDecoder().decode(matcher.group(2));
        } catch (IllegalArgumentException e) {
          throw new KeyFormatException("the " + label + " block is not base64");
        }
      }
    }
    if (found == null) {
      throw new KeyFormatException("no -----BEGIN " + label + "----- block");
    }
    return found;
  }

  private static String pem(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  private static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
    return a.getCurve().equals(b.getCurve())
        && a.getGenerator().equals(b.getGenerator())
        && a.getOrder().equals(b.getOrder())
        && a.getCofactor() == b.getCofactor();
  }

  private static ECParameterSpec p256() {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec("secp256r1"));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks P-256", e);
    }
  }
}
