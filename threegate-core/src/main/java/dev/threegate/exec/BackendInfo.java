package dev.threegate.exec;

import java.util.Objects;

/**
 * Identifies an executor's backend and what it can enforce.
 *
 * @param name a short name recorded in results, such as {@code era} or {@code bubblewrap}
 * @param version the backend's version as far as it can be told; {@code unknown} otherwise
 * @param capabilities what the backend can honour
 */
public record BackendInfo(String name, String version, Capabilities capabilities) {
  /**
   * Checks and copies the components.
   *
   * @param name a short name recorded in results, such as {@code era} or {@code bubblewrap} 
   * @param version the backend's version as far as it can be told; {@code unknown} otherwise 
   * @param capabilities what the backend can honour
   */
  public BackendInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(capabilities, "capabilities");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
  }
}
