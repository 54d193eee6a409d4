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
package dev.threegate.testkit;

import dev.threegate.problem.Verdict;
import dev.threegate.problem.Violation;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a {@link Verdict}. */
public final class VerdictAssert extends AbstractAssert<VerdictAssert, Verdict> {

  VerdictAssert(Verdict actual) {
    super(actual, VerdictAssert.class);
  }

  /**
   * Verifies that the document passed: no violation.
   *
   * @return this assertion
   */
  public VerdictAssert hasPassed() {
    isNotNull();
    if (!actual.passed()) {
      failWithMessage("Expected the document to pass but the verdict rejected it with:%n%s", describe(actual.violations()));
    }
    return this;
  }

  /**
   * Verifies that the verdict rejects.
   *
   * @return this assertion
   */
  public VerdictAssert isRejected() {
    isNotNull();
    if (actual.passed()) {
      failWithMessage("Expected a rejection but the document passed");
    }
    return this;
  }

  /**
   * Verifies that the verdict rejects with at least these violation codes.
   *
   * @param codes the codes, such as {@code command.chaining}
   * @return this assertion
   */
  public VerdictAssert isRejectedWith(String... codes) {
    isRejected();
    checkCodes(actual.violations(), codes, "the verdict");
    return this;
  }

  static void checkCodes(List<Violation> violations, String[] codes, String what) {
    List<String> actualCodes = violations.stream().map(Violation::code).toList();
    List<String> missing = List.of(codes).stream().filter(c -> !actualCodes.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw new AssertionError(String.format("Expected %s to be rejected with %s but these were missing: %s%nThe violations were:%n%s",
          what, List.of(codes), missing, describe(violations)));
    }
  }

  static String describe(List<Violation> violations) {
    StringBuilder out = new StringBuilder();
    violations.forEach(v -> out.append("  ").append(v).append(System.lineSeparator()));
    return out.toString();
  }
}
