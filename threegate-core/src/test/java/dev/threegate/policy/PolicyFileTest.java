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

import dev.threegate.exec.Isolation;
import dev.threegate.problem.Violation;
import dev.threegate.request.Language;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


class PolicyFileTest {

  @Test
  void appliesKnobsOnTopOfTheDefaults(@TempDir Path dir) throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("policy.yaml"),
            """
            # a tighter policy
            allowed_languages: [python, node]
            max_cpu: 2
            max_memory_mb: 1024
            max_time_sec: 120
            max_command_bytes: 1024
            allow_parentheses: true
            allow_network_allowlist: false
            minimum_isolation: microvm
            """);
    Policy policy = Policy.read(file);
    assertThat(policy)
        .isEqualTo(
            Policy.builder()
                .allowedLanguages(Set.of(Language.PYTHON, Language.NODE))
                .maxCpu(2)
                .maxMemoryMb(1024)
                .maxTimeSec(120)
                .maxCommandBytes(1024)
                .allowParentheses(true)
                .minimumIsolation(Isolation.MICROVM)
                .build());
  }

  @Test
  void readsRequireEnforcedLimits() {
    assertThat(Policy.parse("p.yaml", "require_enforced_limits: true\n").requireEnforcedLimits()).isTrue();
    assertThat(Policy.parse("p.yaml", "require_enforced_limits: false\n").requireEnforcedLimits()).isFalse();
    assertThat(Policy.defaults().requireEnforcedLimits()).isFalse();
    assertThat(Policy.defaults().newBuilder().requireEnforcedLimits(true).build().newBuilder().build().requireEnforcedLimits()).isTrue();
  }

  @Test
  void readsTheOutputBudgetAndRefusesValuesOutsideItsBounds() {
    Policy policy = Policy.parse("p.yaml", """
        max_output_files: 50
        max_output_bytes_total: 1048576
        collection_time_sec: 5
        """);
    assertThat(policy.outputBudget())
        .isEqualTo(new dev.threegate.exec.OutputBudget(50, 1 << 20, java.time.Duration.ofSeconds(5)));
    assertThat(Policy.defaults().outputBudget()).isEqualTo(dev.threegate.exec.OutputBudget.defaults());
    assertThatThrownBy(() -> Policy.parse("bad.yaml", """
        max_output_files: 5000
        max_output_bytes_total: 0
        collection_time_sec: 100000
        """))
        .isInstanceOf(PolicyFormatException.class)
        .hasMessageContaining("max_output_files must be between 1 and 4096, not 5000")
        .hasMessageContaining("max_output_bytes_total must be between 1 and")
        .hasMessageContaining("collection_time_sec must be between 1 and 86400, not 100000");
  }

  @Test
  void readsProgramsSubstitutionsAndNonAsciiArguments() {
    Policy policy = Policy.parse("p.yaml", """
        allow_non_ascii_arguments: true
        programs:
          - language: python
            names: [pytest, timeout]
        backend_substitutions:
          - requested: ERA
            allowed: [bubblewrap]
        """);
    assertThat(policy).isEqualTo(Policy.defaults().newBuilder().allowNonAsciiArguments(true)
        .allowPrograms(dev.threegate.request.Language.PYTHON, "pytest", "timeout")
        .allowSubstitution(dev.threegate.request.Backend.ERA, dev.threegate.request.Backend.BUBBLEWRAP).build());
    assertThatThrownBy(() -> Policy.parse("bad.yaml", """
        programs:
          - language: bash
            names: [x]
          - language: python
            names: ["../evil"]
        backend_substitutions:
          - requested: ERA
            allowed: [monty, docker]
        """))
        .isInstanceOfSatisfying(PolicyFormatException.class, e -> assertThat(e.problems()).hasSize(4));
  }

  @Test
  void anEmptyFileIsTheDefaultPolicy() {
    assertThat(Policy.parse("empty.yaml", "")).isEqualTo(Policy.defaults());
    assertThat(Policy.parse("one.yaml", "max_cpu: 2")).isEqualTo(Policy.defaults().newBuilder().maxCpu(2).build());
  }

  @Test
  void reportsEveryProblemWithItsLine() {
    assertThatThrownBy(
            () ->
                Policy.parse(
                    "bad.yaml",
                    "max_cpu: many\nallow_everything: true\nminimum_isolation: none-at-all\nallowed_languages: [bash]\nmax_time_sec: 0\n"))
        .isInstanceOfSatisfying(
            PolicyFormatException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Violation::code, Violation::where)
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("field.integer", "line 1, max_cpu"),
                        org.assertj.core.groups.Tuple.tuple("field.unknown", "line 2, allow_everything"),
                        org.assertj.core.groups.Tuple.tuple("field.value", "line 3, minimum_isolation"),
                        org.assertj.core.groups.Tuple.tuple("field.value", "line 4, allowed_languages"),
                        org.assertj.core.groups.Tuple.tuple("field.value", "line 5, max_time_sec")));
  }

  @Test
  void usesTheSameSafeLoaderAsRequests() {
    assertThatThrownBy(() -> Policy.parse("alias.yaml", "max_cpu: &n 2\nmax_memory_mb: *n\n"))
        .isInstanceOfSatisfying(
            PolicyFormatException.class,
            e -> assertThat(e.problems()).extracting(Violation::code).contains("format.yaml_anchor", "format.yaml_alias"));
    assertThatThrownBy(() -> Policy.parse("list.yaml", "- max_cpu\n"))
        .isInstanceOf(PolicyFormatException.class)
        .hasMessageContaining("format.not_mapping");
  }

  @Test
  void refusesPlainValuesThatYamlReadersReadDifferently() {
    assertThatThrownBy(() -> Policy.parse("yes.yaml", "max_cpu: 010\nallow_parentheses: yes\n"))
        .isInstanceOfSatisfying(
            PolicyFormatException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Violation::code, Violation::where)
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("format.yaml_ambiguous", "line 1"),
                        org.assertj.core.groups.Tuple.tuple("format.yaml_ambiguous", "line 2"),
                        org.assertj.core.groups.Tuple.tuple("field.boolean", "line 2, allow_parentheses")));
    assertThat(Policy.parse("quoted.yaml", "max_cpu: \"010\"\nminimum_isolation: 'none'\n").maxCpu()).isEqualTo(10);
  }

  @Test
  void builderValuesAreCheckedWhenSet() {
    assertThatThrownBy(() -> Policy.builder().maxCpu(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Policy.builder().minimumIsolation(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Policy.builder().allowLanguages((Language) null)).isInstanceOf(NullPointerException.class);
  }
}
