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

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which addresses the egress proxy refuses after resolution: loopback, private (RFC 1918, fc00::/7,
 * site-local), link-local (169.254/16 with the cloud metadata address, fe80::/10), multicast,
 * unspecified, CGNAT (100.64/10), 0/8, 192.0.0/24, benchmarking (198.18/15), reserved (240/4) and
 * broadcast; IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64 64:ff9b::/96, 6to4
 * 2002::/16) are judged by that address.
 */
public final class AddressClass {
  private AddressClass() {}

  /**
   * Why an address is not a public destination.
   *
   * @param address the address
   * @return empty for a public address, else what it is ({@code loopback}, {@code private}, ...)
   */
  public static Optional<String> nonPublic(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return nonPublic4(b);
    }
    if (address instanceof Inet6Address) {
      if (address.isLoopbackAddress()) {
        return Optional.of("loopback");
      }
      if (address.isAnyLocalAddress()) {
        return Optional.of("unspecified");
      }
      if (address.isMulticastAddress()) {
        return Optional.of("multicast");
      }
      if (address.isLinkLocalAddress()) {
        return Optional.of("link_local");
      }
      if (address.isSiteLocalAddress() || (b[0] & 0xfe) == 0xfc) {
        return Optional.of("private");
      }
      boolean zero10 = allZero(b, 0, 10);
      if (zero10 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
        return embedded(b, 12);
      }
      if (zero10 && b[10] == 0 && b[11] == 0) {
        return embedded(b, 12);
      }
      // IPv4-translated ::ffff:0:0/96 (RFC 2765)
      if (allZero(b, 0, 8) && (b[8] & 0xff) == 0xff && (b[9] & 0xff) == 0xff && b[10] == 0 && b[11] == 0) {
        return embedded(b, 12);
      }
      if (b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12)) {
        return embedded(b, 12);
      }
      // local-use NAT64 64:ff9b:1::/48 (RFC 8215): judged by the IPv4 address in its last 32 bits
      if (b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && b[4] == 0 && b[5] == 1) {
        return embedded(b, 12);
      }
      // Teredo 2001::/32: the client's IPv4 address is the last 32 bits, inverted
      if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
        byte[] client = Arrays.copyOfRange(b, 12, 16);
        for (int i = 0; i < 4; i++) {
          client[i] = (byte) ~client[i];
        }
        return nonPublic4(client).map(kind -> kind + "_embedded_ipv4");
      }
      if (b[0] == 0x20 && b[1] == 0x02) {
        return embedded(b, 2);
      }
      return Optional.empty();
    }
    return Optional.of("unknown");
  }

  private static Optional<String> embedded(byte[] b, int from) {
    return nonPublic4(Arrays.copyOfRange(b, from, from + 4)).map(kind -> kind + "_embedded_ipv4");
  }

  private static Optional<String> nonPublic4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    int a2 = b[2] & 0xff;
    if (a0 == 0) {
      return Optional.of("unspecified");
    }
    if (a0 == 127) {
      return Optional.of("loopback");
    }
    if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
      return Optional.of("private");
    }
    if (a0 == 169 && a1 == 254) {
      return Optional.of("link_local");
    }
    // Azure's WireServer and metadata endpoint: routed publicly, answers only the host it runs on
    if (a0 == 168 && a1 == 63 && a2 == 129 && (b[3] & 0xff) == 16) {
      return Optional.of("metadata");
    }
    if (a0 == 100 && (a1 & 0xc0) == 64) {
      return Optional.of("cgnat");
    }
    if (a0 == 192 && a1 == 0 && a2 == 0) {
      return Optional.of("reserved");
    }
    if (a0 == 198 && (a1 & 0xfe) == 18) {
      return Optional.of("reserved");
    }
    if (a0 >= 224 && a0 < 240) {
      return Optional.of("multicast");
    }
    if (a0 >= 240) {
      return Optional.of("reserved");
    }
    return Optional.empty();
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Parses an address literal for tests and tables.
   *
   * @param literal an IPv4 or IPv6 literal
   * @return the address
   * @throws IllegalArgumentException when it is not a literal
   */
  public static InetAddress literal(String literal) {
    try {
      if (!literal.contains(":") && !literal.matches("[0-9.]+")) {
        throw new IllegalArgumentException("not an address literal: " + literal);
      }
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address literal: " + literal, e);
    }
  }
}
