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
package dev.threegate.exec;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A regular file the tool left in {@code /out}.
 *
 * @param name its path relative to {@code /out}, with {@code /} separators, such as {@code
 *     stats.json} or {@code plots/a.png}
 * @param file where it is on the host
 * @param bytes its size
 * @param sha256 its SHA-256, 64 lowercase hex digits
 */
public record Artifact(String name, Path file, long bytes, String sha256) {
  /**
   * Checks the components.
   *
   * @param name the relative name
   * @param file the host file
   * @param bytes the size
   * @param sha256 the hash
   */
  public Artifact {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sha256, "sha256");
    if (name.isEmpty() || name.startsWith("/") || name.contains("..")) {
      throw new IllegalArgumentException("not a relative artifact name: " + name);
    }
  }
}
