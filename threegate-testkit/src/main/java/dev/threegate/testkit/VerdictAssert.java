package dev.threegate.testkit;

import dev.threegate.policy.Verdict;
import dev.threegate.policy.Violation;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a {@link Verdict}. */
public final class VerdictAssert extends AbstractAssert<VerdictAssert, Verdict> {

  VerdictAssert(Verdict actual) {
    super(actual, VerdictAssert.class);
  }

  /**
   * Verifies that the verdict approves.
   *
   * @return this assertion
   */
  public VerdictAssert isApproved() {
    isNotNull();
    if (!actual.approved()) {
      failWithMessage("Expected an approval but the verdict rejected with:%n%s", describe(actual.violations()));
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
    if (actual.approved()) {
      failWithMessage("Expected a rejection but the verdict approved");
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
