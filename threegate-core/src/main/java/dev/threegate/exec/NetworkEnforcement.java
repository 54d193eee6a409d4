package dev.threegate.exec;

import java.util.Locale;

/** What actually kept the tool off the network. A result never claims more than this. */
public enum NetworkEnforcement {
  /** The tool ran in a fresh network namespace of the host, with no interface but loopback. */
  HOST_NAMESPACE,
  /** The backend itself isolated the network and is trusted to have done so. */
  BACKEND,
  /** Nothing enforced the network setting: the tool may have reached the network. */
  NOT_ENFORCED;

  /**
   * The name used in Tool Results.
   *
   * @return {@code host_namespace}, {@code backend} or {@code not_enforced}
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
