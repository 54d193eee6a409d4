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
 * cap of the host. Immutable; a value: two with the same values are equal.
 *
 * <p>Build them with {@link #builder()}; {@link #newBuilder()} makes a variant.
 */
public final class EffectiveLimits {
  /** The default output cap: 64 MiB per stream. */
  public static final long DEFAULT_MAX_OUTPUT_BYTES = 64L * 1024 * 1024;

  private final long cpu;
  private final long memoryMb;
  private final Duration time;
  private final long maxOutputBytes;
  private final OutputBudget outputs;

  private EffectiveLimits(Builder builder) {
    cpu = builder.cpu;
    memoryMb = builder.memoryMb;
    time = Objects.requireNonNull(builder.time, "time");
    maxOutputBytes = builder.maxOutputBytes;
    outputs = Objects.requireNonNull(builder.outputs, "outputs");
    if (cpu < 1 || memoryMb < 1 || maxOutputBytes < 1 || time.isNegative() || time.isZero()) {
      throw new IllegalArgumentException(
          "limits must be positive: cpu=" + cpu + " memoryMb=" + memoryMb + " time=" + time + " maxOutputBytes=" + maxOutputBytes);
    }
  }

  /**
   * A builder for limits. {@code cpu}, {@code memoryMb} and {@code time} are required; {@code
   * maxOutputBytes} is {@link #DEFAULT_MAX_OUTPUT_BYTES} and {@code outputs} {@link
   * OutputBudget#defaults()} unless set.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these limits' values, to make a variant of them.
   *
   * @return a builder with every value of these limits
   */
  public Builder newBuilder() {
    Builder builder = new Builder();
    builder.cpu = cpu;
    builder.memoryMb = memoryMb;
    builder.time = time;
    builder.maxOutputBytes = maxOutputBytes;
    builder.outputs = outputs;
    return builder;
  }

  /**
   * Virtual CPUs.
   *
   * @return virtual CPUs, at least 1
   */
  public long cpu() {
    return cpu;
  }

  /**
   * Memory in MiB.
   *
   * @return memory in MiB, at least 1
   */
  public long memoryMb() {
    return memoryMb;
  }

  /**
   * Wall-clock time.
   *
   * @return wall-clock time, positive
   */
  public Duration time() {
    return time;
  }

  /**
   * The most bytes captured per stream (stdout, stderr); past it the run is stopped and marked
   * {@link ExecutionStatus#OUTPUT_LIMIT}.
   *
   * @return bytes per stream, at least 1
   */
  public long maxOutputBytes() {
    return maxOutputBytes;
  }

  /**
   * What the tool may leave in {@code /out} and how long collecting it may take; executors collect
   * with {@link OutputFiles#collect(java.nio.file.Path, OutputBudget)}.
   *
   * @return the {@code /out} budget
   */
  public OutputBudget outputs() {
    return outputs;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EffectiveLimits that
        && cpu == that.cpu
        && memoryMb == that.memoryMb
        && time.equals(that.time)
        && maxOutputBytes == that.maxOutputBytes
        && outputs.equals(that.outputs);
  }

  @Override
  public int hashCode() {
    return Objects.hash(cpu, memoryMb, time, maxOutputBytes, outputs);
  }

  @Override
  public String toString() {
    return "EffectiveLimits["
        + "cpu=" + cpu
        + ", memoryMb=" + memoryMb
        + ", time=" + time
        + ", maxOutputBytes=" + maxOutputBytes
        + ", outputs=" + outputs
        + "]";
  }

  /** Builds a {@link EffectiveLimits}; not thread-safe. {@link #build()} checks the values. */
  public static final class Builder {
    private long cpu;
    private long memoryMb;
    private Duration time;
    private long maxOutputBytes = DEFAULT_MAX_OUTPUT_BYTES;
    private OutputBudget outputs = OutputBudget.defaults();

    private Builder() {}

    /**
     * Sets virtual CPUs.
     *
     * @param value virtual CPUs, at least 1
     * @return this builder
     */
    public Builder cpu(long value) {
      cpu = value;
      return this;
    }

    /**
     * Sets memory in MiB.
     *
     * @param value memory in MiB, at least 1
     * @return this builder
     */
    public Builder memoryMb(long value) {
      memoryMb = value;
      return this;
    }

    /**
     * Sets wall-clock time.
     *
     * @param value wall-clock time, positive
     * @return this builder
     */
    public Builder time(Duration value) {
      time = Objects.requireNonNull(value, "time");
      return this;
    }

    /**
     * Sets the most bytes captured per stream (stdout, stderr); past it the run is stopped and
     * marked {@link ExecutionStatus#OUTPUT_LIMIT}.
     *
     * @param value bytes per stream, at least 1
     * @return this builder
     */
    public Builder maxOutputBytes(long value) {
      maxOutputBytes = value;
      return this;
    }

    /**
     * Sets what the tool may leave in {@code /out} and how long collecting it may take; executors
     * collect with {@link OutputFiles#collect(java.nio.file.Path, OutputBudget)}.
     *
     * @param value the {@code /out} budget
     * @return this builder
     */
    public Builder outputs(OutputBudget value) {
      outputs = Objects.requireNonNull(value, "outputs");
      return this;
    }

    /**
     * Builds the limits.
     *
     * @return the limits
     * @throws NullPointerException if the time is missing
     * @throws IllegalArgumentException if a limit is not positive (or {@code cpu} or {@code memoryMb}
     *     was not set)
     */
    public EffectiveLimits build() {
      return new EffectiveLimits(this);
    }
  }
}
