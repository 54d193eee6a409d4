/*
 * Copyright 2026 The ThreeGate authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
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
