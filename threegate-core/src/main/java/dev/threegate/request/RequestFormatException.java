package dev.threegate.request;

import dev.threegate.ThreeGateException;
import dev.threegate.policy.Violation;
import java.util.List;
import java.util.Objects;

/**
 * A Tool Request that cannot be read: not UTF-8, too large, no front matter, malformed YAML, a
 * missing or mistyped key, missing sections, an ambiguous command. It lists <em>every</em> problem
 * found, each with its line, as {@link Violation}s whose codes start with the part of the format
 * they concern ({@code format.*}, {@code field.*}, {@code section.*}, {@code command.*}, …).
 */
public final class RequestFormatException extends ThreeGateException {
  private static final long serialVersionUID = 1L;

  private final String sourceName;
  private final transient List<Violation> problems;

  /**
   * Creates the exception.
   *
   * @param sourceName where the request was read from
   * @param problems every problem found, at least one
   */
  public RequestFormatException(String sourceName, List<Violation> problems) {
    super(describe(sourceName, problems));
    this.sourceName = sourceName;
    this.problems = List.copyOf(problems);
  }

  private static String describe(String sourceName, List<Violation> problems) {
    Objects.requireNonNull(sourceName, "sourceName");
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a format error needs at least one problem");
    }
    StringBuilder message =
        new StringBuilder("malformed Tool Request ").append(sourceName).append(':');
    for (Violation problem : problems) {
      message.append("\n  ").append(problem);
    }
    return message.toString();
  }

  /**
   * Where the request was read from.
   *
   * @return the source name given to the parser
   */
  public String sourceName() {
    return sourceName;
  }

  /**
   * Every problem found, in source order.
   *
   * @return the problems, at least one
   */
  public List<Violation> problems() {
    return problems;
  }
}
