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
package dev.threegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.testkit.SmolvmSimulator;
import dev.threegate.testkit.ToolRequests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --backend smolvm} and smolvm's place in {@code auto}, on the smolvm simulator. */
class SmolvmBackendTest {
  @TempDir Path temp;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    out.reset();
    err.reset();
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of("PATH", "/usr/bin:/bin"));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Path simulator() {
    return SmolvmSimulator.install(temp.resolve("bin"));
  }

  private List<Path> results() throws IOException {
    if (!Files.isDirectory(temp.resolve("results"))) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(temp.resolve("results"))) {
      return files.filter(p -> p.getFileName().toString().endsWith(".md")).toList();
    }
  }

  @Test
  void runsARequestNamingSmolvmOnSmolvm() throws IOException {
    Path request = ToolRequests.valid().requestId("TR-smolvm").backend("smolvm").command("python3 -V").writeTo(temp.resolve("requests"));
    assertThat(run("run", "--request", request.toString(), "--results-dir", temp.resolve("results").toString(),
        "--backend", "smolvm", "--smolvm", simulator().toString())).as(err()).isZero();
    assertThat(err()).contains("backend: smolvm");
    assertThat(Files.readString(results().get(0))).contains("backend: smolvm", "requested_backend: smolvm", "network_enforcement: backend");

    assertThat(run("run", "--request", request.toString(), "--results-dir", temp.resolve("r2").toString(),
        "--smolvm", simulator().toString())).as(err()).isZero();
    assertThat(err()).contains("backend: smolvm (auto: the request names smolvm; smolvm at ");
  }

  @Test
  void autoPutsSmolvmFirstOnlyWhereThePolicyAllowsTheSubstitution() throws IOException {
    Path era = ToolRequests.valid().requestId("TR-era").command("python3 -V").writeTo(temp.resolve("requests"));
    Path policy = Files.writeString(temp.resolve("policy.yaml"), "backend_substitutions:\n  - requested: ERA\n    allowed: [smolvm]\n");
    assertThat(run("run", "--request", era.toString(), "--results-dir", temp.resolve("results").toString(),
        "--smolvm", simulator().toString(), "--policy", policy.toString())).as(err()).isZero();
    assertThat(err()).contains("backend: smolvm (auto: the request names ERA, which is not here, and the policy allows ERA -> smolvm");
    assertThat(Files.readString(results().get(0))).contains("requested_backend: ERA", "backend: smolvm");
    assertThat(SmolvmSimulator.machines(temp.resolve(".results.smolvm-data"))).as("the gate's own data directory, empty again").isEmpty();
  }

  @Test
  void autoRunsTheNamedBackendWhereItIsHereEvenWhenThePolicyAllowsSmolvm() throws IOException {
    Path era = ToolRequests.valid().requestId("TR-era-here").command("python3 -V").writeTo(temp.resolve("requests"));
    Path policy = Files.writeString(temp.resolve("policy.yaml"), "backend_substitutions:\n  - requested: ERA\n    allowed: [smolvm]\n");
    Path agent = Files.writeString(Files.createDirectories(temp.resolve("era")).resolve("agent"), "#!/bin/sh\nexit 1\n");
    agent.toFile().setExecutable(true);
    run("run", "--request", era.toString(), "--results-dir", temp.resolve("results").toString(),
        "--smolvm", simulator().toString(), "--agent", agent.toString(), "--policy", policy.toString());
    assertThat(err()).doesNotContain("backend: smolvm").contains("backend: ERA");
  }

  @Test
  void aRunDeletesTheMachinesAKilledRunLeftInItsDataDirectory() throws Exception {
    Path smolvm = simulator();
    Path data = Files.createDirectories(temp.resolve(".results.smolvm-data"));
    ProcessBuilder create = new ProcessBuilder(smolvm.toString(), "machine", "create", "--name", "threegate-00000000000000aa",
        "--label", "owner=threegate", "--label", "gate=killed").redirectErrorStream(true);
    create.environment().put("SMOLVM_DATA_DIR", data.toString());
    Process p = create.start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).isZero();
    assertThat(SmolvmSimulator.machines(data)).containsExactly("threegate-00000000000000aa");
    Path request = ToolRequests.valid().requestId("TR-sweep").backend("smolvm").command("python3 -V").writeTo(temp.resolve("requests"));
    assertThat(run("run", "--request", request.toString(), "--results-dir", temp.resolve("results").toString(),
        "--backend", "smolvm", "--smolvm", smolvm.toString())).as(err()).isZero();
    assertThat(err()).contains("deleted 1 smolvm machine(s) left by a runner that was killed: threegate-00000000000000aa");
    assertThat(SmolvmSimulator.machines(data)).isEmpty();
  }

  @Test
  void aRequestNamingSmolvmWhereThereIsNoneFailsSayingWhat() {
    Path request = ToolRequests.valid().requestId("TR-nosmolvm").backend("smolvm").writeTo(temp.resolve("requests"));
    assertThat(run("run", "--request", request.toString(), "--results-dir", temp.resolve("results").toString())).isEqualTo(3);
    assertThat(err()).contains("the request names smolvm, but smolvm is not on the PATH");
  }

  @Test
  void smolvmOptionsDoNotApplyToTheOtherBackends() {
    Path request = ToolRequests.valid().requestId("TR-opts").backend("smolvm").writeTo(temp.resolve("requests"));
    assertThat(run("run", "--request", request.toString(), "--results-dir", temp.resolve("results").toString(),
        "--backend", "bubblewrap", "--smolvm-image", "x.tar")).isEqualTo(64);
    assertThat(err()).contains("--smolvm-image is a smolvm option; it does not apply with --backend bubblewrap");
    assertThat(run("run", "--request", request.toString(), "--results-dir", temp.resolve("results").toString(),
        "--backend", "smolvm", "--agent", "/x/agent")).isEqualTo(64);
    assertThat(err()).contains("--agent is an ERA option; it does not apply with --backend smolvm");
  }

  @Test
  void validatesARequestAgainstSmolvmsCapabilities() {
    Path request = ToolRequests.valid().requestId("TR-judge").backend("smolvm").language("node").command("node -v")
        .writeTo(temp.resolve("requests"));
    assertThat(run("validate-request", request.toString(), "--backend", "smolvm", "--smolvm", simulator().toString())).isEqualTo(2);
    assertThat(err()).contains("backend.language_unsupported: backend 'smolvm' cannot run node");
    Path python = ToolRequests.valid().requestId("TR-judge-py").backend("smolvm").command("python3 -V").writeTo(temp.resolve("requests"));
    assertThat(run("validate-request", python.toString(), "--backend", "smolvm", "--smolvm", simulator().toString())).as(err()).isZero();
  }
}
