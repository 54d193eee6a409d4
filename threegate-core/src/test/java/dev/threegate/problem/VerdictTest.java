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
package dev.threegate.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {
  private static final Violation A = new Violation("command.chaining", "command", "no");
  private static final Violation B = new Violation("limits.cpu", "cpu_limit", "no");

  @Test
  void anEmptyListIsAnApproval() {
    assertThat(Verdict.of(List.of())).isSameAs(Verdict.PASSED);
    assertThat(Verdict.of(List.of(A))).isEqualTo(new Verdict.Rejected(List.of(A)));
  }

  @Test
  void combinesViolationsInOrder() {
    Verdict both = Verdict.of(List.of(A)).and(Verdict.of(List.of(B)));
    assertThat(both.violations()).containsExactly(A, B);
    assertThat(Verdict.PASSED.and(Verdict.PASSED)).isSameAs(Verdict.PASSED);
    assertThat(((Verdict.Rejected) both.and(Verdict.of(List.of(A)))).codes()).containsExactly("command.chaining", "limits.cpu");
  }

  @Test
  void violationCodesAreDottedIdentifiers() {
    assertThatThrownBy(() -> new Violation("Chaining", "", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Verdict.Rejected(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThat(A).hasToString("command.chaining (command): no");
  }
}
