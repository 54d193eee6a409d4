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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EgressRulesTest {
  private static final EgressRules RULES =
      EgressRules.parse(List.of("example.com", "*.pypi.org", "api.github.com:8443", "10.0.0.5:8080", "[2001:db8::1]:443"));

  private static Optional<String> judge(String host, int port) {
    return EgressRules.normalize(host).map(h -> RULES.judge(h, port).orElse("allowed"));
  }

  @ParameterizedTest(name = "{0}:{1} -> {2}")
  @CsvSource({
      "example.com, 443, allowed",
      "example.com, 80, allowed",
      "EXAMPLE.COM, 443, allowed",
      "Example.Com., 443, allowed",
      "example.com, 8080, port_not_allowed",
      "www.example.com, 443, not_allowlisted",
      "evil-example.com, 443, not_allowlisted",
      "example.com.evil.net, 443, not_allowlisted",
      "xexample.com, 443, not_allowlisted",
      "files.pypi.org, 443, allowed",
      "a.b.pypi.org, 443, allowed",
      "pypi.org, 443, not_allowlisted",
      "evilpypi.org, 443, not_allowlisted",
      "pypi.org.evil.net, 443, not_allowlisted",
      "api.github.com, 8443, allowed",
      "api.github.com, 443, port_not_allowed",
      "10.0.0.5, 8080, allowed",
      "10.0.0.5, 443, port_not_allowed",
      "10.0.0.6, 8080, ip_literal",
      "127.0.0.1, 443, ip_literal",
      "2001:db8::1, 443, allowed",
      "2001:0db8:0:0:0:0:0:1, 443, allowed",
      "::1, 443, ip_literal",
      "xn--bcher-kva.example, 443, not_allowlisted",
  })
  void judges(String host, int port, String expected) {
    assertThat(judge(host, port)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", ".", "..", "a..b", "-a.com", "a-.com", "bücher.example", "exa mple.com", "example.com\r\nX: y", "exa\0mple.com",
      "0x7f.1", "127.1", "2130706433", "017.0.0.1", "1.2.3.256", "fe80::1%eth0", "*.example.com", "a/b", "user@host",
  })
  void refusesWhatIsNotAHost(String host) {
    assertThat(EgressRules.normalize(host)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void refusesOverlongNames() {
    String label = "a".repeat(63);
    String name253 = String.join(".", label, label, label, "a".repeat(61));
    assertThat(name253).hasSize(253);
    assertThat(EgressRules.normalize(name253)).isPresent();
    assertThat(EgressRules.normalize(name253 + ".")).isPresent();
    assertThat(EgressRules.normalize(name253 + "a")).isEmpty();
    assertThat(EgressRules.normalize("a".repeat(64) + ".com")).isEmpty();
    assertThat(EgressRules.normalize("a".repeat(100_000))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"*.", "*.10.0.0.1", "a:b:c", "host:0", "host:65536", "host:", "*", "bücher.de", "[::1", "a b"})
  void refusesBadEntries(String entry) {
    assertThatThrownBy(() -> EgressRules.parse(List.of(entry))).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "example.com:443|example.com|443",
      "example.com|example.com|-1",
      "[::1]:8080|::1|8080",
      "[::1]|::1|-1",
  })
  void splitsAuthorities(String text, String host, int port) {
    assertThat(EgressRules.splitAuthority(text, -1)).contains(new EgressRules.Authority(host, port));
  }

  @ParameterizedTest
  @ValueSource(strings = {"example.com:", "example.com:x", ":443", "::1:443", "[::1]x", "example.com:99999", "example.com:+1"})
  void refusesBadAuthorities(String text) {
    assertThat(EgressRules.splitAuthority(text, -1)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void printableKeepsOnlyPrintableAscii() {
    assertThat(EgressRules.printable("a\r\nb\0c\u00e9d", 100)).isEqualTo("a??b?c?d");
    assertThat(EgressRules.printable("x".repeat(500), 10)).hasSize(10);
  }
}
