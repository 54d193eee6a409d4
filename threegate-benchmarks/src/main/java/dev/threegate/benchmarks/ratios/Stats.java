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

import java.util.Arrays;

/** Order statistics of measured times. */
public final class Stats {
  private Stats() {}

  /**
   * The median of some durations, in milliseconds.
   *
   * @param nanos durations in nanoseconds; not empty
   * @return the median in milliseconds
   */
  public static double medianMillis(long[] nanos) {
    return percentileMillis(nanos, 50);
  }

  /**
   * A percentile of some durations, in milliseconds (nearest rank).
   *
   * @param nanos durations in nanoseconds; not empty
   * @param percent 0 to 100
   * @return the percentile in milliseconds
   */
  public static double percentileMillis(long[] nanos, int percent) {
    if (nanos.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int rank = Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.length) - 1));
    return sorted[rank] / 1e6;
  }
}
