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

/** Order statistics of measured times, and the JVM's CPU time. */
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
   * The median of some values.
   *
   * @param values not empty
   * @return the middle value, or the mean of the two middle ones
   */
  public static double median(java.util.List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (sorted.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /**
   * The CPU time this JVM has used so far: all its threads (the JIT compiler's included), not its
   * child processes.
   *
   * @return nanoseconds
   */
  public static long jvmCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
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
