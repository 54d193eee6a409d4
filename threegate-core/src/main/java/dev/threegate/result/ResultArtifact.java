package dev.threegate.result;

import java.util.Objects;

/**
 * An artifact as listed in a Tool Result's front matter.
 *
 * @param path the file's path relative to the results directory, such as {@code
 *     TS-…-csv-stats.out/stats.json}
 * @param sha256 its SHA-256, 64 lowercase hex digits
 * @param bytes its size
 */
public record ResultArtifact(String path, String sha256, long bytes) {
  /**
   * Checks that no component is null.
   *
   * @param path the relative path
   * @param sha256 the hash
   * @param bytes the size
   */
  public ResultArtifact {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256, "sha256");
  }
}
