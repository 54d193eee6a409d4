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
package dev.threegate.bubblewrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.threegate.Outcome;
import dev.threegate.ToolExecPipeline;
import dev.threegate.exec.NetworkDestination;
import dev.threegate.policy.Policy;
import dev.threegate.problem.Violation;
import dev.threegate.result.ResultVerifier;
import dev.threegate.result.ToolResult;
import dev.threegate.result.ToolResultParser;
import dev.threegate.result.ToolResultValidator;
import dev.threegate.result.ToolResultWriter;
import dev.threegate.testkit.ToolRequests;
import dev.threegate.trust.KeyAlgorithm;
import dev.threegate.trust.Keys;
import dev.threegate.trust.Signer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code network: allowlist} through the whole gate: the policy's ceiling judges the request, the
 * sandbox reaches the allowed name through the egress proxy and is refused the other, and the
 * attested Tool Result records exactly the destinations tried, signed.
 */
class AllowlistPipelineTest {
  private static final String SCRIPT = String.join("\n",
      "import socket, sys",
      "def tunnel(host, port, payload):",
      "    s = socket.create_connection(('127.0.0.1', 3128), timeout=30)",
      "    s.sendall(('CONNECT %s:%d HTTP/1.1\\r\\nHost: %s\\r\\n\\r\\n' % (host, port, host)).encode())",
      "    head = b''",
      "    while b'\\r\\n\\r\\n' not in head:",
      "        chunk = s.recv(1)",
      "        if not chunk:",
      "            break",
      "        head += chunk",
      "    status = head.split(b'\\r\\n')[0].decode()",
      "    reply = ''",
      "    if ' 200 ' in status:",
      "        s.sendall(payload)",
      "        reply = s.recv(100).decode().strip()",
      "    s.close()",
      "    return status, reply",
      "port = int(sys.argv[1])",
      "print('allowed', *tunnel('allowed.test', port, b'ping\\n'))",
      "print('other', *tunnel('other.test', port, b'ping\\n'))",
      "");
  private static final Egress.Resolver TEST_NAMES = host -> {
    if (host.equals("allowed.test") || host.equals("other.test")) {
      return List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
    }
    throw new UnknownHostException(host);
  };

  @TempDir Path temp;
  private ServerSocket server;
  private final AtomicInteger accepted = new AtomicInteger();

  @BeforeAll
  static void requireSandboxAndSocat() {
    BubblewrapExecutor.Availability availability = BubblewrapExecutor.probe();
    assumeTrue(availability.available(), availability.message());
    assumeTrue(BubblewrapExecutor.builder().build().backend().capabilities().networkAllowlist(),
        "socat is not installed under /usr (apt-get install -y socat), so the backend cannot enforce network: allowlist");
  }

  @BeforeEach
  void startServer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread thread = new Thread(() -> {
      while (!server.isClosed()) {
        try (Socket client = server.accept()) {
          accepted.incrementAndGet();
          String line = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8)).readLine();
          OutputStream out = client.getOutputStream();
          out.write(("pong:" + line + "\n").getBytes(StandardCharsets.UTF_8));
          out.flush();
        } catch (IOException e) {
          // closed
        }
      }
    }, "allowlist-test-server");
    thread.setDaemon(true);
    thread.start();
  }

  @AfterEach
  void stopServer() throws IOException {
    server.close();
  }

  private Path request(List<String> allowlist) throws IOException {
    StringBuilder list = new StringBuilder("network: \"allowlist\"\nnetwork_allowlist:\n");
    allowlist.forEach(entry -> list.append("  - \"").append(entry).append("\"\n"));
    String markdown = ToolRequests.valid().backend("bubblewrap").command("python3 /in/client.py " + server.getLocalPort())
        .input("client.py", SCRIPT.getBytes(StandardCharsets.UTF_8)).toMarkdown()
        .replace("network: \"none\"\n", list.toString());
    Path dir = Files.createDirectories(temp.resolve("requests"));
    Files.writeString(dir.resolve("client.py"), SCRIPT);
    return Files.writeString(dir.resolve("TR-allowlist.md"), markdown);
  }

  private Policy policy() {
    int port = server.getLocalPort();
    return Policy.defaults().newBuilder().allowNetworkAllowlist(true)
        .networkAllowlistCeiling(List.of("allowed.test:" + port, "other.test:" + port))
        .allowPrivateDestinations(true)
        .build();
  }

  @Test
  void theAttestedResultRecordsExactlyWhereTheToolWentAndWhatWasRefused() throws Exception {
    KeyPair gateKeys = Keys.generate(KeyAlgorithm.ECDSA_P256);
    ToolExecPipeline gate = ToolExecPipeline.builder().policy(policy())
        .executor(BubblewrapExecutor.builder().egress(Egress.builder().resolver(TEST_NAMES).allowPrivateDestinations(true).build()).build())
        .writer(ToolResultWriter.attested(Clock.systemUTC(), Signer.of(gateKeys.getPrivate(), gateKeys.getPublic()), "https://gate.test"))
        .workDirectory(Files.createDirectories(temp.resolve("work"))).build();
    Path request = request(List.of("allowed.test:" + server.getLocalPort()));

    Outcome outcome = gate.run(request, request.getParent(), temp.resolve("results"));

    assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
    Path resultFile = ((Outcome.Accepted) outcome).written().resultFile();
    String stdout = Files.readString(((Outcome.Accepted) outcome).execution().stdout().file());
    assertThat(stdout).contains("allowed HTTP/1.1 200 Connection established pong:ping", "other HTTP/1.1 403 Forbidden");
    assertThat(accepted.get()).isEqualTo(1);
    ToolResult result = ToolResultParser.standard().parse(resultFile);
    assertThat(result.networkUsed()).isEqualTo("allowlist");
    assertThat(result.networkEnforcement()).contains("proxy_allowlist");
    assertThat(result.networkDestinations()).extracting(NetworkDestination::host, NetworkDestination::port,
            NetworkDestination::allowed, NetworkDestination::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("allowed.test", server.getLocalPort(), true, ""),
            org.assertj.core.groups.Tuple.tuple("other.test", server.getLocalPort(), false, "not_allowlisted"));
    assertThat(ToolResultValidator.standard().validate(resultFile).passed()).isTrue();
    assertThat(ResultVerifier.builder(List.of(gateKeys.getPublic())).build().verify(resultFile).passed()).isTrue();
    assertThat(Files.readString(resultFile)).contains("proxy_allowlist", "`other.test:" + server.getLocalPort() + "`");
  }

  @Test
  void aNameOutsideThePolicysCeilingIsRefusedBeforeAnythingRuns() throws Exception {
    ToolExecPipeline gate = ToolExecPipeline.builder().policy(policy())
        .executor(BubblewrapExecutor.builder().egress(Egress.builder().resolver(TEST_NAMES).allowPrivateDestinations(true).build()).build())
        .workDirectory(Files.createDirectories(temp.resolve("work"))).build();
    Path request = request(List.of("allowed.test:" + server.getLocalPort(), "evil.example:443"));

    Outcome outcome = gate.run(request, request.getParent(), temp.resolve("results"));

    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    assertThat(((Outcome.Rejected) outcome).violations()).extracting(Violation::code).contains("network.not_in_ceiling");
    assertThat(accepted.get()).isZero();
  }
}
