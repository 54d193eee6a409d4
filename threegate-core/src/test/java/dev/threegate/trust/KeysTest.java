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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeysTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void writesAndReadsBackPemKeysThatSign(KeyAlgorithm algorithm) throws Exception {
    KeyPair pair = Keys.generate(algorithm);
    String privatePem = Keys.privateKeyPem(pair.getPrivate());
    String publicPem = Keys.publicKeyPem(pair.getPublic());
    assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
    assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
    assertThat(publicPem.lines()).allMatch(line -> line.length() <= 64);

    Signer signer = Signer.of(Keys.readPrivateKey(privatePem), Keys.readPublicKey(publicPem));
    byte[] message = "the exact bytes".getBytes(StandardCharsets.UTF_8);
    byte[] signature = signer.sign(message);
    assertThat(Keys.verify(pair.getPublic(), message, signature)).isTrue();
    assertThat(Keys.verify(pair.getPublic(), "other bytes".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
    assertThat(Keys.verify(Keys.generate(algorithm).getPublic(), message, signature)).isFalse();
    assertThat(Keys.verify(pair.getPublic(), message, new byte[] {1, 2, 3})).isFalse();
    assertThat(Keys.algorithm(pair.getPublic())).contains(algorithm);
    assertThat(Keys.algorithm(pair.getPrivate())).contains(algorithm);
  }

  @Test
  void anEcdsaSignatureOfZerosOrOutOfRangeNeverVerifies() throws Exception {
    KeyPair pair = Keys.generate(KeyAlgorithm.ECDSA_P256);
    byte[] message = "m".getBytes(StandardCharsets.UTF_8);
    // r = s = 0, the "psychic signature" some runtimes accepted
    assertThat(Keys.verify(pair.getPublic(), message, new byte[] {0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00})).isFalse();
    byte[] good = Signer.of(pair.getPrivate(), pair.getPublic()).sign(message);
    assertThat(Keys.wellFormedEcdsa(good)).isTrue();
    byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
    assertThat(Keys.wellFormedEcdsa(trailing)).isFalse();
    java.math.BigInteger n = ((java.security.interfaces.ECKey) pair.getPublic()).getParams().getOrder();
    byte[] order = n.toByteArray();
    byte[] rIsN = new byte[6 + 2 * order.length];
    rIsN[0] = 0x30;
    rIsN[1] = (byte) (rIsN.length - 2);
    rIsN[2] = 0x02;
    rIsN[3] = (byte) order.length;
    System.arraycopy(order, 0, rIsN, 4, order.length);
    rIsN[4 + order.length] = 0x02;
    rIsN[5 + order.length] = (byte) order.length;
    System.arraycopy(order, 0, rIsN, 6 + order.length, order.length);
    assertThat(Keys.wellFormedEcdsa(rIsN)).isFalse();
  }

  @Test
  void theKeyIdIsTheSha256OfThePublicKeysDer() throws Exception {
    KeyPair pair = Keys.generate(KeyAlgorithm.ECDSA_P256);
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pair.getPublic().getEncoded()));
    assertThat(Keys.keyId(pair.getPublic())).isEqualTo(expected).matches("[0-9a-f]{64}");
    assertThat(Signer.of(pair.getPrivate(), pair.getPublic()).keyId()).isEqualTo(expected);
  }

  @Test
  void refusesKeysOfOtherKinds() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPair rsaPair = rsa.generateKeyPair();
    String rsaPublic = "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(rsaPair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    assertThatThrownBy(() -> Keys.readPublicKey(rsaPublic)).isInstanceOf(KeyFormatException.class);
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp384r1"));
    KeyPair p384 = ec.generateKeyPair();
    String p384Public = "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(p384.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    assertThatThrownBy(() -> Keys.readPublicKey(p384Public)).isInstanceOf(KeyFormatException.class);
    assertThat(Keys.algorithm(p384.getPublic())).isEmpty();
    assertThatThrownBy(() -> Keys.publicKeyPem(rsaPair.getPublic())).isInstanceOf(KeyFormatException.class);
    assertThatThrownBy(() -> Signer.of(rsaPair.getPrivate(), rsaPair.getPublic())).isInstanceOf(KeyFormatException.class);
    assertThatThrownBy(() -> Approvers.builder().trust("j.doe", p384.getPublic())).isInstanceOf(KeyFormatException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not a key",
        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
        "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n",
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
      })
  void refusesWhatIsNotAPublicKey(String pem) {
    assertThatThrownBy(() -> Keys.readPublicKey(pem)).isInstanceOf(KeyFormatException.class);
  }

  @Test
  void refusesTwoKeysInOneFileAndSaysHowToConvertOtherForms() {
    String pem = Keys.publicKeyPem(Keys.generate(KeyAlgorithm.ED25519).getPublic());
    assertThatThrownBy(() -> Keys.readPublicKey(pem + pem)).hasMessageContaining("more than one");
    assertThatThrownBy(() -> Keys.readPrivateKey("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n"))
        .hasMessageContaining("decrypt it first");
    assertThatThrownBy(() -> Keys.readPrivateKey("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n"))
        .hasMessageContaining("openssl pkcs8 -topk8");
    assertThatThrownBy(() -> Keys.readPublicKey("x".repeat(20_000))).hasMessageContaining("larger");
  }

  @Test
  void refusesAPublicKeyThatIsNotThePrivateKeysPair() {
    KeyPair one = Keys.generate(KeyAlgorithm.ECDSA_P256);
    KeyPair other = Keys.generate(KeyAlgorithm.ECDSA_P256);
    assertThatThrownBy(() -> Signer.of(one.getPrivate(), other.getPublic()))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("not the private key's pair");
    KeyPair ed = Keys.generate(KeyAlgorithm.ED25519);
    assertThatThrownBy(() -> Signer.of(one.getPrivate(), ed.getPublic()))
        .isInstanceOf(KeyFormatException.class);
  }

  @Test
  void readsKeysMadeByOpenssl() throws Exception {
    assumeTrue(commandWorks("openssl", "version"), "openssl is not installed here");
    for (List<String> genpkey :
        List.of(
            List.of("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"),
            List.of("openssl", "genpkey", "-algorithm", "ED25519"))) {
      Path key = dir.resolve("k.pem");
      Path pub = dir.resolve("k.pub");
      Path der = dir.resolve("k.der");
      run(concat(genpkey, List.of("-out", key.toString())));
      run(List.of("openssl", "pkey", "-in", key.toString(), "-pubout", "-out", pub.toString()));
      run(List.of("openssl", "pkey", "-in", key.toString(), "-pubout", "-outform", "DER", "-out", der.toString()));
      Signer signer = Signer.of(Keys.readPrivateKey(key), Keys.readPublicKey(pub));
      assertThat(signer.keyId())
          .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(der))));

      // openssl verifies what the JDK signed
      Path message = Files.writeString(dir.resolve("m"), "message");
      Path sig = dir.resolve("m.sig");
      Files.write(sig, signer.sign(Files.readAllBytes(message)));
      List<String> verify =
          genpkey.contains("ED25519")
              ? List.of("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", pub.toString(), "-rawin", "-in", message.toString(), "-sigfile", sig.toString())
              : List.of("openssl", "dgst", "-sha256", "-verify", pub.toString(), "-signature", sig.toString(), message.toString());
      run(verify);
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static boolean commandWorks(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
  }
}
