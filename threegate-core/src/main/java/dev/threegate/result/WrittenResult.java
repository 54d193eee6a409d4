package dev.threegate.result;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link ToolResultWriter} published.
 *
 * @param resultId the result's id, such as {@code TS-20261126-120104Z-TR-…}
 * @param resultFile the Tool Result Markdown file
 * @param artifacts every file written beside it (the streams first, then the files from {@code
 *     /out}), as listed in its front matter
 */
public record WrittenResult(String resultId, Path resultFile, List<Path> artifacts) {
  /**
   * Checks and copies the components.
   *
   * @param resultId the id
   * @param resultFile the result file
   * @param artifacts the files beside it
   */
  public WrittenResult {
    Objects.requireNonNull(resultId, "resultId");
    Objects.requireNonNull(resultFile, "resultFile");
    artifacts = List.copyOf(artifacts);
  }
}
