package dev.threegate.request;

import java.util.Optional;

/** The network access a Tool Request asks for. */
public enum NetworkMode {
  /** No network at all. */
  NONE("none"),
  /** Only the hosts listed in {@code network_allowlist}. */
  ALLOWLIST("allowlist");

  private final String wireName;

  NetworkMode(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The name used in Tool Requests and results.
   *
   * @return {@code none} or {@code allowlist}
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Looks up a mode by its exact wire name.
   *
   * @param name the name as written in a request
   * @return the mode, or empty when unknown
   */
  public static Optional<NetworkMode> fromWireName(String name) {
    for (NetworkMode mode : values()) {
      if (mode.wireName.equals(name)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
