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
package dev.threegate;

import java.nio.file.Path;
import java.util.List;

/**
 * What a run over a directory of requests did.
 *
 * @param outcomes the outcome of every request that was run or rejected, in file-name order
 * @param skipped requests not run because a Tool Result for them already exists
 * @param quarantined where the rejected requests were moved
 */
public record BatchReport(List<Outcome> outcomes, List<Path> skipped, List<Path> quarantined) {
  /**
   * Copies the lists.
   *
   * @param outcomes the outcomes
   * @param skipped the skipped requests
   * @param quarantined the quarantined requests
   */
  public BatchReport {
    outcomes = List.copyOf(outcomes);
    skipped = List.copyOf(skipped);
    quarantined = List.copyOf(quarantined);
  }

  /**
   * The batch's exit code: the worst outcome's (3 over 2 over 0), or 0 when nothing ran.
   *
   * @return 0, 2 or 3
   */
  public int exitCode() {
    return outcomes.stream().mapToInt(Outcome::exitCode).max().orElse(0);
  }
}
