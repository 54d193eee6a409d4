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

import java.time.Duration;
import java.util.Objects;

/**
 * What a tool may leave in {@code /out} and how long the gate spends collecting it. Every file is
 * charged its apparent size, which is what copying it into the results directory writes, so a
 * sparse file costs its holes too and never expands past the budget. Files past a budget are not
 * collected; they are reported as anomalies.
 *
 * @param maxFiles the most regular files collected; default {@value #DEFAULT_MAX_FILES}
 * @param maxBytesTotal the most bytes collected over all files, each file charged its apparent
 *     size; default {@value #DEFAULT_MAX_BYTES_TOTAL}
 * @param collectionTime how long collecting and hashing {@code /out} may take; past it the rest is
 *     not collected; default 30 s
 */
public record OutputBudget(int maxFiles, long maxBytesTotal, Duration collectionTime) {
  /** The default file budget. */
  public static final int DEFAULT_MAX_FILES = 1000;

  /** The highest file budget accepted: a Tool Result lists every file, and must stay readable. */
  public static final int MAX_FILES_CEILING = 4096;

  /** The default byte budget: 256 MiB over all files. */
  public static final long DEFAULT_MAX_BYTES_TOTAL = 256L * 1024 * 1024;

  /** The default collection time. */
  public static final Duration DEFAULT_COLLECTION_TIME = Duration.ofSeconds(30);

  private static final OutputBudget DEFAULTS =
      new OutputBudget(DEFAULT_MAX_FILES, DEFAULT_MAX_BYTES_TOTAL, DEFAULT_COLLECTION_TIME);

  /**
   * Checks the components.
   *
   * @param maxFiles from 1 to {@value #MAX_FILES_CEILING}
   * @param maxBytesTotal at least 1
   * @param collectionTime positive
   */
  public OutputBudget {
    Objects.requireNonNull(collectionTime, "collectionTime");
    if (maxFiles < 1 || maxFiles > MAX_FILES_CEILING) {
      throw new IllegalArgumentException("maxFiles must be from 1 to " + MAX_FILES_CEILING + ": " + maxFiles);
    }
    if (maxBytesTotal < 1) {
      throw new IllegalArgumentException("maxBytesTotal must be positive: " + maxBytesTotal);
    }
    if (collectionTime.isNegative() || collectionTime.isZero()) {
      throw new IllegalArgumentException("collectionTime must be positive: " + collectionTime);
    }
  }

  /**
   * The defaults: {@value #DEFAULT_MAX_FILES} files, 256 MiB, 30 s.
   *
   * @return the default budget
   */
  public static OutputBudget defaults() {
    return DEFAULTS;
  }
}
