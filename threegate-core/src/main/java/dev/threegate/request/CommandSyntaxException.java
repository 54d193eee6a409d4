package dev.threegate.request;

import dev.threegate.ThreeGateException;
import dev.threegate.policy.Violation;
import java.util.Objects;

/**
 * A command that the {@link Command} grammar cannot turn into exactly one argv. It carries the
 * {@link Violation} a validator reports for it.
 */
public final class CommandSyntaxException extends ThreeGateException {
  private static final long serialVersionUID = 1L;

  private final transient Violation violation;

  /**
   * Creates the exception.
   *
   * @param violation why the command has no argv; its code is one of {@code command.missing},
   *     {@code command.quote_unbalanced}, {@code command.quote_glued},
   *     {@code command.control_character} or {@code command.invisible_character}
   */
  public CommandSyntaxException(Violation violation) {
    super(Objects.requireNonNull(violation, "violation").message());
    this.violation = violation;
  }

  /**
   * Why the command has no argv.
   *
   * @return the violation, with {@code where} set to {@code command}
   */
  public Violation violation() {
    return violation;
  }
}
