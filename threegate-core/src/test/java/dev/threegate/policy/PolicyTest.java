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

import dev.threegate.exec.Isolation;
import dev.threegate.request.Backend;
import dev.threegate.request.Language;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyTest {
  @Test
  void newBuilderMakesAnEqualPolicyAndVariantsLeaveTheOriginalAlone() {
    Policy defaults = Policy.defaults();
    assertThat(defaults.newBuilder().build()).isEqualTo(defaults).hasSameHashCodeAs(defaults).hasToString(defaults.toString());
    Policy.Builder builder = defaults.newBuilder()
        .maxMemoryMb(1024)
        .allowPrograms(Language.PYTHON, "pytest")
        .allowSubstitution(Backend.ERA, Backend.BUBBLEWRAP)
        .minimumIsolation(Isolation.MICROVM);
    Policy variant = builder.build();
    assertThat(variant).isNotEqualTo(defaults);
    assertThat(variant.maxMemoryMb()).isEqualTo(1024);
    assertThat(variant.allowsProgram(Language.PYTHON, "pytest")).isTrue();
    assertThat(variant.allowsBackend(Backend.ERA, Backend.BUBBLEWRAP)).isTrue();
    assertThat(defaults.maxMemoryMb()).isEqualTo(8192);
    assertThat(defaults.allowsProgram(Language.PYTHON, "pytest")).isFalse();
    assertThat(defaults.allowsBackend(Backend.ERA, Backend.BUBBLEWRAP)).isFalse();
    builder.allowPrograms(Language.NODE, "jest");
    assertThat(variant.programs()).doesNotContainKey(Language.NODE);
    assertThat(variant.newBuilder().build()).isEqualTo(variant).hasSameHashCodeAs(variant);
    assertThat(variant.toString()).startsWith("Policy[allowedLanguages=").contains("maxMemoryMb=1024");
  }

  @Test
  void theValuesAreImmutable() {
    Policy policy = Policy.defaults().newBuilder().allowPrograms(Language.PYTHON, "pytest").build();
    assertThatThrownBy(() -> policy.allowedLanguages().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> policy.programs().get(Language.PYTHON).add("bash")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> policy.backendSubstitutions().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theBuilderRefusesWhatThePolicyCannotHold() {
    assertThatThrownBy(() -> Policy.builder().maxCpu(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Policy.builder().maxCommandBytes(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Policy.builder().allowPrograms(Language.PYTHON, "/bin/sh"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Policy.builder().allowedLanguages(Set.of()).minimumIsolation(null))
        .isInstanceOf(NullPointerException.class);
    assertThat(Policy.builder().build().allowedLanguages()).isEmpty();
  }
}
