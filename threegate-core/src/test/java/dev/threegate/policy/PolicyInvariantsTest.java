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
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threegate.exec.Isolation;
import dev.threegate.exec.OutputBudget;
import dev.threegate.request.Backend;
import dev.threegate.request.Language;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every {@link Policy} holds, however it was made: the defaults, the builder, the constructor. */
class PolicyInvariantsTest {

  private static Policy withLimits(int cpu, long memory, long time, int command) {
    return Policy.builder().allowLanguages(Language.PYTHON).maxCpu(cpu).maxMemoryMb(memory).maxTimeSec(time)
        .maxCommandBytes(command).minimumIsolation(Isolation.NAMESPACE).build();
  }

  @Test
  void theDefaultsAreTheDocumentedOnes() {
    Policy defaults = Policy.defaults();
    assertThat(defaults.allowedLanguages()).containsExactlyInAnyOrder(Language.values());
    assertThat(defaults.maxCpu()).isEqualTo(4);
    assertThat(defaults.maxMemoryMb()).isEqualTo(8192);
    assertThat(defaults.maxTimeSec()).isEqualTo(3600);
    assertThat(defaults.maxCommandBytes()).isEqualTo(4096);
    assertThat(defaults.allowParentheses()).isFalse();
    assertThat(defaults.allowNetworkAllowlist()).isFalse();
    assertThat(defaults.minimumIsolation()).isEqualTo(Isolation.NAMESPACE);
    assertThat(defaults.allowNonAsciiArguments()).isFalse();
    assertThat(defaults.programs()).isEmpty();
    assertThat(defaults.backendSubstitutions()).isEmpty();
    assertThat(defaults.requireEnforcedLimits()).isFalse();
    assertThat(defaults.outputBudget()).isEqualTo(OutputBudget.defaults());
    assertThat(Policy.defaults()).isSameAs(defaults);
  }

  @Test
  void aBuilderStartsFromTheStrictestSetting() {
    Policy policy = Policy.builder().build();
    assertThat(policy.allowedLanguages()).isEmpty();
    assertThat(policy.maxCpu()).isEqualTo(1);
    assertThat(policy.maxMemoryMb()).isEqualTo(512);
    assertThat(policy.maxTimeSec()).isEqualTo(60);
    assertThat(policy.maxCommandBytes()).isEqualTo(1024);
    assertThat(policy.allowParentheses()).isFalse();
    assertThat(policy.allowNetworkAllowlist()).isFalse();
    assertThat(policy.networkAllowlistCeiling()).isEmpty();
    assertThat(policy.allowPrivateDestinations()).isFalse();
    assertThat(policy.minimumIsolation()).isEqualTo(Isolation.NAMESPACE);
    assertThat(policy.allowNonAsciiArguments()).isFalse();
    assertThat(policy.requireEnforcedLimits()).isFalse();
  }

  @Test
  void limitsMustBePositiveWhereverTheyAreSet() {
    assertThat(withLimits(1, 1, 1, 1).maxCpu()).isEqualTo(1);
    assertThatIllegalArgumentException().isThrownBy(() -> withLimits(0, 1, 1, 1)).withMessageContaining("maxCpu");
    assertThatIllegalArgumentException().isThrownBy(() -> withLimits(1, 0, 1, 1)).withMessageContaining("maxMemoryMb");
    assertThatIllegalArgumentException().isThrownBy(() -> withLimits(1, 1, 0, 1)).withMessageContaining("maxTimeSec");
    assertThatIllegalArgumentException().isThrownBy(() -> withLimits(1, 1, 1, 0)).withMessageContaining("maxCommandBytes");
    assertThatIllegalArgumentException().isThrownBy(() -> withLimits(-1, 1, 1, 1));

    Policy.Builder builder = Policy.builder();
    assertThatIllegalArgumentException().isThrownBy(() -> builder.maxCpu(0));
    assertThatIllegalArgumentException().isThrownBy(() -> builder.maxMemoryMb(0));
    assertThatIllegalArgumentException().isThrownBy(() -> builder.maxTimeSec(0));
    assertThatIllegalArgumentException().isThrownBy(() -> builder.maxCommandBytes(0));
    Policy ones = builder.maxCpu(1).maxMemoryMb(1).maxTimeSec(1).maxCommandBytes(1).build();
    assertThat(ones).isEqualTo(withLimits(1, 1, 1, 1).newBuilder().allowedLanguages(Set.of()).build());
  }

  @Test
  void everySettingSurvivesTheBuilderRoundTrip() {
    Policy policy = Policy.builder()
        .allowLanguages(Language.GO, Language.RUBY)
        .maxCpu(3)
        .maxMemoryMb(2048)
        .maxTimeSec(90)
        .maxCommandBytes(300)
        .allowParentheses(true)
        .allowNetworkAllowlist(true)
        .networkAllowlistCeiling(List.of("*.Example.org", "10.0.0.1:8080"))
        .allowPrivateDestinations(true)
        .minimumIsolation(Isolation.MICROVM)
        .allowNonAsciiArguments(true)
        .allowPrograms(Language.GO, "gofmt")
        .allowSubstitution(Backend.ERA, Backend.BUBBLEWRAP)
        .requireEnforcedLimits(true)
        .maxOutputFiles(7)
        .maxOutputBytesTotal(4096)
        .collectionTime(Duration.ofSeconds(5))
        .build();
    assertThat(policy.allowedLanguages()).containsExactlyInAnyOrder(Language.GO, Language.RUBY);
    assertThat(policy.maxCpu()).isEqualTo(3);
    assertThat(policy.maxMemoryMb()).isEqualTo(2048);
    assertThat(policy.maxTimeSec()).isEqualTo(90);
    assertThat(policy.maxCommandBytes()).isEqualTo(300);
    assertThat(policy.allowParentheses()).isTrue();
    assertThat(policy.allowNetworkAllowlist()).isTrue();
    assertThat(policy.networkAllowlistCeiling()).containsExactly("*.example.org", "10.0.0.1:8080");
    assertThat(policy.allowPrivateDestinations()).isTrue();
    assertThat(policy.minimumIsolation()).isEqualTo(Isolation.MICROVM);
    assertThat(policy.allowNonAsciiArguments()).isTrue();
    assertThat(policy.programs()).isEqualTo(Map.of(Language.GO, Set.of("gofmt")));
    assertThat(policy.backendSubstitutions()).isEqualTo(Map.of(Backend.ERA, Set.of(Backend.BUBBLEWRAP)));
    assertThat(policy.requireEnforcedLimits()).isTrue();
    assertThat(policy.outputBudget()).isEqualTo(new OutputBudget(7, 4096, Duration.ofSeconds(5)));
    assertThat(policy.newBuilder().build()).isEqualTo(policy);
    assertThat(Policy.defaults().newBuilder().build()).isEqualTo(Policy.defaults());
  }

  @Test
  void aBuiltPolicyDoesNotChangeWhenItsSourcesDo() {
    Set<Language> languages = new HashSet<>(Set.of(Language.PYTHON));
    Map<Language, Set<String>> programs = new HashMap<>(Map.of(Language.PYTHON, new HashSet<>(Set.of("pytest"))));
    Map<Backend, Set<Backend>> substitutions = new HashMap<>(Map.of(Backend.ERA, EnumSet.of(Backend.BUBBLEWRAP)));
    Policy.Builder source = Policy.builder().allowedLanguages(languages).maxCpu(1).maxMemoryMb(1).maxTimeSec(1)
        .maxCommandBytes(1).minimumIsolation(Isolation.NONE);
    programs.forEach((language, names) -> source.allowPrograms(language, names.toArray(String[]::new)));
    substitutions.forEach((requested, used) -> used.forEach(u -> source.allowSubstitution(requested, u)));
    Policy policy = source.build();
    languages.add(Language.GO);
    programs.get(Language.PYTHON).add("bash");
    programs.put(Language.GO, Set.of("gofmt"));
    substitutions.get(Backend.ERA).add(Backend.MONTY);
    assertThat(policy.allowedLanguages()).containsExactly(Language.PYTHON);
    assertThat(policy.programs()).isEqualTo(Map.of(Language.PYTHON, Set.of("pytest")));
    assertThat(policy.backendSubstitutions()).isEqualTo(Map.of(Backend.ERA, Set.of(Backend.BUBBLEWRAP)));
    assertThatThrownBy(() -> policy.allowedLanguages().add(Language.GO)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> policy.programs().get(Language.PYTHON).add("sh")).isInstanceOf(UnsupportedOperationException.class);

    Policy.Builder builder = policy.newBuilder();
    builder.allowLanguages(Language.NODE).allowPrograms(Language.PYTHON, "coverage").allowSubstitution(Backend.BUBBLEWRAP, Backend.ERA);
    assertThat(policy.allowedLanguages()).containsExactly(Language.PYTHON);
    assertThat(policy.programs()).isEqualTo(Map.of(Language.PYTHON, Set.of("pytest")));
    assertThat(policy.backendSubstitutions()).isEqualTo(Map.of(Backend.ERA, Set.of(Backend.BUBBLEWRAP)));
  }

  @Test
  void nothingIsNull() {
    assertThatNullPointerException().isThrownBy(() -> Policy.builder().allowLanguages((Language) null));
    assertThatNullPointerException().isThrownBy(() -> Policy.builder().minimumIsolation(null));
    assertThatNullPointerException().isThrownBy(() -> Policy.builder().outputBudget(null));
    assertThatNullPointerException().isThrownBy(() -> Policy.builder().allowPrograms(null, "x"));
    assertThatNullPointerException().isThrownBy(() -> Policy.builder().allowSubstitution(null, Backend.ERA));
    assertThatNullPointerException().isThrownBy(() -> Policy.builder().allowSubstitution(Backend.ERA, null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a/b", "/usr/bin/python3", ".hidden", "py thon", "name;rm",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
  void programNamesAreFileNamesOnly(String name) {
    assertThatIllegalArgumentException().isThrownBy(() -> Policy.builder().allowPrograms(Language.PYTHON, name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"pytest", "x", "g++", "python3.12-dbg", "_tool",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
  void aProgramNameIsAllowedOnlyForItsLanguage(String name) {
    Policy policy = Policy.builder().allowPrograms(Language.PYTHON, name).build();
    assertThat(policy.allowsProgram(Language.PYTHON, name)).isTrue();
    assertThat(policy.allowsProgram(Language.NODE, name)).isFalse();
    assertThat(Policy.defaults().allowsProgram(Language.PYTHON, name)).isFalse();
  }

  @Test
  void aLanguagesOwnProgramsNeedNoListing() {
    assertThat(Policy.defaults().allowsProgram(Language.PYTHON, "python3")).isTrue();
    assertThat(Policy.defaults().allowsProgram(Language.NODE, "python3")).isFalse();
    assertThat(Policy.defaults().allowsProgram(Language.GO, "go")).isTrue();
  }

  @Test
  void aBackendSubstitutionGoesOneWayOnly() {
    Policy policy = Policy.builder().allowSubstitution(Backend.ERA, Backend.BUBBLEWRAP).build();
    assertThat(policy.allowsBackend(Backend.ERA, Backend.BUBBLEWRAP)).isTrue();
    assertThat(policy.allowsBackend(Backend.BUBBLEWRAP, Backend.ERA)).isFalse();
    assertThat(policy.allowsBackend(Backend.ERA, Backend.ERA)).isTrue();
    assertThat(Policy.defaults().allowsBackend(Backend.ERA, Backend.BUBBLEWRAP)).isFalse();
    assertThat(Policy.defaults().allowsBackend(Backend.BUBBLEWRAP, Backend.BUBBLEWRAP)).isTrue();
    assertThat(Policy.builder().allowSubstitution(Backend.ERA, Backend.ERA).build().backendSubstitutions()).isEmpty();
  }

  @Test
  void settingTheLanguagesReplacesThem() {
    Policy policy = Policy.builder().allowLanguages(Language.GO).allowedLanguages(Set.of(Language.NODE)).build();
    assertThat(policy.allowedLanguages()).containsExactly(Language.NODE);
    assertThat(Policy.builder().allowLanguages(Language.GO).allowLanguages(Language.NODE).build().allowedLanguages())
        .containsExactlyInAnyOrder(Language.GO, Language.NODE);
  }

  @Test
  void theOutputBudgetSettersKeepTheOtherParts() {
    Policy policy = Policy.builder().maxOutputFiles(9).build();
    assertThat(policy.outputBudget()).isEqualTo(new OutputBudget(9, OutputBudget.DEFAULT_MAX_BYTES_TOTAL,
        OutputBudget.DEFAULT_COLLECTION_TIME));
    policy = Policy.builder().maxOutputBytesTotal(99).build();
    assertThat(policy.outputBudget()).isEqualTo(new OutputBudget(OutputBudget.DEFAULT_MAX_FILES, 99,
        OutputBudget.DEFAULT_COLLECTION_TIME));
    policy = Policy.builder().collectionTime(Duration.ofSeconds(2)).build();
    assertThat(policy.outputBudget()).isEqualTo(new OutputBudget(OutputBudget.DEFAULT_MAX_FILES,
        OutputBudget.DEFAULT_MAX_BYTES_TOTAL, Duration.ofSeconds(2)));
    OutputBudget budget = new OutputBudget(3, 30, Duration.ofSeconds(3));
    assertThat(Policy.builder().outputBudget(budget).build().outputBudget()).isEqualTo(budget);
  }
}
