package dev.threegate.request;

import java.util.Objects;

/**
 * A file the command reads from {@code /in}, as declared in the request's {@code inputs}.
 *
 * @param name the file name under {@code /in}, as written (a policy checks that it is plain)
 * @param sha256 the expected SHA-256 of the file's bytes, as written (a policy checks its form)
 */
public record InputFile(String name, String sha256) {
  /**
   * Checks and copies the components.
   *
   * @param name the file name under {@code /in}, as written (a policy checks that it is plain) 
   * @param sha256 the expected SHA-256 of the file's bytes, as written (a policy checks its form)
   */
  public InputFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sha256, "sha256");
  }
}
