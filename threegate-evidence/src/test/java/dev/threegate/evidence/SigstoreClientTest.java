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
package dev.threegate.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.threegate.Outcome;
import dev.threegate.ToolExecPipeline;
import dev.threegate.request.ToolRequest;
import dev.threegate.request.ToolRequestParser;
import dev.threegate.result.ToolResultWriter;
import dev.threegate.result.WrittenResult;
import dev.threegate.testkit.FakeExecutor;
import dev.threegate.testkit.ToolRequests;
import dev.threegate.trust.Approver;
import dev.threegate.trust.KeyAlgorithm;
import dev.threegate.trust.Keys;
import dev.threegate.trust.Signer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The gate's signed approvals and attested results verify in Sigstore's own JavaScript client ({@code @sigstore/verify},
 * offline, with the public key and no log or timestamp), and every tampered copy fails there too.
 * The client lives in {@code src/test/node/sigstore}; {@code npm ci} there installs it ({@code
 * .ci/run} does). Without it the test is skipped, except in CI, where it fails.
 */
class SigstoreClientTest {
  private static final Path CLIENT = Path.of("src/test/node/sigstore");

  @TempDir Path dir;

  @BeforeAll
  static void clientInstalled() {
    boolean installed = Files.isDirectory(CLIENT.resolve("node_modules/@sigstore/verify"));
    if (!installed && "true".equals(System.getenv("CI"))) {
      fail("Sigstore's client is not installed: run npm ci in " + CLIENT.toAbsolutePath());
    }
    assumeTrue(installed, "Sigstore's JavaScript client is not installed (npm ci in " + CLIENT + ")");
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void anApprovalVerifiesInSigstoresClientAndNoTamperedCopyDoes(KeyAlgorithm algorithm) throws Exception {
    KeyPair keys = Keys.generate(algorithm);
    Path publicKey = Files.writeString(dir.resolve("j.doe.pub"), Keys.publicKeyPem(keys.getPublic()));
    Path otherKey = Files.writeString(dir.resolve("other.pub"),
        Keys.publicKeyPem(Keys.generate(algorithm).getPublic()));
    Path request = ToolRequests.valid().writeTo(dir);
    byte[] bytes = Files.readAllBytes(request);
    ToolRequest parsed = ToolRequestParser.standard().parse(request.getFileName().toString(), bytes);
    String bundle = Approver.of("j.doe", Signer.of(keys.getPrivate(), keys.getPublic()))
        .approve(parsed, Instant.now());
    Path bundleFile = Files.writeString(Approver.bundleFile(request), bundle);

    Run good = verify(bundleFile, publicKey, request);
    assertThat(good.exit).as(good.output).isZero();
    assertThat(good.output).contains("https://threegate.dev/approval/v1");

    assertThat(verify(bundleFile, otherKey, request).exit).as("another key").isNotZero();

    Path changedRequest = ToolRequests.valid().command("python3 -VV").writeTo(dir.resolve("changed"));
    assertThat(verify(bundleFile, publicKey, changedRequest).exit).as("other request bytes").isNotZero();

    String payload = field(bundle, "payload");
    byte[] statement = Base64.getDecoder().decode(payload);
    statement[statement.length / 2] ^= 1;
    Path flippedPayload = Files.writeString(dir.resolve("payload.json"),
        bundle.replace(payload, Base64.getEncoder().encodeToString(statement)));
    assertThat(verify(flippedPayload, publicKey, request).exit).as("a flipped statement byte").isNotZero();

    String sig = field(bundle, "sig");
    byte[] signature = Base64.getDecoder().decode(sig);
    signature[signature.length - 1] ^= 1;
    Path flippedSignature = Files.writeString(dir.resolve("sig.json"),
        bundle.replace(sig, Base64.getEncoder().encodeToString(signature)));
    assertThat(verify(flippedSignature, publicKey, request).exit).as("a flipped signature byte").isNotZero();
  }

  @org.junit.jupiter.api.Test
  void anAttestedResultVerifiesInSigstoresClientWithEveryFileAndNoTamperedOneDoes() throws Exception {
    KeyPair gateKeys = Keys.generate(KeyAlgorithm.ECDSA_P256);
    Path gatePub = Files.writeString(dir.resolve("gate.pub"), Keys.publicKeyPem(gateKeys.getPublic()));
    Path request = ToolRequests.valid().writeTo(dir.resolve("requests"));
    Outcome outcome = ToolExecPipeline.builder()
        .executor(FakeExecutor.builder().stdout("column a: mean 3.5\n").build())
        .workDirectory(Files.createDirectories(dir.resolve("work")))
        .writer(ToolResultWriter.attested(Clock.systemUTC(), Signer.of(gateKeys.getPrivate(), gateKeys.getPublic()),
            "https://gate.example.com/threegate"))
        .build().run(request, dir.resolve("results"));
    assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
    WrittenResult written = ((Outcome.Accepted) outcome).written();
    Path attestation = written.resultFile().resolveSibling(written.resultId() + ".sigstore.json");
    List<Path> files = new ArrayList<>();
    files.add(written.resultFile());
    files.addAll(written.artifacts());

    Run good = verify(attestation, gatePub, files.toArray(Path[]::new));
    assertThat(good.exit).as(good.output).isZero();
    assertThat(good.output).contains("https://slsa.dev/provenance/v1");
    String bundle = Files.readString(attestation);
    String payload = field(bundle, "payload");
    byte[] statement = Base64.getDecoder().decode(payload);
    statement[statement.length / 2] ^= 1;
    Files.writeString(attestation, bundle.replace(payload, Base64.getEncoder().encodeToString(statement)));
    assertThat(verify(attestation, gatePub, files.toArray(Path[]::new)).exit).as("a flipped statement byte").isNotZero();
    String sig = field(bundle, "sig");
    byte[] signature = Base64.getDecoder().decode(sig);
    signature[signature.length - 1] ^= 1;
    Files.writeString(attestation, bundle.replace(sig, Base64.getEncoder().encodeToString(signature)));
    assertThat(verify(attestation, gatePub, files.toArray(Path[]::new)).exit).as("a flipped signature byte").isNotZero();
    Files.writeString(attestation, bundle);
    for (Path file : files) {
      byte[] before = Files.readAllBytes(file);
      byte[] changed = before.length == 0 ? new byte[] {'x'} : before.clone();
      changed[changed.length / 2] ^= 1;
      Files.write(file, changed);
      assertThat(verify(attestation, gatePub, files.toArray(Path[]::new)).exit).as("tampered " + file.getFileName()).isNotZero();
      Files.write(file, before);
    }
  }

  /** The value of the first {@code "name": "…"} member of the bundle's text. */
  private static String field(String json, String name) {
    int at = json.indexOf("\"" + name + "\": \"") + name.length() + 5;
    return json.substring(at, json.indexOf('"', at));
  }

  private record Run(int exit, String output) {}

  private Run verify(Path bundle, Path key, Path... files) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("node", "verify.mjs", bundle.toAbsolutePath().toString(), key.toAbsolutePath().toString()));
    for (Path file : files) {
      command.add(file.toAbsolutePath().toString());
    }
    Path log = dir.resolve("node.log");
    Process process = new ProcessBuilder(command).directory(CLIENT.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("node did not finish in 120 s");
    }
    return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
