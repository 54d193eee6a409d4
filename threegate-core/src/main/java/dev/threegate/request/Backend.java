package dev.threegate.request;

import java.util.Locale;
import java.util.Optional;

/**
 * The sandbox a request's {@code backend} key names: the one its approver chose, and the only one
 * it runs on unless the policy allows a substitution. {@link #MONTY} (upstream's other lane) is
 * recognised only to be refused with a clear reason.
 */
public enum Backend {
  /** ERA's ephemeral microVM, upstream's lane. The default when the key is absent. */
  ERA("ERA"),
  /** A bubblewrap namespace sandbox on the Linux host. */
  BUBBLEWRAP("bubblewrap"),
  /** The Monty lane (a Python interpreter subset); not supported by this library. */
  MONTY("monty");

  private final String wireName;

  Backend(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The name used in Tool Requests and results.
   *
   * @return {@code ERA}, {@code bubblewrap} or {@code monty}
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Looks up a backend by name, ignoring case.
   *
   * @param name the name as written in a request
   * @return the backend, or empty when unknown
   */
  public static Optional<Backend> fromWireName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (Backend backend : values()) {
      if (backend.wireName.toLowerCase(Locale.ROOT).equals(lower)) {
        return Optional.of(backend);
      }
    }
    return Optional.empty();
  }
}
