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
package dev.threegate.internal.policy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Network allowlist entries and the policy's ceiling over them (trusted computing base). An entry
 * is an exact name ({@code host}) or a wildcard ({@code *.suffix}, which matches names with at
 * least one more label, never the suffix itself), each with an optional {@code :port}. Names are
 * ASCII (an internationalised name is written in its {@code xn--} form), compared ignoring case,
 * without a trailing dot. A name whose last label is all digits is an IP literal: a wildcard never
 * matches one, and only the same literal in the ceiling covers one. An entry without a port means
 * ports 80 and 443.
 */
public final class NetworkNames {
  /** The ports an entry without a port stands for. */
  public static final List<Integer> DEFAULT_PORTS = List.of(80, 443);

  private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
  private static final Pattern ENTRY =
      Pattern.compile("(\\*|\\*\\.(" + LABEL + "(?:\\." + LABEL + ")*+)|(" + LABEL + "(?:\\." + LABEL + ")*+))(?::([0-9]{1,5}+))?");
  private static final Pattern DIGITS = Pattern.compile("[0-9]++");

  /**
   * A parsed entry.
   *
   * @param name the exact name, or the wildcard's suffix (empty for a lone {@code *}), lowercase
   * @param wildcard whether it is {@code *.name} (or {@code *})
   * @param port the port, when one is given
   */
  public record Entry(String name, boolean wildcard, Optional<Integer> port) {
    /**
     * The ports this entry stands for.
     *
     * @return its own port, or 80 and 443
     */
    public List<Integer> ports() {
      return port.map(List::of).orElse(DEFAULT_PORTS);
    }

    /**
     * Whether the name is an IP literal (its last label is all digits).
     *
     * @return whether it is one
     */
    public boolean ipLiteral() {
      int dot = name.lastIndexOf('.');
      return !name.isEmpty() && DIGITS.matcher(name.substring(dot + 1)).matches();
    }

    /**
     * Whether a wildcard is too broad to be listed: {@code *}, or a suffix of a single label such as
     * {@code *.com}.
     *
     * @return whether it is
     */
    public boolean tooBroad() {
      return wildcard && name.indexOf('.') < 0;
    }

    /**
     * Whether this ceiling entry covers a name of a request on a port.
     *
     * @param requested the request's entry
     * @param requestedPort one of its ports
     * @return whether it is covered
     */
    public boolean covers(Entry requested, int requestedPort) {
      if (!ports().contains(requestedPort)) {
        return false;
      }
      if (!wildcard) {
        return !requested.wildcard() && name.equals(requested.name());
      }
      if (tooBroad() || ipLiteral() || requested.ipLiteral()) {
        return false;
      }
      // *.example.com covers a.example.com and *.a.example.com, and *.example.com itself, never
      // example.com or evil-example.com
      return requested.wildcard() ? requested.name().equals(name) || requested.name().endsWith("." + name)
          : requested.name().endsWith("." + name);
    }
  }

  private NetworkNames() {}

  /**
   * Parses an entry.
   *
   * @param text {@code host}, {@code *.suffix} or {@code *}, each with an optional {@code :port}
   * @return the entry, or empty when the text is not one (a trailing dot, non-ASCII, a label of
   *     more than 63 characters, a name of more than 253, a port out of 1 to 65535)
   */
  public static Optional<Entry> parse(String text) {
    Matcher m = ENTRY.matcher(text);
    if (text.length() > 260 || !m.matches()) {
      return Optional.empty();
    }
    boolean wildcard = m.group(3) == null;
    String name = (wildcard ? (m.group(2) == null ? "" : m.group(2)) : m.group(3)).toLowerCase(Locale.ROOT);
    if (name.length() > 253) {
      return Optional.empty();
    }
    Optional<Integer> port = Optional.ofNullable(m.group(4)).map(Integer::valueOf);
    if (port.isPresent() && (port.get() < 1 || port.get() > 65_535)) {
      return Optional.empty();
    }
    return Optional.of(new Entry(name, wildcard, port));
  }

  /**
   * Checks a ceiling entry as a policy lists it.
   *
   * @param text the entry
   * @return why it cannot be a ceiling entry, or empty when it can
   */
  public static Optional<String> ceilingProblem(String text) {
    Optional<Entry> entry = parse(text);
    if (entry.isEmpty()) {
      return Optional.of("'" + text + "' is not a host name, *.suffix or IP literal with an optional port");
    }
    if (entry.get().tooBroad()) {
      return Optional.of("'" + text + "' is too broad: a wildcard needs a suffix of at least two labels");
    }
    if (entry.get().wildcard() && entry.get().ipLiteral()) {
      return Optional.of("'" + text + "' is a wildcard over an IP literal");
    }
    return Optional.empty();
  }

  /**
   * The ports of a requested entry that no ceiling entry covers.
   *
   * @param ceiling the policy's ceiling, each entry valid
   * @param requested the request's entry
   * @return the uncovered ports, in order; empty when the entry is covered
   */
  public static List<Integer> uncoveredPorts(List<String> ceiling, Entry requested) {
    List<Entry> entries = ceiling.stream().flatMap(c -> parse(c).stream()).toList();
    return requested.ports().stream().filter(p -> entries.stream().noneMatch(c -> c.covers(requested, p))).toList();
  }
}
