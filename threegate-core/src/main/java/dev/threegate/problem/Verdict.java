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

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The judgement on a document: {@link Passed}, or {@link Rejected} with every reason.
 * A verdict is data: validators return it and never throw for a bad document.
 */
public sealed interface Verdict permits Verdict.Passed, Verdict.Rejected {

  /** The verdict of a document that passed. */
  Verdict PASSED = new Passed();

  /**
   * Whether the document passed.
   *
   * @return {@code true} for {@link Passed}
   */
  boolean passed();

  /**
   * Every reason the document was refused, in the order found.
   *
   * @return the violations; empty exactly when {@link #passed()}
   */
  List<Violation> violations();

  /**
   * The verdict for a list of violations: passed when it is empty, rejected otherwise.
   *
   * @param violations the violations found
   * @return the verdict
   */
  static Verdict of(List<Violation> violations) {
    return violations.isEmpty() ? PASSED : new Rejected(violations);
  }


  /**
   * Combines two verdicts: passed only when both did, otherwise every violation of both.
   *
   * @param other the other verdict
   * @return the combined verdict
   */
  default Verdict and(Verdict other) {
    Objects.requireNonNull(other, "other");
    if (passed()) {
      return other;
    }
    if (other.passed()) {
      return this;
    }
    return new Rejected(
        Stream.concat(violations().stream(), other.violations().stream()).toList());
  }

  /** A document that passed every rule. */
  final class Passed implements Verdict {
    private Passed() {}

    @Override
    public boolean passed() {
      return true;
    }

    @Override
    public List<Violation> violations() {
      return List.of();
    }

    @Override
    public String toString() {
      return "Passed";
    }
  }

  /**
   * A refused document.
   *
   * @param violations every reason, at least one
   */
  record Rejected(List<Violation> violations) implements Verdict {
    /**
     * Checks and copies the components.
     *
     * @param violations every reason, at least one
     */
    public Rejected {
      violations = List.copyOf(violations);
      if (violations.isEmpty()) {
        throw new IllegalArgumentException("a rejection needs at least one violation");
      }
    }

    @Override
    public boolean passed() {
      return false;
    }

    /**
     * The distinct violation codes, in the order first found.
     *
     * @return the codes
     */
    public List<String> codes() {
      return violations.stream().map(Violation::code).distinct().toList();
    }
  }
}
