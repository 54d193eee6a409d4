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
package dev.threegate.internal.result;

import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.LimitEnforcement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule that every limit of a run appears in its result, enforced or not: a limit the executor
 * did not list is added as not enforced, so that a result never stays silent about one.
 */
public final class LimitCoverage {
  /** The limits every result names, in the order they are added. */
  public static final List<String> REQUIRED = List.of("cpu", "memory_mb", "time_sec", "output_bytes");

  private LimitCoverage() {}

  /**
   * The result with each limit of {@code values} it does not list added as not enforced.
   *
   * @param result what the executor returned
   * @param values the value of each limit that must appear, by name
   * @return {@code result} itself when it lists them all, otherwise a copy that does
   */
  public static ExecutionResult complete(ExecutionResult result, Map<String, Long> values) {
    List<LimitEnforcement> added = new ArrayList<>();
    for (Map.Entry<String, Long> entry : values.entrySet()) {
      if (result.limits().stream().noneMatch(l -> l.limit().equals(entry.getKey()))) {
        added.add(LimitEnforcement.notEnforced(entry.getKey(), entry.getValue()));
      }
    }
    return added.isEmpty() ? result : result.newBuilder().addLimits(added).build();
  }

  /**
   * The values of the required limits.
   *
   * @param cpu virtual CPUs
   * @param memoryMb memory in MiB
   * @param timeSec wall-clock seconds
   * @param outputBytes bytes per stream
   * @return the values by name, in {@link #REQUIRED} order
   */
  public static Map<String, Long> values(long cpu, long memoryMb, long timeSec, long outputBytes) {
    Map<String, Long> values = new LinkedHashMap<>();
    values.put("cpu", cpu);
    values.put("memory_mb", memoryMb);
    values.put("time_sec", timeSec);
    values.put("output_bytes", outputBytes);
    return values;
  }
}
