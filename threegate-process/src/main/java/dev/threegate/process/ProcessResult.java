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
package dev.threegate.process;

import dev.threegate.exec.CapturedStream;
import dev.threegate.exec.ExecutionStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a process ended. Immutable; a value: two with the same values are equal.
 *
 * <p>{@link ProcessRunner} builds results with {@link #builder()}; {@link #newBuilder()} makes a
 * variant.
 */
public final class ProcessResult {
  /** The exit code of a process killed with SIGKILL: 128 + 9. */
  public static final int KILLED_BY_SIGKILL = 137;

  private final int exitCode;
  private final Termination termination;
  private final Duration runtime;
  private final CapturedStream stdout;
  private final CapturedStream stderr;
  private final List<String> anomalies;

  private ProcessResult(Builder builder) {
    exitCode = builder.exitCode;
    termination = Objects.requireNonNull(builder.termination, "termination");
    runtime = Objects.requireNonNull(builder.runtime, "runtime");
    stdout = Objects.requireNonNull(builder.stdout, "stdout");
    stderr = Objects.requireNonNull(builder.stderr, "stderr");
    anomalies = List.copyOf(builder.anomalies);
  }

  /**
   * A builder for a result. The termination, runtime and streams are required; the exit code is 0
   * and the anomalies empty unless set.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this result's values, to make a variant of it.
   *
   * @return a builder with every value of this result
   */
  public Builder newBuilder() {
    Builder builder = new Builder();
    builder.exitCode = exitCode;
    builder.termination = termination;
    builder.runtime = runtime;
    builder.stdout = stdout;
    builder.stderr = stderr;
    builder.anomalies.addAll(anomalies);
    return builder;
  }

  /**
   * Its exit code; {@code -1} when it was killed for the timeout or the output cap.
   *
   * @return the exit code
   */
  public int exitCode() {
    return exitCode;
  }

  /**
   * Why it ended.
   *
   * @return why it ended
   */
  public Termination termination() {
    return termination;
  }

  /**
   * Wall-clock time from start to exit.
   *
   * @return the wall-clock time
   */
  public Duration runtime() {
    return runtime;
  }

  /**
   * Its captured standard output.
   *
   * @return the standard output
   */
  public CapturedStream stdout() {
    return stdout;
  }

  /**
   * Its captured standard error.
   *
   * @return the standard error
   */
  public CapturedStream stderr() {
    return stderr;
  }

  /**
   * What went unexpectedly, for people (processes left behind that had to be killed, output held
   * open after exit); empty when none.
   *
   * @return the anomalies
   */
  public List<String> anomalies() {
    return anomalies;
  }

  /**
   * The execution status this ending gives a tool: a timeout or the output cap as such; an exit
   * code of 0 {@code completed}, 137 (128 + SIGKILL, as the kernel's OOM killer leaves it) {@code
   * killed}, any other {@code nonzero_exit}.
   *
   * @return the status
   */
  public ExecutionStatus status() {
    return switch (termination) {
      case TIMED_OUT -> ExecutionStatus.TIMED_OUT;
      case OUTPUT_LIMIT -> ExecutionStatus.OUTPUT_LIMIT;
      case EXITED -> exitCode == 0
          ? ExecutionStatus.COMPLETED
          : exitCode == KILLED_BY_SIGKILL ? ExecutionStatus.KILLED : ExecutionStatus.NONZERO_EXIT;
    };
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ProcessResult that
        && exitCode == that.exitCode
        && termination.equals(that.termination)
        && runtime.equals(that.runtime)
        && stdout.equals(that.stdout)
        && stderr.equals(that.stderr)
        && anomalies.equals(that.anomalies);
  }

  @Override
  public int hashCode() {
    return Objects.hash(exitCode, termination, runtime, stdout, stderr, anomalies);
  }

  @Override
  public String toString() {
    return "ProcessResult["
        + "exitCode=" + exitCode
        + ", termination=" + termination
        + ", runtime=" + runtime
        + ", stdout=" + stdout
        + ", stderr=" + stderr
        + ", anomalies=" + anomalies
        + "]";
  }

  /** Why a process ended. */
  public enum Termination {
    /** It exited by itself (with any code, or killed by a signal it did not get from the runner). */
    EXITED,
    /** The timeout ran out and the runner killed the process tree. */
    TIMED_OUT,
    /** A stream reached the output cap and the runner killed the process tree. */
    OUTPUT_LIMIT
  }

  /** Builds a {@link ProcessResult}; not thread-safe. {@link #build()} checks the values. */
  public static final class Builder {
    private int exitCode;
    private Termination termination;
    private Duration runtime;
    private CapturedStream stdout;
    private CapturedStream stderr;
    private final List<String> anomalies = new ArrayList<>();

    private Builder() {}

    /**
     * Sets its exit code; {@code -1} when it was killed for the timeout or the output cap.
     *
     * @param value the exit code
     * @return this builder
     */
    public Builder exitCode(int value) {
      exitCode = value;
      return this;
    }

    /**
     * Sets why it ended.
     *
     * @param value why it ended
     * @return this builder
     */
    public Builder termination(Termination value) {
      termination = Objects.requireNonNull(value, "termination");
      return this;
    }

    /**
     * Sets wall-clock time from start to exit.
     *
     * @param value the wall-clock time
     * @return this builder
     */
    public Builder runtime(Duration value) {
      runtime = Objects.requireNonNull(value, "runtime");
      return this;
    }

    /**
     * Sets its captured standard output.
     *
     * @param value the standard output
     * @return this builder
     */
    public Builder stdout(CapturedStream value) {
      stdout = Objects.requireNonNull(value, "stdout");
      return this;
    }

    /**
     * Sets its captured standard error.
     *
     * @param value the standard error
     * @return this builder
     */
    public Builder stderr(CapturedStream value) {
      stderr = Objects.requireNonNull(value, "stderr");
      return this;
    }

    /**
     * Replaces what went unexpectedly, for people.
     *
     * @param values the anomalies
     * @return this builder
     */
    public Builder anomalies(List<String> values) {
      List<String> copy = List.copyOf(values);
      anomalies.clear();
      anomalies.addAll(copy);
      return this;
    }

    /**
     * Builds the result.
     *
     * @return the result
     * @throws NullPointerException if a required value is missing
     */
    public ProcessResult build() {
      return new ProcessResult(this);
    }
  }
}
