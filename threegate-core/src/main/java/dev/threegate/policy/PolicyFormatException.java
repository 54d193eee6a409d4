package dev.threegate.policy;

import dev.threegate.FormatException;
import java.util.List;

/** A policy file that cannot be read; it lists every problem with its line. */
public final class PolicyFormatException extends FormatException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param sourceName where the policy was read from
   * @param problems every problem found, at least one
   */
  public PolicyFormatException(String sourceName, List<Violation> problems) {
    super("policy", sourceName, problems);
  }
}
