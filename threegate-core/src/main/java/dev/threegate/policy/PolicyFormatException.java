package dev.threegate.policy;

import dev.threegate.ThreeGateException;
import java.util.List;

/** A policy file that cannot be read; it lists every problem with its line. */
public final class PolicyFormatException extends ThreeGateException {
  private static final long serialVersionUID = 1L;

  private final transient List<Violation> problems;

  /**
   * Creates the exception.
   *
   * @param sourceName where the policy was read from
   * @param problems every problem found, at least one
   */
  public PolicyFormatException(String sourceName, List<Violation> problems) {
    super(
        "invalid policy "
            + sourceName
            + ":"
            + problems.stream().map(p -> "\n  " + p).reduce("", String::concat));
    this.problems = List.copyOf(problems);
    if (this.problems.isEmpty()) {
      throw new IllegalArgumentException("a policy format error needs at least one problem");
    }
  }

  /**
   * Every problem found, in source order.
   *
   * @return the problems
   */
  public List<Violation> problems() {
    return problems;
  }
}
