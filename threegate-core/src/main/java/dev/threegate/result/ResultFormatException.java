package dev.threegate.result;

import dev.threegate.ThreeGateException;
import dev.threegate.policy.Violation;
import java.util.List;

/** A Tool Result that cannot be read; it lists every problem with its line. */
public final class ResultFormatException extends ThreeGateException {
  private static final long serialVersionUID = 1L;

  private final transient List<Violation> problems;

  /**
   * Creates the exception.
   *
   * @param sourceName where the result was read from
   * @param problems every problem found, at least one
   */
  public ResultFormatException(String sourceName, List<Violation> problems) {
    super("malformed Tool Result " + sourceName + ":" + problems.stream().map(p -> "\n  " + p).reduce("", String::concat));
    this.problems = List.copyOf(problems);
    if (this.problems.isEmpty()) {
      throw new IllegalArgumentException("a format error needs at least one problem");
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
