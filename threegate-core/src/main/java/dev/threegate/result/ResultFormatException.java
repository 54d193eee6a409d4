package dev.threegate.result;

import dev.threegate.FormatException;
import dev.threegate.policy.Violation;
import java.util.List;

/** A Tool Result that cannot be read; it lists every problem with its line. */
public final class ResultFormatException extends FormatException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param sourceName where the result was read from
   * @param problems every problem found, at least one
   */
  public ResultFormatException(String sourceName, List<Violation> problems) {
    super("Tool Result", sourceName, problems);
  }
}
