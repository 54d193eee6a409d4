package dev.threegate.exec;

/**
 * How strongly an executor separates the tool from the host, weakest first. A policy may require a
 * minimum; comparisons use the declaration order.
 */
public enum Isolation {
  /** No sandbox: the tool runs as an ordinary host process (test doubles, trusted hosts only). */
  NONE,
  /** Linux namespaces on the host kernel (for example bubblewrap). */
  NAMESPACE,
  /** A separate guest kernel in a microVM (for example ERA). */
  MICROVM;

  /**
   * Whether this isolation is at least as strong as another.
   *
   * @param minimum the isolation required
   * @return {@code true} when this is {@code minimum} or stronger
   */
  public boolean atLeast(Isolation minimum) {
    return compareTo(minimum) >= 0;
  }
}
