package dev.threegate.request;

import dev.threegate.FormatException;
import dev.threegate.policy.Violation;
import java.util.List;

/**
 * A Tool Request that cannot be read: not UTF-8, too large, no front matter, malformed YAML, a
 * missing or mistyped key, missing sections, an ambiguous command. It lists <em>every</em> problem
 * found, each with its line, as {@link Violation}s whose codes start with the part of the format
 * they concern ({@code format.*}, {@code field.*}, {@code section.*}, {@code command.*}, …).
 */
public final class RequestFormatException extends FormatException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param sourceName where the request was read from
   * @param problems every problem found, at least one
   */
  public RequestFormatException(String sourceName, List<Violation> problems) {
    super("Tool Request", sourceName, problems);
  }
}
