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
