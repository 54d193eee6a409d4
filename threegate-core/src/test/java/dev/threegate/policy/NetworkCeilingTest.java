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
package dev.threegate.policy;

import static dev.threegate.request.Requests.parse;
import static dev.threegate.request.Requests.typicalWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.problem.Violation;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A request's network_allowlist against the policy's ceiling: what each entry may list, and why not. */
class NetworkCeilingTest {

  private static List<Violation> violations(String ceiling, String entry) {
    Policy policy = Policy.defaults().newBuilder()
        .allowNetworkAllowlist(true)
        .networkAllowlistCeiling(ceiling.isEmpty() ? List.of() : Arrays.asList(ceiling.split(" ")))
        .build();
    String yamlEntry = "\"" + entry.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    String request = typicalWith("network: none", "network: allowlist\nnetwork_allowlist: [" + yamlEntry + "]");
    return PolicyValidator.of(policy).validate(parse(request)).violations();
  }

  private static String verdict(String ceiling, String entry) {
    List<String> codes = violations(ceiling, entry).stream().map(Violation::code).distinct().toList();
    return codes.isEmpty() ? "ok" : String.join(",", codes);
  }

  @ParameterizedTest(name = "ceiling [{0}] request {1}: {2}")
  @CsvSource(delimiter = '|', value = {
    // exact names, compared ignoring case
    "example.com | example.com | ok",
    "example.com | EXAMPLE.Com | ok",
    "Example.COM | example.com | ok",
    "example.com | www.example.com | network.not_in_ceiling",
    "example.com | example.com.evil.net | network.not_in_ceiling",
    "example.com | evil-example.com | network.not_in_ceiling",
    "example.com | example.co | network.not_in_ceiling",
    // wildcards: subdomains only, on a label boundary
    "*.example.com | a.example.com | ok",
    "*.example.com | a.b.example.com | ok",
    "*.example.com | A.EXAMPLE.COM | ok",
    "*.example.com | example.com | network.not_in_ceiling",
    "*.example.com | evil-example.com | network.not_in_ceiling",
    "*.example.com | aexample.com | network.not_in_ceiling",
    "*.example.com | example.com.evil.net | network.not_in_ceiling",
    "*.example.com | a.example.com.evil.net | network.not_in_ceiling",
    "*.example.com | *.example.com | ok",
    "*.example.com | *.a.example.com | ok",
    "*.a.example.com | *.a.example.com | ok",
    "*.a.example.com | *.example.com | network.not_in_ceiling",
    "*.a.example.com | b.example.com | network.not_in_ceiling",
    "a.example.com | *.example.com | network.not_in_ceiling",
    "example.com | *.example.com | network.not_in_ceiling",
    "*.example.com | *.evil-example.com | network.not_in_ceiling",
    // too broad, whatever the ceiling
    "*.example.com | * | network.wildcard_too_broad",
    "*.example.com | *.com | network.wildcard_too_broad",
    "*.example.com | *:443 | network.wildcard_too_broad",
    // ports: none means 80 and 443
    "example.com | example.com:443 | ok",
    "example.com | example.com:80 | ok",
    "example.com | example.com:8080 | network.not_in_ceiling",
    "example.com:443 | example.com:443 | ok",
    "example.com:443 | example.com | network.not_in_ceiling",
    "example.com:443 example.com:80 | example.com | ok",
    "example.com:8443 | example.com:8443 | ok",
    "example.com:8443 | example.com:443 | network.not_in_ceiling",
    "*.example.com:8443 | a.example.com:8443 | ok",
    "*.example.com:8443 | a.example.com | network.not_in_ceiling",
    // IP literals: only the same literal
    "*.example.com | 93.184.216.34 | network.ip_literal",
    "93.184.216.34 | 93.184.216.34 | ok",
    "93.184.216.34:443 | 93.184.216.34:443 | ok",
    "93.184.216.34 | 93.184.216.34:22 | network.ip_literal",
    "127.0.0.1 | 127.000.000.001 | network.ip_literal",
    "*.example.com | 2130706433 | network.ip_literal",
    "*.example.com | *.0.0.1 | network.ip_literal",
    "127.0.0.1 | *.0.0.1 | network.ip_literal",
    // not names at all: refused before the ceiling
    "example.com | example.com. | network.allowlist_invalid",
    "*.example.com | a.example.com. | network.allowlist_invalid",
    "*.example.com | bücher.example.com | network.allowlist_invalid",
    "*.example.com | xn--bcher-kva.example.com | ok",
    "example.com | https://example.com | network.allowlist_invalid",
    "example.com | example.com:0 | network.allowlist_invalid",
    "example.com | example.com:65536 | network.allowlist_invalid",
    "example.com | example.com:99999 | network.allowlist_invalid",
    "example.com | a.*.example.com | network.allowlist_invalid",
    "example.com | *example.com | network.allowlist_invalid",
    "example.com | [::1]:443 | network.allowlist_invalid",
    "example.com | user@example.com | network.allowlist_invalid",
    "example.com | -example.com | network.allowlist_invalid",
  })
  void eachEntryMustBeCoveredByTheCeiling(String ceiling, String entry, String expected) {
    assertThat(verdict(ceiling, entry)).isEqualTo(expected);
  }

  @Test
  void anEmptyCeilingAllowsNothingAndSaysSo() {
    List<Violation> violations = violations("", "pypi.org");
    assertThat(violations).extracting(Violation::code).containsExactly("network.not_in_ceiling");
    assertThat(violations.get(0).message()).contains("empty").contains("deny by default");
    assertThat(violations("", "10.0.0.1")).extracting(Violation::code).containsExactly("network.ip_literal");
  }

  @Test
  void theViolationNamesTheUncoveredPortAndQuotesTheEntryWhole() {
    List<Violation> violations = violations("example.com:443", "example.com");
    assertThat(violations.get(0).message()).contains("'example.com'").contains("port 80").contains("80 and 443");
    List<Violation> invalid = violations("example.com", "example.com' is allowed; also 'evil.example");
    assertThat(invalid).extracting(Violation::code).containsExactly("network.allowlist_invalid");
    assertThat(invalid.get(0).message()).startsWith("'example.com' is allowed; also 'evil.example' is not a host name");
  }

  @Test
  void aPolicyThatForbidsAllowlistsReportsOnlyThat() {
    Policy closed = Policy.defaults().newBuilder().networkAllowlistCeiling(List.of("pypi.org")).build();
    String request = typicalWith("network: none", "network: allowlist\nnetwork_allowlist: [\"evil.example\"]");
    assertThat(PolicyValidator.of(closed).validate(parse(request)).violations())
        .extracting(Violation::code).containsExactly("network.allowlist_forbidden");
  }

  @Test
  void everyEntryIsJudgedOnItsOwn() {
    Policy policy = Policy.defaults().newBuilder()
        .allowNetworkAllowlist(true)
        .networkAllowlistCeiling(List.of("*.pypi.org", "files.pythonhosted.org:443"))
        .build();
    String request = typicalWith("network: none",
        "network: allowlist\nnetwork_allowlist: [\"upload.pypi.org:443\", \"files.pythonhosted.org:443\", \"evil.example\", \"*.org\"]");
    assertThat(PolicyValidator.of(policy).validate(parse(request)).violations())
        .extracting(Violation::code).containsExactly("network.not_in_ceiling", "network.wildcard_too_broad");
  }
}
