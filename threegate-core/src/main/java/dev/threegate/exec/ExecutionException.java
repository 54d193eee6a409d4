package dev.threegate.exec;

import dev.threegate.ThreeGateException;

/**
 * The executor's infrastructure failed: the sandbox could not start, was missing, refused, or
 * broke. A tool's non-zero exit, timeout or output overflow is not an exception but an {@link
 * ExecutionResult}.
 */
public final class ExecutionException extends ThreeGateException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, for people
   */
  public ExecutionException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what failed, for people
   * @param cause the underlying failure
   */
  public ExecutionException(String message, Throwable cause) {
    super(message, cause);
  }
}
