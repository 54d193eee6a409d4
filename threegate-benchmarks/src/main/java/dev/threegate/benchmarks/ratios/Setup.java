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
package dev.threegate.benchmarks.ratios;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the measures share: the project root, the CLI jar and where their work directories go.
 *
 * @param root the project's root directory
 * @param cliJar {@code threegate-cli/target/threegate.jar}
 * @param workRoot where the measures' work directories are made (BENCH_DIR or the temporary directory)
 */
public record Setup(Path root, Path cliJar, Path workRoot) {
  /** Checks the paths. */
  public Setup {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(cliJar, "cliJar");
    Objects.requireNonNull(workRoot, "workRoot");
    if (!Files.isRegularFile(cliJar)) {
      throw new IllegalArgumentException("no CLI jar at " + cliJar + " (build threegate-cli first)");
    }
  }
}
