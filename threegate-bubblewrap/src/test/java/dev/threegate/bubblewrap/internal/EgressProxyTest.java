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
package dev.threegate.bubblewrap.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.bubblewrap.Egress;
import dev.threegate.exec.NetworkDestination;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The egress proxy on the host side, with real sockets: hostile requests, bounds and cleanup. */
@Timeout(60)
class EgressProxyTest {
  private static final Egress.Resolver TEST_NAMES = host -> {
    if (host.endsWith(".test")) {
      return List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
    }
    throw new UnknownHostException(host);
  };

  @TempDir Path temp;
  private Echo allowed;
  private Echo other;
  private EgressProxy proxy;

  @BeforeEach
  void start() throws IOException {
    allowed = new Echo();
    other = new Echo();
  }

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
    allowed.close();
    other.close();
  }

  private EgressProxy proxy(Egress.Builder egress) throws IOException {
    proxy = EgressProxy.start(temp.resolve("egress.sock"), EgressRules.parse(List.of("allowed.test:" + allowed.port())),
        egress.resolver(TEST_NAMES).allowPrivateDestinations(true).build(), Clock.systemUTC());
    return proxy;
  }

  private SocketChannel client() throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    channel.connect(UnixDomainSocketAddress.of(temp.resolve("egress.sock")));
    return channel;
  }

  private static void send(SocketChannel channel, String text) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  /** Everything the proxy sends until it closes the connection. */
  private static String readAll(SocketChannel channel) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(4096);
    while (channel.read(buffer) >= 0) {
      out.write(buffer.array(), 0, buffer.position());
      buffer.clear();
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  /** Like {@link #readAll}, but a reset (the proxy closed with bytes unread) ends the reading too. */
  private static String readAllQuietly(SocketChannel channel) {
    try {
      return readAll(channel);
    } catch (IOException e) {
      return "";
    }
  }

  private static String readUntil(SocketChannel channel, String end) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(1);
    while (!out.toString(StandardCharsets.ISO_8859_1).endsWith(end) && channel.read(buffer) >= 0) {
      out.write(buffer.array(), 0, buffer.position());
      buffer.clear();
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  private String refusal(String request) throws IOException {
    try (SocketChannel c = client()) {
      send(c, request);
      return readAll(c);
    }
  }

  @Test
  void tunnelsToAnAllowedNameAndRecordsTheBytes() throws IOException {
    proxy(Egress.builder());
    try (SocketChannel c = client()) {
      send(c, "CONNECT Allowed.Test.:" + allowed.port() + " HTTP/1.1\r\n\r\nearly\n");
      assertThat(readUntil(c, "\r\n\r\n")).isEqualTo("HTTP/1.1 200 Connection established\r\n\r\n");
      assertThat(readUntil(c, "\n")).isEqualTo("early\n");
      send(c, "more\n");
      assertThat(readUntil(c, "\n")).isEqualTo("more\n");
    }
    proxy.close();
    assertThat(proxy.destinations()).singleElement().satisfies(d -> {
      assertThat(d.host()).isEqualTo("allowed.test");
      assertThat(d.allowed()).isTrue();
      assertThat(d.reason()).isEmpty();
      assertThat(d.bytesOut()).isEqualTo(11);
      assertThat(d.bytesIn()).isEqualTo(11);
    });
  }

  private static byte[] socksConnect(String host, int port) {
    byte[] name = host.getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer request = ByteBuffer.allocate(3 + 5 + name.length + 2);
    request.put(new byte[] {5, 1, 0}).put(new byte[] {5, 1, 0, 3, (byte) name.length}).put(name).putShort((short) port);
    return request.array();
  }

  private static byte[] readBytes(SocketChannel channel, int n) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(n);
    while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
      // until n bytes or the end
    }
    return java.util.Arrays.copyOf(buffer.array(), buffer.position());
  }

  @Test
  void socks5WithAHostNameFollowsTheSameRules() throws IOException {
    proxy(Egress.builder());
    try (SocketChannel c = client()) {
      c.write(ByteBuffer.wrap(socksConnect("Allowed.Test", allowed.port())));
      assertThat(readBytes(c, 12)).containsExactly(5, 0, 5, 0, 0, 1, 0, 0, 0, 0, 0, 0);
      send(c, "socks\n");
      assertThat(readUntil(c, "\n")).isEqualTo("socks\n");
    }
    try (SocketChannel c = client()) {
      c.write(ByteBuffer.wrap(socksConnect("other.test", other.port())));
      assertThat(readBytes(c, 12)).containsExactly(5, 0, 5, 2, 0, 1, 0, 0, 0, 0, 0, 0);
    }
    try (SocketChannel c = client()) {
      c.write(ByteBuffer.wrap(new byte[] {5, 1, 0, 5, 1, 0, 1, 127, 0, 0, 1, (byte) (allowed.port() >> 8), (byte) allowed.port()}));
      assertThat(readBytes(c, 12)).containsExactly(5, 0, 5, 2, 0, 1, 0, 0, 0, 0, 0, 0);
    }
    try (SocketChannel c = client()) {
      c.write(ByteBuffer.wrap(new byte[] {5, 1, 2}));
      assertThat(readBytes(c, 4)).containsExactly(5, 0xff);
    }
    try (SocketChannel c = client()) {
      c.write(ByteBuffer.wrap(new byte[] {5, 1, 0, 5, 2, 0, 3, 1, 'x', 0, 80}));
      assertThat(readBytes(c, 12)).containsExactly(5, 0, 5, 7, 0, 1, 0, 0, 0, 0, 0, 0);
    }
    assertThat(other.accepted()).isZero();
    proxy.close();
    assertThat(proxy.destinations()).extracting(d -> d.host() + ":" + d.port() + " " + d.allowed() + " " + d.reason())
        .containsExactly("allowed.test:" + allowed.port() + " true ", "other.test:" + other.port() + " false not_allowlisted",
            "127.0.0.1:" + allowed.port() + " false ip_literal");
  }

  @Test
  void refusesControlCharactersAndBadRequestLinesWithoutConnecting() throws IOException {
    proxy(Egress.builder());
    int port = allowed.port();
    for (String request : List.of(
        "CONNECT allowed.test:" + port + "\r\nX: y HTTP/1.1\r\n\r\n",
        "CONNECT allowed.test\0.evil:" + port + " HTTP/1.1\r\n\r\n",
        "CONNECT allowed.test:" + port + " HTTP/1.1\r\nX-Bad: caf\u00e9\r\n\r\n",
        "CONNECT allowed.test:" + port + " HTTP/1.1\r\n folded: header\r\n\r\n",
        "CONNECT allowed.test:" + port + " HTTP/1.1\nX: bare-lf\r\n\r\n",
        "CONNECT allowed.test HTTP/1.1\r\n\r\n",
        "GET /origin-form HTTP/1.1\r\nHost: allowed.test\r\n\r\n",
        "GET https://allowed.test:" + port + "/ HTTP/1.1\r\n\r\n",
        "GET http://user@allowed.test:" + port + "/ HTTP/1.1\r\n\r\n",
        "CONNECT  allowed.test:" + port + " HTTP/1.1\r\n\r\n",
        "connect allowed.test:" + port + " HTTP/1.1\r\n\r\n")) {
      String answer = refusal(request);
      assertThat(answer).as(request).startsWith("HTTP/1.1 403 Forbidden\r\n").contains("X-Threegate-Denied: bad_request\r\n");
      assertThat(answer.chars().allMatch(ch -> ch == '\r' || ch == '\n' || (ch >= 0x20 && ch < 0x7f))).isTrue();
    }
    assertThat(allowed.accepted()).isZero();
    assertThat(proxy.anomalies()).singleElement().asString().contains("11 malformed");
  }

  @Test
  void hostileNamesAreRefusedAndEchoedOnlyAsPrintableAscii() throws IOException {
    proxy(Egress.builder());
    String answer = refusal("CONNECT <script>.test:443 HTTP/1.1\r\n\r\n");
    assertThat(answer).contains("X-Threegate-Denied: invalid_host").contains("<script>.test:443 denied (invalid_host)");
    assertThat(refusal("CONNECT evil-allowed.test:" + allowed.port() + " HTTP/1.1\r\n\r\n")).contains("not_allowlisted");
    assertThat(refusal("CONNECT allowed.test.evil.net:" + allowed.port() + " HTTP/1.1\r\n\r\n")).contains("not_allowlisted");
    assertThat(refusal("CONNECT 127.0.0.1:" + allowed.port() + " HTTP/1.1\r\n\r\n")).contains("ip_literal");
    assertThat(refusal("CONNECT [::1]:" + allowed.port() + " HTTP/1.1\r\n\r\n")).contains("ip_literal");
    assertThat(refusal("CONNECT 2130706433:" + allowed.port() + " HTTP/1.1\r\n\r\n")).contains("invalid_host");
    assertThat(allowed.accepted()).isZero();
  }

  @Test
  void aRequestHeadBeyondTheBoundIsRefused() throws IOException {
    proxy(Egress.builder().maxHeaderBytes(1024));
    StringBuilder flood = new StringBuilder("CONNECT allowed.test:" + allowed.port() + " HTTP/1.1\r\n");
    while (flood.length() < 64 * 1024) {
      flood.append("X-Flood: ").append("a".repeat(100)).append("\r\n");
    }
    try (SocketChannel c = client()) {
      send(c, flood.substring(0, 2048));
      assertThat(readUntil(c, "\n")).isEqualTo("HTTP/1.1 403 Forbidden\r\n");
    }
    assertThat(allowed.accepted()).isZero();
  }

  @Test
  void plainHttpIsForwardedInOriginFormForOneUpstreamOnly() throws IOException {
    proxy(Egress.builder());
    try (SocketChannel c = client()) {
      send(c, "GET http://allowed.test:" + allowed.port() + "?q=1 HTTP/1.1\r\nHost: other.test\r\nProxy-Authorization: x\r\n"
          + "Proxy-Connection: keep-alive\r\nAccept: */*\r\n\r\n"
          + "GET http://other.test:" + other.port() + "/ HTTP/1.1\r\n\r\n");
      c.shutdownOutput();
      String echoed = readAll(c);
      assertThat(echoed).startsWith("GET /?q=1 HTTP/1.1\r\nHost: allowed.test:" + allowed.port() + "\r\nAccept: */*\r\n"
          + "Connection: close\r\n\r\n").contains("GET http://other.test:" + other.port());
    }
    assertThat(other.accepted()).isZero();
    proxy.close();
    assertThat(proxy.destinations()).extracting(NetworkDestination::host).containsExactly("allowed.test");
  }

  @Test
  void connectionsBeyondTheConcurrencyBoundAreRefusedAtOnce() throws IOException {
    proxy(Egress.builder().maxConcurrentConnections(2));
    try (SocketChannel first = client(); SocketChannel second = client(); SocketChannel third = client()) {
      assertThat(readAll(third)).contains("X-Threegate-Denied: limit_connections");
      send(first, "CONNECT allowed.test:" + allowed.port() + " HTTP/1.1\r\n\r\n");
      assertThat(readUntil(first, "\r\n\r\n")).startsWith("HTTP/1.1 200");
      assertThat(second.isConnected()).isTrue();
    }
    assertThat(proxy.anomalies()).singleElement().asString().contains("1 connection(s) refused beyond 2");
  }

  @Test
  void bytesBeyondTheBoundCutTheConnection() throws IOException {
    proxy(Egress.builder().maxBytesEachWay(1000));
    try (SocketChannel c = client()) {
      send(c, "CONNECT allowed.test:" + allowed.port() + " HTTP/1.1\r\n\r\n");
      assertThat(readUntil(c, "\r\n\r\n")).startsWith("HTTP/1.1 200");
      try {
        for (int i = 0; i < 10; i++) {
          send(c, "x".repeat(299) + "\n");
        }
      } catch (IOException e) {
        // the proxy cut the connection
      }
      readAllQuietly(c);
    }
    proxy.close();
    assertThat(proxy.destinations()).singleElement().satisfies(d -> {
      assertThat(d.reason()).isEqualTo("limit_bytes");
      assertThat(d.bytesOut()).isLessThanOrEqualTo(1000);
    });
  }

  @Test
  void idleConnectionsAreClosed() throws IOException {
    proxy(Egress.builder().idleTimeout(Duration.ofMillis(200)));
    try (SocketChannel c = client()) {
      assertThat(c.read(ByteBuffer.allocate(16))).isEqualTo(-1);
    }
  }

  @Test
  void destinationsBeyondTheRecordBoundAreCounted() throws IOException {
    proxy(Egress.builder().maxDestinations(2));
    for (String host : List.of("a.test", "b.test", "c.test", "d.test")) {
      assertThat(refusal("CONNECT " + host + ":443 HTTP/1.1\r\n\r\n")).contains("not_allowlisted");
    }
    assertThat(proxy.destinations()).extracting(NetworkDestination::host).containsExactly("a.test", "b.test");
    assertThat(proxy.anomalies()).singleElement().asString().contains("2 request(s) for destinations beyond the first 2");
  }

  @Test
  void closeStopsEveryThreadAndRemovesTheSocket() throws IOException, InterruptedException {
    proxy(Egress.builder());
    SocketChannel open = client();
    send(open, "CONNECT allowed.test:" + allowed.port() + " HTTP/1.1\r\n\r\n");
    assertThat(readUntil(open, "\r\n\r\n")).startsWith("HTTP/1.1 200");
    SocketChannel waiting = client();
    proxy.close();
    assertThat(readAllQuietly(open)).isEmpty();
    assertThat(readAllQuietly(waiting)).isEmpty();
    open.close();
    waiting.close();
    assertThat(Files.exists(temp.resolve("egress.sock"))).isFalse();
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("threegate-egress") && t.isAlive());
  }

  /** A local TCP server that echoes each connection's bytes back. */
  private static final class Echo implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    Echo() throws IOException {
      Thread thread = new Thread(() -> {
        while (true) {
          Socket client;
          try {
            client = socket.accept();
          } catch (IOException e) {
            return;
          }
          accepted.incrementAndGet();
          Thread worker = new Thread(() -> {
            try (client) {
              InputStream in = client.getInputStream();
              in.transferTo(client.getOutputStream());
            } catch (IOException e) {
              // the client left
            }
          });
          worker.setDaemon(true);
          worker.start();
        }
      });
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }

    int port() {
      return socket.getLocalPort();
    }

    int accepted() {
      return accepted.get();
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
