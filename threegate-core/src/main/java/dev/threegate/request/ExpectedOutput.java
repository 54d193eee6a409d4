package dev.threegate.request;

import java.util.Objects;

/**
 * A file the command is expected to leave in {@code /out}, as declared in {@code outputs_expected}.
 *
 * @param path the absolute path in the sandbox, as written (a policy checks that it is under
 *     {@code /out/})
 * @param description what the file holds, for people; empty when not given
 */
public record ExpectedOutput(String path, String description) {
  /**
   * Checks and copies the components.
   *
   * @param path the absolute path in the sandbox, as written (a policy checks that it is under {@code /out/}) 
   * @param description what the file holds, for people; empty when not given
   */
  public ExpectedOutput {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(description, "description");
  }
}
