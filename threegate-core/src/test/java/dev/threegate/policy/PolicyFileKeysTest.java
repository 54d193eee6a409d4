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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.threegate.exec.Isolation;
import dev.threegate.exec.OutputBudget;
import dev.threegate.problem.Violation;
import dev.threegate.request.Backend;
import dev.threegate.request.Language;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each key of a policy file (docs/policy.md) sets its knob, and only that one, or is refused with its line. */
class PolicyFileKeysTest {

  private static Policy parse(String yaml) {
    return Policy.parse("policy.yaml", yaml);
  }

  private static void refused(String yaml, String code, String where) {
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOfSatisfying(PolicyFormatException.class, e -> assertThat(e.problems())
            .extracting(Violation::code, Violation::where)
            .containsExactly(tuple(code, where)));
  }

  @ParameterizedTest
  @CsvSource({"allow_network_allowlist", "allow_parentheses", "allow_non_ascii_arguments", "require_enforced_limits",
    "allow_private_destinations"})
  void eachSwitchSetsItsOwnKnobOnly(String key) {
    Policy on = parse(key + ": true\n");
    Policy expected = switch (key) {
      case "allow_network_allowlist" -> Policy.defaults().newBuilder().allowNetworkAllowlist(true).build();
      case "allow_parentheses" -> Policy.defaults().newBuilder().allowParentheses(true).build();
      case "allow_non_ascii_arguments" -> Policy.defaults().newBuilder().allowNonAsciiArguments(true).build();
      case "allow_private_destinations" -> Policy.defaults().newBuilder().allowPrivateDestinations(true).build();
      default -> Policy.defaults().newBuilder().requireEnforcedLimits(true).build();
    };
    assertThat(on).isEqualTo(expected).isNotEqualTo(Policy.defaults());
    assertThat(parse(key + ": false\n")).isEqualTo(Policy.defaults());
  }

  @Test
  void anAllowlistPolicyLetsAnAllowlistRequestThroughWithinItsCeiling() {
    Policy policy = parse("allow_network_allowlist: true\nnetwork_allowlist_ceiling: [\"*.pypi.org\", \"PyPI.org:443\"]\n");
    assertThat(policy.allowNetworkAllowlist()).isTrue();
    assertThat(policy.networkAllowlistCeiling()).containsExactly("*.pypi.org", "pypi.org:443");
    String request = dev.threegate.request.Requests.typicalWith("network: none",
        "network: allowlist\nnetwork_allowlist: [\"pypi.org:443\"]");
    assertThat(PolicyValidator.of(policy).validate(dev.threegate.request.Requests.parse(request)).violations()).isEmpty();
    assertThat(PolicyValidator.of(parse("allow_network_allowlist: true\n"))
        .validate(dev.threegate.request.Requests.parse(request)).violations())
        .extracting(Violation::code).containsExactly("network.not_in_ceiling");
    assertThat(PolicyValidator.of(Policy.defaults()).validate(dev.threegate.request.Requests.parse(request)).violations())
        .extracting(Violation::code).containsExactly("network.allowlist_forbidden");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"'*'", "'*.com'", "'example.com.'", "'*.0.0.1'", "'exämple.com'", "'a.*.com'", "'x.org:0'",
    "'x.org:65536'", "'https://x.org'"})
  void refusesACeilingEntryThatIsNotANameWildcardOrLiteral(String entry) {
    refused("network_allowlist_ceiling: [\"ok.example.org\", \"" + entry + "\"]\n", "field.value", "line 1, network_allowlist_ceiling");
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> Policy.builder().networkAllowlistCeiling(java.util.List.of(entry)));
  }

  @ParameterizedTest
  @CsvSource({
    "max_cpu, 1, 2147483647",
    "max_memory_mb, 1, 999999999999999999",
    "max_time_sec, 1, 999999999999999999",
    "max_command_bytes, 1, 2147483647",
    "max_output_files, 1, 4096",
    "max_output_bytes_total, 1, 999999999999999999",
    "collection_time_sec, 1, 86400"
  })
  void eachLimitIsReadWithinItsBoundsAndRefusedOutside(String key, long min, long max) {
    for (long value : new long[] {min, max}) {
      Policy policy = parse(key + ": " + value + "\n");
      long read = switch (key) {
        case "max_cpu" -> policy.maxCpu();
        case "max_memory_mb" -> policy.maxMemoryMb();
        case "max_time_sec" -> policy.maxTimeSec();
        case "max_command_bytes" -> policy.maxCommandBytes();
        case "max_output_files" -> policy.outputBudget().maxFiles();
        case "max_output_bytes_total" -> policy.outputBudget().maxBytesTotal();
        default -> policy.outputBudget().collectionTime().toSeconds();
      };
      assertThat(read).as("%s: %s", key, value).isEqualTo(value);
    }
    refused("\n" + key + ": " + (min - 1) + "\n", "field.value", "line 2, " + key);
    if (max < 999_999_999_999_999_999L) { // the largest whole number a policy file can write (18 digits)
      refused(key + ": " + (max + 1) + "\n", "field.value", "line 1, " + key);
    }
  }

  @Test
  void theLanguagesListReplacesTheDefaultOne() {
    assertThat(parse("allowed_languages: [ruby, \" go \"]\n").allowedLanguages())
        .containsExactlyInAnyOrder(Language.RUBY, Language.GO);
    assertThat(parse("allowed_languages: []\n").allowedLanguages()).isEmpty();
    refused("allowed_languages: [python, cobol]\n", "field.value", "line 1, allowed_languages");
  }

  @ParameterizedTest
  @CsvSource({"none, NONE", "namespace, NAMESPACE", "MicroVM, MICROVM", "' microvm ', MICROVM"})
  void readsTheMinimumIsolationInAnyCase(String written, Isolation expected) {
    assertThat(parse("minimum_isolation: " + written + "\n").minimumIsolation()).isEqualTo(expected);
  }

  @Test
  void anEmptyMinimumIsolationKeepsTheDefault() {
    assertThat(parse("minimum_isolation: \"\"\n").minimumIsolation()).isEqualTo(Isolation.NAMESPACE);
    refused("minimum_isolation: vm\n", "field.value", "line 1, minimum_isolation");
  }

  @Test
  void readsProgramsAndSubstitutionsAndRefusesWhatIsNotOne() {
    Policy policy = parse("""
        programs:
          - language: python
            names: [" pytest ", coverage]
        backend_substitutions:
          - requested: ERA
            allowed: [bubblewrap]
        """);
    assertThat(policy.programs()).isEqualTo(Map.of(Language.PYTHON, Set.of("pytest", "coverage")));
    assertThat(policy.backendSubstitutions()).isEqualTo(Map.of(Backend.ERA, Set.of(Backend.BUBBLEWRAP)));
    refused("programs:\n  - language: cobol\n    names: [x]\n", "field.value", "line 2, programs[0].language");
    refused("programs:\n  - language: python\n    names: [\"a/b\"]\n", "field.value", "line 3, programs[0].names");
    refused("backend_substitutions:\n  - requested: ERA\n    allowed: [monty]\n", "field.value",
        "line 3, backend_substitutions[0].allowed");
    refused("backend_substitutions:\n  - requested: docker\n    allowed: [ERA]\n", "field.value",
        "line 2, backend_substitutions[0].requested");
  }

  @Test
  void aNullDocumentOrAByteOrderMarkIsFine() {
    assertThat(parse("")).isEqualTo(Policy.defaults());
    assertThat(parse("# only a comment\n")).isEqualTo(Policy.defaults());
    assertThat(parse("null\n")).isEqualTo(Policy.defaults());
    assertThat(parse("\uFEFFmax_cpu: 2\n").maxCpu()).isEqualTo(2);
    refused("42\n", "format.not_mapping", "line 1");
  }

  @Test
  void aPolicyFileIsReadWholeOrRefused(@TempDir Path dir) throws IOException {
    Path big = dir.resolve("big.yaml");
    Files.writeString(big, "# " + "x".repeat(64 * 1024 - 3) + "\n");
    assertThat(Files.size(big)).isEqualTo(64 * 1024);
    assertThat(Policy.read(big)).isEqualTo(Policy.defaults());
    Files.writeString(big, "# " + "x".repeat(64 * 1024 - 2) + "\n");
    assertThatThrownBy(() -> Policy.read(big))
        .isInstanceOfSatisfying(PolicyFormatException.class, e -> assertThat(e.problems())
            .extracting(Violation::code).containsExactly("format.too_large"));
    Path latin1 = Files.write(dir.resolve("latin1.yaml"), "# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> Policy.read(latin1))
        .isInstanceOfSatisfying(PolicyFormatException.class, e -> assertThat(e.problems())
            .extracting(Violation::code).containsExactly("format.encoding"));
    Path ok = Files.writeString(dir.resolve("ok.yaml"), "max_time_sec: 5\ncollection_time_sec: 7\n");
    Policy policy = Policy.read(ok);
    assertThat(policy.maxTimeSec()).isEqualTo(5);
    assertThat(policy.outputBudget().collectionTime()).isEqualTo(Duration.ofSeconds(7));
    assertThat(policy.outputBudget().maxFiles()).isEqualTo(OutputBudget.DEFAULT_MAX_FILES);
  }
}
