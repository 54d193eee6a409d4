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

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request's {@code network_allowlist}, parsed: exact host names, {@code *.suffix} wildcards
 * (matching on a label boundary, never the suffix itself) and IP literals, each with an optional
 * port (without one: 80 and 443). Names compare case-insensitively, a trailing dot ignored.
 */
public final class EgressRules {
  private static final Set<Integer> DEFAULT_PORTS = Set.of(80, 443);
  private static final Pattern LABEL = Pattern.compile("[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?");
  private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  private static final Pattern DOTTED_QUAD = Pattern.compile(OCTET + "(?:\\." + OCTET + "){3}");
  private static final Pattern NUMERIC_LIKE = Pattern.compile("(?:.*\\.)?(?:[0-9]+|0x[0-9a-f]*)");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-f:.]{2,45}");

  /** A host as the proxy understands it. */
  public enum Kind {
    /** A DNS name, resolved by the proxy. */
    NAME,
    /** An IPv4 or IPv6 literal, never resolved. */
    LITERAL
  }

  /**
   * A normalized host.
   *
   * @param name lower case, no trailing dot; an IPv6 literal without brackets, in canonical form
   * @param kind a name or a literal
   * @param literal the address of a literal
   */
  public record Host(String name, Kind kind, Optional<InetAddress> literal) {}

  private record Entry(Host host, boolean wildcard, Set<Integer> ports) {}

  private final List<Entry> entries;

  private EgressRules(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * Parses allowlist entries.
   *
   * @param allowlist the entries
   * @return the rules
   * @throws IllegalArgumentException when an entry is not a host, {@code *.suffix} or IP literal
   *     with an optional port
   */
  public static EgressRules parse(List<String> allowlist) {
    List<Entry> entries = new ArrayList<>();
    for (String raw : allowlist) {
      String text = raw.strip();
      boolean wildcard = text.startsWith("*.");
      if (wildcard) {
        text = text.substring(2);
      }
      Authority authority = splitAuthority(text, -1)
          .orElseThrow(() -> new IllegalArgumentException("not a host with an optional port: " + printable(raw, 80)));
      Host host = normalize(authority.host())
          .orElseThrow(() -> new IllegalArgumentException("not a host name or IP literal: " + printable(raw, 80)));
      if (wildcard && host.kind() == Kind.LITERAL) {
        throw new IllegalArgumentException("a wildcard of an IP literal: " + printable(raw, 80));
      }
      entries.add(new Entry(host, wildcard, authority.port() < 0 ? DEFAULT_PORTS : Set.of(authority.port())));
    }
    return new EgressRules(entries);
  }

  /**
   * A host and port as written in an authority ({@code host:port}, {@code [v6]:port}).
   *
   * @param host the host, brackets removed
   * @param port the port, or -1 when there is none
   */
  public record Authority(String host, int port) {}

  /**
   * Splits {@code host[:port]} or {@code [v6][:port]}.
   *
   * @param text the authority
   * @param defaultPort the port when none is written (-1: none)
   * @return the parts, or empty when the text is not an authority
   */
  public static Optional<Authority> splitAuthority(String text, int defaultPort) {
    String host;
    String port = null;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        return Optional.empty();
      }
      host = text.substring(1, close);
      String rest = text.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          return Optional.empty();
        }
        port = rest.substring(1);
      }
    } else {
      int colon = text.lastIndexOf(':');
      if (colon >= 0) {
        if (text.indexOf(':') != colon) {
          return Optional.empty();
        }
        host = text.substring(0, colon);
        port = text.substring(colon + 1);
      } else {
        host = text;
      }
    }
    if (host.isEmpty()) {
      return Optional.empty();
    }
    if (port == null) {
      return Optional.of(new Authority(host, defaultPort));
    }
    if (!port.matches("[0-9]{1,5}")) {
      return Optional.empty();
    }
    int value = Integer.parseInt(port);
    return value < 1 || value > 65_535 ? Optional.empty() : Optional.of(new Authority(host, value));
  }

  /**
   * Normalizes a host: lower case, one trailing dot removed; a name must be ASCII labels of at most
   * 63 characters, 253 in all; an IPv4 literal must be a plain dotted quad (no octal, hex or short
   * forms); an IPv6 literal has no zone.
   *
   * @param raw the host as written, without brackets
   * @return the host, or empty when it is none of these
   */
  public static Optional<Host> normalize(String raw) {
    if (raw.isEmpty() || raw.length() > 254) {
      return Optional.empty();
    }
    String host = raw.toLowerCase(Locale.ROOT);
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return Optional.empty();
      }
    }
    if (host.contains(":")) {
      if (!IPV6_CHARS.matcher(host).matches()) {
        return Optional.empty();
      }
      try {
        InetAddress address = InetAddress.getByName(host);
        return Optional.of(new Host(address.getHostAddress(), Kind.LITERAL, Optional.of(address)));
      } catch (UnknownHostException e) {
        return Optional.empty();
      }
    }
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (host.isEmpty() || host.length() > 253) {
      return Optional.empty();
    }
    if (NUMERIC_LIKE.matcher(host).matches()) {
      if (!DOTTED_QUAD.matcher(host).matches()) {
        return Optional.empty();
      }
      try {
        return Optional.of(new Host(host, Kind.LITERAL, Optional.of(InetAddress.getByName(host))));
      } catch (UnknownHostException e) {
        return Optional.empty();
      }
    }
    for (String label : host.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return Optional.empty();
      }
    }
    return Optional.of(new Host(host, Kind.NAME, Optional.empty()));
  }

  /**
   * Judges a normalized host and port.
   *
   * @param host the host
   * @param port the port
   * @return empty when allowed, else the reason: {@code ip_literal} (a literal not listed), {@code
   *     not_allowlisted} or {@code port_not_allowed} (the host is listed, not with this port)
   */
  public Optional<String> judge(Host host, int port) {
    boolean hostListed = false;
    for (Entry entry : entries) {
      if (matches(entry, host)) {
        hostListed = true;
        if (entry.ports().contains(port)) {
          return Optional.empty();
        }
      }
    }
    if (hostListed) {
      return Optional.of("port_not_allowed");
    }
    return Optional.of(host.kind() == Kind.LITERAL ? "ip_literal" : "not_allowlisted");
  }

  private static boolean matches(Entry entry, Host host) {
    if (entry.host().kind() != host.kind()) {
      return false;
    }
    if (host.kind() == Kind.LITERAL) {
      return entry.host().literal().equals(host.literal());
    }
    String suffix = entry.host().name();
    if (entry.wildcard()) {
      return host.name().length() > suffix.length() + 1 && host.name().endsWith("." + suffix);
    }
    return host.name().equals(suffix);
  }

  /**
   * Printable ASCII of untrusted text, others replaced by {@code ?}, cut to a length.
   *
   * @param text the text
   * @param max the most characters kept
   * @return the printable text
   */
  public static String printable(String text, int max) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < max; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString();
  }
}
