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
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The egress record holds whatever the tool sends: blank names, names cut off by the run's end, mixed answers. */
@Timeout(120)
class EgressRecordTest {
  @TempDir Path temp;
  private EgressProxy proxy;

  @AfterEach
  void close() {
    if (proxy != null) {
      proxy.close();
    }
  }

  private EgressProxy start(List<String> allowlist, Egress egress) throws IOException {
    proxy = EgressProxy.start(temp.resolve("egress.sock"), EgressRules.parse(allowlist), egress, Clock.systemUTC());
    return proxy;
  }

  private SocketChannel client() throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    channel.connect(UnixDomainSocketAddress.of(temp.resolve("egress.sock")));
    return channel;
  }

  private static String readAll(SocketChannel c) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer b = ByteBuffer.allocate(4096);
    try {
      while (c.read(b) >= 0) {
        out.write(b.array(), 0, b.position());
        b.clear();
      }
    } catch (IOException e) {
      // reset by the proxy
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  private static byte[] socks5Domain(String name, int port) {
    byte[] n = name.getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer b = ByteBuffer.allocate(3 + 5 + n.length + 2);
    b.put(new byte[] {5, 1, 0});
    b.put(new byte[] {5, 1, 0, 3, (byte) n.length});
    b.put(n);
    b.putShort((short) port);
    return b.array();
  }

  @Test
  void blankAndSpacedNamesAreRecordedVisiblyAndNeverBreakTheRecord() throws IOException {
    start(List.of("allowed.test:443"), Egress.builder().build());
    for (String name : List.of("   ", "\t", "a b")) {
      try (SocketChannel c = client()) {
        c.write(ByteBuffer.wrap(socks5Domain(name, 443)));
        readAll(c);
      }
    }
    List<NetworkDestination> destinations = proxy.destinations();
    assertThat(destinations).extracting(NetworkDestination::host)
        .containsExactly("\\x20\\x20\\x20", "?", "a\\x20b");
    assertThat(destinations).allSatisfy(d -> {
      assertThat(d.allowed()).isFalse();
      assertThat(d.reason()).isNotBlank();
    });
    assertThat(EgressProxy.recordHost("")).isEqualTo("(blank)");
  }

  @Test
  void aNameWithAnyNonPublicAnswerIsRefusedWhole() throws IOException {
    Egress.Resolver mixed = host -> List.of(InetAddress.getByAddress(host, new byte[] {(byte) 192, 0, 2, 1}),
        InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
    start(List.of("mixed.test:443"), Egress.builder().resolver(mixed).build());
    try (SocketChannel c = client()) {
      c.write(ByteBuffer.wrap("CONNECT mixed.test:443 HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
      assertThat(readAll(c)).startsWith("HTTP/1.1 403 Forbidden");
    }
    assertThat(proxy.destinations()).singleElement().satisfies(d -> assertThat(d.reason()).isEqualTo("private_address"));
  }

  @Test
  void aDestinationTheRunEndedBeforeItWasDecidedIsRecordedAsInterrupted() throws Exception {
    CountDownLatch resolving = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Egress.Resolver slow = host -> {
      resolving.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new UnknownHostException(host);
    };
    start(List.of("*.slow.test:443"), Egress.builder().resolver(slow).build());
    try (SocketChannel c = client()) {
      c.write(ByteBuffer.wrap("CONNECT a.slow.test:443 HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
      resolving.await();
      List<NetworkDestination> midway = proxy.destinations();
      assertThat(midway).singleElement().satisfies(d -> {
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).isEqualTo("interrupted");
      });
    } finally {
      release.countDown();
    }
  }

  @Test
  void addressesThatEmbedANonPublicOneAreNotPublic() {
    for (String literal : List.of("::ffff:0:127.0.0.1", "::ffff:0:a9fe:a9fe", "64:ff9b:1::7f00:1", "64:ff9b:1::a9fe:a9fe",
        "168.63.129.16", "2001:0:4136:e378:8000:63bf:80ff:fffe")) {
      assertThat(AddressClass.nonPublic(AddressClass.literal(literal))).as(literal).isPresent();
    }
    assertThat(AddressClass.nonPublic(AddressClass.literal("2001:0:4136:e378:8000:63bf:3fff:fdd2"))).as("Teredo of a public client").isEmpty();
  }
}
