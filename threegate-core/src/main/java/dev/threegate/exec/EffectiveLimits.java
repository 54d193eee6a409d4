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
 * The limits an executor must apply to one run: the request's approved limits plus the output
 * cap of the host.
 *
 * @param cpu virtual CPUs
 * @param memoryMb memory in MiB
 * @param time wall-clock time
 * @param maxOutputBytes the most bytes captured per stream (stdout, stderr); past it the run is
 *     stopped and marked {@link ExecutionStatus#OUTPUT_LIMIT}
 * @param outputs what the tool may leave in {@code /out} and how long collecting it may take;
 *     executors collect with {@link OutputFiles#collect(java.nio.file.Path, OutputBudget)}
 */
public record EffectiveLimits(long cpu, long memoryMb, Duration time, long maxOutputBytes, OutputBudget outputs) {
  /** The default output cap: 64 MiB per stream. */
  public static final long DEFAULT_MAX_OUTPUT_BYTES = 64L * 1024 * 1024;

  /**
   * Checks the components.
   *
   * @param cpu virtual CPUs, at least 1
   * @param memoryMb memory in MiB, at least 1
   * @param time wall-clock time, positive
   * @param maxOutputBytes bytes per stream, at least 1
   * @param outputs the {@code /out} budget
   */
  public EffectiveLimits {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(outputs, "outputs");
    if (cpu < 1 || memoryMb < 1 || maxOutputBytes < 1 || time.isNegative() || time.isZero()) {
      throw new IllegalArgumentException(
          "limits must be positive: cpu=" + cpu + " memoryMb=" + memoryMb + " time=" + time + " maxOutputBytes=" + maxOutputBytes);
    }
  }

  /**
   * Limits with the default {@code /out} budget ({@link OutputBudget#defaults()}).
   *
   * @param cpu virtual CPUs, at least 1
   * @param memoryMb memory in MiB, at least 1
   * @param time wall-clock time, positive
   * @param maxOutputBytes bytes per stream, at least 1
   */
  public EffectiveLimits(long cpu, long memoryMb, Duration time, long maxOutputBytes) {
    this(cpu, memoryMb, time, maxOutputBytes, OutputBudget.defaults());
  }
}
