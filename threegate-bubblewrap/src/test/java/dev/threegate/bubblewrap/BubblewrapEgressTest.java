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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.threegate.exec.EffectiveLimits;
import dev.threegate.exec.ExecutionException;
import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.exec.ExecutionStatus;
import dev.threegate.exec.NetworkDestination;
import dev.threegate.exec.NetworkEnforcement;
import dev.threegate.request.NetworkMode;
import dev.threegate.request.ToolRequest;
import dev.threegate.testkit.ToolRequests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code network: allowlist} in a real sandbox: a python client inside reaches local servers only
 * through the egress proxy, for the names the allowlist lists, and every attempt is recorded.
 */
class BubblewrapEgressTest {
  private static final Egress.Resolver TEST_NAMES = host -> {
    if (host.equals("allowed.test") || host.equals("other.test")) {
      return List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
    }
    throw new UnknownHostException(host);
  };

  @TempDir Path temp;
  private final AtomicInteger runs = new AtomicInteger();
  private Server raw;
  private Server http;
  private Server other;

  @BeforeAll
  static void requireSandboxAndSocat() {
    BubblewrapExecutor.Availability availability = BubblewrapExecutor.probe();
    assumeTrue(availability.available(), availability.message());
    assumeTrue(BubblewrapExecutor.builder().build().backend().capabilities().networkAllowlist(),
        "socat is not installed under /usr (apt-get install -y socat), so the backend cannot enforce network: allowlist");
  }

  @BeforeEach
  void startServers() throws IOException {
    raw = new Server(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), Server::lineReplies);
    http = new Server(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), Server::httpReply);
    other = new Server(new ServerSocket(0, 50), Server::lineReplies);
  }

  @AfterEach
  void stopServers() {
    raw.close();
    http.close();
    other.close();
  }

  private static BubblewrapExecutor executor(boolean allowPrivate, int maxConnections) {
    return BubblewrapExecutor.builder()
        .egress(Egress.builder().resolver(TEST_NAMES).allowPrivateDestinations(allowPrivate).maxConnections(maxConnections).build())
        .build();
  }

  private ExecutionSpec spec(NetworkMode network, List<String> allowlist, String mode) throws IOException {
    return spec(temp.resolve("run-" + runs.incrementAndGet()), network, allowlist, mode, 60);
  }

  private ExecutionSpec spec(Path runDir, NetworkMode network, List<String> allowlist, String mode, long timeSec)
      throws IOException {
    Path dir = Files.createDirectories(runDir);
    Path in = Files.createDirectory(dir.resolve("in"));
    try (InputStream script = BubblewrapEgressTest.class.getResourceAsStream("egress-client.py")) {
      Files.write(in.resolve("client.py"), script.readAllBytes());
    }
    String command = mode.startsWith("/") ? mode : "python3 /in/client.py " + mode + " " + raw.port() + " " + http.port() + " " + other.port() + " "
        + hostAddress().map(InetAddress::getHostAddress).orElse("-");
    ToolRequest request = ToolRequests.valid().command(command).timeLimitSec(timeSec).toRequest().newBuilder()
        .network(network).networkAllowlist(allowlist).build();
    return ExecutionSpec.builder()
        .request(request)
        .inputsDir(in)
        .outputsDir(Files.createDirectory(dir.resolve("out")))
        .scratchDir(Files.createDirectory(dir.resolve("scratch")))
        .limits(EffectiveLimits.builder().cpu(1).memoryMb(256).time(Duration.ofSeconds(timeSec)).maxOutputBytes(1 << 20).build())
        .build();
  }

  private static String printed(ExecutionResult result) throws IOException {
    String stderr = Files.readString(result.stderr().file(), StandardCharsets.UTF_8);
    assertThat(result.status()).as("status (exit %d, anomalies %s, stderr: %s)", result.exitCode(), result.anomalies(), stderr)
        .isEqualTo(ExecutionStatus.COMPLETED);
    assertThat(result.exitCode()).as("exit code, stderr: %s", stderr).isZero();
    return Files.readString(result.stdout().file(), StandardCharsets.UTF_8);
  }

  private static Map<String, NetworkDestination> byKey(ExecutionResult result) {
    return result.networkDestinations().stream().collect(Collectors.toMap(d -> d.host() + ":" + d.port(), Function.identity()));
  }

  @Test
  void allowlistedNamesAreReachedThroughTheProxyAndNothingElse() throws IOException {
    List<String> allowlist = List.of("allowed.test:" + raw.port(), "Allowed.Test.:" + http.port());
    ExecutionResult result = executor(true, 256).execute(spec(NetworkMode.ALLOWLIST, allowlist, "main"));
    String out = printed(result);

    assertThat(out).contains("\"connect_status\": \"HTTP/1.1 200 Connection established\"")
        .contains("\"connect_reply\": \"pong:ping\\n\"")
        .contains("\"http_body\": \"ok /hello?x=1\"")
        .contains("\"other_http\": 403")
        .contains("\"other_connect\": \"HTTP/1.1 403 Forbidden\"")
        .contains("\"ip_literal\": \"HTTP/1.1 403 Forbidden\"")
        .contains("\"port_not_listed\": \"HTTP/1.1 403 Forbidden\"")
        .contains("\"relay_status\": \"HTTP/1.1 200 Connection established\"")
        .contains("\"relay_reply\": \"pong:CONNECT other.test:" + other.port() + " HTTP/1.1\\r\\n");
    assertThat(out).doesNotContain("\"direct_loopback\": \"connected\"").doesNotContain("\"direct_host\": \"connected\"");
    assertThat(other.accepted()).as("connections that reached other.test's server").isZero();
    assertThat(raw.received()).anyMatch(text -> text.contains("CONNECT other.test:" + other.port()));
    assertThat(http.received()).singleElement().satisfies(request -> {
      assertThat(request).startsWith("GET /hello?x=1 HTTP/1.1\r\n").contains("Connection: close\r\n");
      assertThat(request.toLowerCase(java.util.Locale.ROOT)).doesNotContain("proxy-connection");
    });

    assertThat(result.network()).isEqualTo(NetworkEnforcement.PROXY_ALLOWLIST);
    Map<String, NetworkDestination> destinations = byKey(result);
    assertThat(destinations.keySet()).containsExactlyInAnyOrder(
        "allowed.test:" + raw.port(), "allowed.test:" + http.port(), "other.test:" + other.port(), "127.0.0.1:" + raw.port(),
        "allowed.test:9");
    NetworkDestination tunnel = destinations.get("allowed.test:" + raw.port());
    assertThat(tunnel.allowed()).isTrue();
    assertThat(tunnel.attempts()).isEqualTo(2);
    assertThat(tunnel.bytesOut()).isPositive();
    assertThat(tunnel.bytesIn()).isPositive();
    assertThat(destinations.get("allowed.test:" + http.port()).allowed()).isTrue();
    assertThat(destinations.get("other.test:" + other.port())).satisfies(d -> {
      assertThat(d.allowed()).isFalse();
      assertThat(d.reason()).isEqualTo("not_allowlisted");
      assertThat(d.attempts()).isEqualTo(2);
      assertThat(d.bytesOut()).isZero();
    });
    assertThat(destinations.get("127.0.0.1:" + raw.port()).reason()).isEqualTo("ip_literal");
    assertThat(destinations.get("allowed.test:9").reason()).isEqualTo("port_not_allowed");
    assertThat(Files.exists(result.stdout().file().getParent().resolve("egress").resolve("egress.sock"))).isFalse();
  }

  @Test
  void socks5hWithAHostNameReachesTheAllowedNameOnly() throws IOException {
    ExecutionResult result = executor(true, 256).execute(spec(NetworkMode.ALLOWLIST, List.of("allowed.test:" + raw.port()), "socks"));
    assertThat(printed(result)).contains("\"allowed.test\": 0", "\"allowed.test_reply\": \"pong:socks\\n\"", "\"other.test\": 2");
    assertThat(other.accepted()).isZero();
    assertThat(byKey(result).keySet()).containsExactlyInAnyOrder("allowed.test:" + raw.port(), "other.test:" + other.port());
  }

  @Test
  void curlFindsTheProxyThroughTheEnvironmentAndHasNoNetworkWithoutIt() throws IOException {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed under /usr");
    List<String> allowlist = List.of("allowed.test:" + http.port());
    ExecutionResult through = executor(true, 256).execute(spec(NetworkMode.ALLOWLIST, allowlist,
        "/usr/bin/curl -sS --max-time 20 http://allowed.test:" + http.port() + "/via-curl"));
    assertThat(printed(through)).isEqualTo("ok /via-curl");
    ExecutionResult around = executor(true, 256).execute(spec(NetworkMode.ALLOWLIST, allowlist,
        "/usr/bin/curl -sS --max-time 20 --noproxy * http://allowed.test:" + http.port() + "/around"));
    assertThat(around.status()).isEqualTo(ExecutionStatus.NONZERO_EXIT);
    assertThat(Files.readString(around.stderr().file(), StandardCharsets.UTF_8)).contains("Could not resolve host: allowed.test");
    assertThat(around.networkDestinations()).isEmpty();
    assertThat(http.received()).hasSize(1);
  }

  @Test
  void aNameThatResolvesToLoopbackIsRefusedWithoutThePrivateAllowance() throws IOException {
    ExecutionResult result =
        executor(false, 256).execute(spec(NetworkMode.ALLOWLIST, List.of("allowed.test:" + raw.port()), "private"));
    assertThat(printed(result)).contains("\"connect_status\": \"HTTP/1.1 403 Forbidden\"");
    assertThat(result.networkDestinations()).singleElement().satisfies(d -> {
      assertThat(d.host()).isEqualTo("allowed.test");
      assertThat(d.allowed()).isFalse();
      assertThat(d.reason()).isEqualTo("private_address");
    });
    assertThat(raw.accepted()).isZero();
  }

  @Test
  void connectionsBeyondTheBoundAreRefusedAndRecorded() throws IOException {
    ExecutionResult result = executor(true, 3).execute(spec(NetworkMode.ALLOWLIST, List.of("allowed.test:" + raw.port()), "flood"));
    assertThat(printed(result)).contains("\"statuses\": [\"HTTP/1.1 200 Connection established\", "
        + "\"HTTP/1.1 200 Connection established\", \"HTTP/1.1 200 Connection established\", \"HTTP/1.1 403 Forbidden\", "
        + "\"HTTP/1.1 403 Forbidden\"]");
    assertThat(result.networkDestinations()).singleElement().satisfies(d -> {
      assertThat(d.allowed()).isTrue();
      assertThat(d.attempts()).isEqualTo(5);
      assertThat(d.reason()).isEqualTo("limit_connections");
    });
  }

  @Test
  void networkNoneHasNoProxyNoSocketAndNoRoute() throws IOException {
    ExecutionResult result = BubblewrapExecutor.builder().build().execute(spec(NetworkMode.NONE, List.of(), "none"));
    assertThat(printed(result)).contains("\"proxy_variables\": []", "\"socket_dir\": false")
        .doesNotContain("\"connected\"");
    assertThat(result.network()).isEqualTo(NetworkEnforcement.HOST_NAMESPACE);
    assertThat(result.networkDestinations()).isEmpty();
  }

  @Test
  void aRunThatTimesOutStopsItsProxyAndLeavesNothing() throws IOException {
    ExecutionSpec spec = spec(temp.resolve("hang"), NetworkMode.ALLOWLIST, List.of("allowed.test:" + raw.port()), "hang", 5);
    ExecutionResult result = executor(true, 256).execute(spec);
    assertThat(result.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(Files.readString(result.stdout().file(), StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200");
    assertThat(result.networkDestinations()).singleElement().satisfies(d -> assertThat(d.bytesOut()).isEqualTo(5));
    assertThat(Files.exists(spec.scratchDir().resolve("egress").resolve("egress.sock"))).isFalse();
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("threegate-egress") && t.isAlive());
  }

  @Test
  void aRunDirectoryTooLongForASocketUsesAShortPrivateOne() throws IOException {
    Path deep = temp.resolve("d".repeat(60)).resolve("e".repeat(60));
    ExecutionSpec spec = spec(deep, NetworkMode.ALLOWLIST, List.of("allowed.test:" + raw.port()), "flood", 60);
    ExecutionResult result = executor(true, 256).execute(spec);
    assertThat(printed(result)).contains("\"statuses\": [\"HTTP/1.1 200 Connection established\"");
    assertThat(spec.scratchDir().resolve("egress")).doesNotExist();
    try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("tg-egress-") && !name.startsWith("tg-egress-probe-"));
    }
  }

  @Test
  void aBridgeThatDoesNotListenStopsTheRunBeforeTheTool() throws IOException {
    BubblewrapExecutor executor = BubblewrapExecutor.builder().socat(Path.of("/usr/bin/false"))
        .egress(Egress.builder().resolver(TEST_NAMES).allowPrivateDestinations(true).build()).build();
    ExecutionSpec spec = spec(NetworkMode.ALLOWLIST, List.of("allowed.test:" + raw.port()), "flood");
    assertThatThrownBy(() -> executor.execute(spec)).isInstanceOf(ExecutionException.class)
        .hasMessageContaining("the egress bridge did not start, the tool did not run");
    assertThat(raw.accepted()).isZero();
  }

  @Test
  void aMissingProgramIsReportedAsBwrapWouldReportIt() throws IOException {
    ExecutionResult result = executor(true, 256).execute(
        spec(NetworkMode.ALLOWLIST, List.of("allowed.test:" + raw.port()), "/usr/bin/threegate-no-such-program"));
    assertThat(result.status()).isEqualTo(ExecutionStatus.NONZERO_EXIT);
    assertThat(result.anomalies()).containsExactly(
        "the program could not be started in the sandbox: /usr/bin/threegate-no-such-program: not found",
        "the egress proxy did NOT refuse private, loopback or link-local addresses in this run (allow_private_destinations, a test setting)");
    assertThat(result.networkDestinations()).isEmpty();
  }

  @Test
  void withoutSocatUnderUsrTheBackendDoesNotClaimAllowlists() {
    assertThat(BubblewrapExecutor.builder().socat(Path.of("/opt/nowhere/socat")).build().backend().capabilities().networkAllowlist())
        .isFalse();
    assertThat(BubblewrapExecutor.builder().socat(temp.resolve("socat")).build().backend().capabilities().networkAllowlist())
        .isFalse();
  }

  private static Optional<InetAddress> hostAddress() {
    try {
      return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
          .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
          .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** A local TCP server that records what each connection sent. */
  private static final class Server implements AutoCloseable {
    interface Handler {
      void handle(Socket socket, List<String> received) throws IOException;
    }

    private final ServerSocket socket;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Thread thread;

    Server(ServerSocket socket, Handler handler) {
      this.socket = socket;
      thread = new Thread(() -> {
        while (!socket.isClosed()) {
          try {
            Socket client = socket.accept();
            accepted.incrementAndGet();
            Thread worker = new Thread(() -> {
              try (client) {
                client.setSoTimeout(30_000);
                handler.handle(client, received);
              } catch (IOException e) {
                // the client left
              }
            });
            worker.setDaemon(true);
            worker.start();
          } catch (IOException e) {
            return;
          }
        }
      });
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    int accepted() {
      return accepted.get();
    }

    List<String> received() {
      return received;
    }

    /** Answers each line with {@code pong:} and the line. */
    static void lineReplies(Socket client, List<String> received) throws IOException {
      InputStream in = client.getInputStream();
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0) {
        line.write(b);
        if (b == '\n') {
          String text = line.toString(StandardCharsets.ISO_8859_1);
          received.add(text);
          client.getOutputStream().write(("pong:" + text).getBytes(StandardCharsets.ISO_8859_1));
          client.getOutputStream().flush();
          line.reset();
        }
      }
    }

    /** Reads a request head and answers {@code ok} and its target. */
    static void httpReply(Socket client, List<String> received) throws IOException {
      InputStream in = client.getInputStream();
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0) {
        head.write(b);
        if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
          break;
        }
      }
      String text = head.toString(StandardCharsets.ISO_8859_1);
      received.add(text);
      String target = text.split(" ", 3).length > 1 ? text.split(" ", 3)[1] : "?";
      String body = "ok " + target;
      client.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
          .getBytes(StandardCharsets.ISO_8859_1));
      client.getOutputStream().flush();
    }

    @Override
    public void close() {
      try {
        socket.close();
        thread.join(5000);
      } catch (IOException e) {
        // closing anyway
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
