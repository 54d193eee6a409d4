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

import dev.threegate.exec.Isolation;
import dev.threegate.request.Backend;
import dev.threegate.request.Language;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Two policies are equal only when every knob is: a policy that differs in one knob is another policy. */
class PolicyEqualityTest {

  static Stream<Arguments> knobs() {
    Map<String, UnaryOperator<Policy.Builder>> changes = new java.util.LinkedHashMap<>();
    changes.put("allowedLanguages", b -> b.allowedLanguages(java.util.Set.of(Language.PYTHON)));
    changes.put("maxCpu", b -> b.maxCpu(3));
    changes.put("maxMemoryMb", b -> b.maxMemoryMb(4096));
    changes.put("maxTimeSec", b -> b.maxTimeSec(60));
    changes.put("maxCommandBytes", b -> b.maxCommandBytes(100));
    changes.put("allowParentheses", b -> b.allowParentheses(true));
    changes.put("allowNetworkAllowlist", b -> b.allowNetworkAllowlist(true));
    changes.put("networkAllowlistCeiling", b -> b.networkAllowlistCeiling(java.util.List.of("pypi.org:443")));
    changes.put("allowPrivateDestinations", b -> b.allowPrivateDestinations(true));
    changes.put("minimumIsolation", b -> b.minimumIsolation(Isolation.MICROVM));
    changes.put("allowNonAsciiArguments", b -> b.allowNonAsciiArguments(true));
    changes.put("programs", b -> b.allowPrograms(Language.PYTHON, "pytest"));
    changes.put("backendSubstitutions", b -> b.allowSubstitution(Backend.ERA, Backend.BUBBLEWRAP));
    changes.put("requireEnforcedLimits", b -> b.requireEnforcedLimits(true));
    changes.put("outputBudget", b -> b.maxOutputFiles(3));
    changes.put("approval", b -> b.approval(ApprovalMode.SIGNED));
    changes.put("approvalMaxAge", b -> b.approvalMaxAge(java.time.Duration.ofMinutes(5)));
    return changes.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("knobs")
  void aPolicyThatDiffersInOneKnobIsAnother(String knob, UnaryOperator<Policy.Builder> change) {
    Policy changed = change.apply(Policy.defaults().newBuilder()).build();
    Policy again = change.apply(Policy.defaults().newBuilder()).build();
    assertThat(changed).isNotEqualTo(Policy.defaults());
    assertThat(Policy.defaults()).isNotEqualTo(changed);
    assertThat(changed).isEqualTo(again).hasSameHashCodeAs(again);
    assertThat(changed.hashCode()).isNotEqualTo(Policy.defaults().hashCode());
    assertThat(changed.toString()).isNotEqualTo(Policy.defaults().toString()).contains(knob + "=");
    assertThat(changed.newBuilder().build()).isEqualTo(changed);
  }
}
