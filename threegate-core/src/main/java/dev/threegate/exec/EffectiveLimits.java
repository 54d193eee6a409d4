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
