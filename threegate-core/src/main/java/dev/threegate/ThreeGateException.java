package dev.threegate;

/**
 * Root of the library's unchecked exceptions: format errors in documents it reads and failures of
 * the infrastructure it drives. Expected outcomes (a policy rejection, a non-zero exit, a timeout)
 * are values, never exceptions; misuse of the API raises the JDK's own exceptions.
 */
public abstract class ThreeGateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message for people.
   *
   * @param message what went wrong
   */
  protected ThreeGateException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message for people and its cause.
   *
   * @param message what went wrong
   * @param cause the underlying failure
   */
  protected ThreeGateException(String message, Throwable cause) {
    super(message, cause);
  }
}
