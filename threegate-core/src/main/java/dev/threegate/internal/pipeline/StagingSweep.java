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
package dev.threegate.internal.pipeline;

import dev.threegate.internal.io.SafeFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes what a result writer left in {@code <resultsDir>/.threegate/staging/} when its process
 * died mid-write. A writer writes only while its request is claimed, and removes its own staged
 * files when it ends: so the entries listed before a moment when no request is claimed have no
 * writer left.
 */
public final class StagingSweep {
  private StagingSweep() {}

  /**
   * Sweeps the staging directory of a results directory, unless a request is claimed there.
   *
   * @param resultsDir the results directory
   * @return what was removed; empty when a request is claimed (the next sweep tries again)
   * @throws IOException if the staging directory cannot be listed
   */
  public static List<Path> sweep(Path resultsDir) throws IOException {
    Path staging = resultsDir.resolve(".threegate").resolve("staging");
    if (!Files.isDirectory(staging, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<Path> entries;
    try (Stream<Path> list = Files.list(staging)) {
      entries = list.toList();
    }
    // Nothing staged, nothing to sweep: the claims (one lock file per request ever run) are not
    // asked, so that a start costs the same whatever the number of requests run before.
    if (entries.isEmpty() || RequestClaim.anyHeld(resultsDir)) {
      return List.of();
    }
    List<Path> removed = new ArrayList<>();
    for (Path entry : entries) {
      try {
        SafeFiles.deleteTree(entry);
        removed.add(entry);
      } catch (IOException e) {
        // left for the next sweep
      }
    }
    return removed;
  }
}
