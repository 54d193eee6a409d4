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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a run ended and what it produced.
 *
 * @param status how the run ended
 * @param exitCode the tool's exit code; {@code -1} when it was killed before it could exit
 * @param runtime the wall-clock time from start to end of the tool
 * @param stdout the captured standard output
 * @param stderr the captured standard error
 * @param artifacts the regular files the tool left in {@code /out}, in name order
 * @param backend the backend that ran it
 * @param limits which mechanism enforced each limit, and which limits nothing enforced
 * @param network what kept the tool off the network
 * @param anomalies unexpected things seen, for people (a timeout, the output cap, links or special
 *     files in {@code /out}, …); empty when none
 *
 * <p>New code builds results with {@link #builder()}; {@link #toBuilder()} makes a variant of an
 * existing one. The canonical constructor stays for existing callers.
 */
public record ExecutionResult(
    ExecutionStatus status,
    int exitCode,
    Duration runtime,
    CapturedStream stdout,
    CapturedStream stderr,
    List<Artifact> artifacts,
    BackendInfo backend,
    List<LimitEnforcement> limits,
    NetworkEnforcement network,
    List<String> anomalies) {

  /**
   * Checks and copies the components.
   *
   * @param status how the run ended
   * @param exitCode the exit code
   * @param runtime the wall-clock time
   * @param stdout the standard output
   * @param stderr the standard error
   * @param artifacts the files left in {@code /out}
   * @param backend the backend
   * @param limits the limit enforcement
   * @param network the network enforcement
   * @param anomalies the anomalies
   */
  public ExecutionResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    artifacts = List.copyOf(artifacts);
    Objects.requireNonNull(backend, "backend");
    limits = List.copyOf(limits);
    Objects.requireNonNull(network, "network");
    anomalies = List.copyOf(anomalies);
    if (runtime.isNegative()) {
      throw new IllegalArgumentException("negative runtime: " + runtime);
    }
    if (status == ExecutionStatus.COMPLETED && exitCode != 0) {
      throw new IllegalArgumentException("a completed run exits with 0, not " + exitCode);
    }
    if (status == ExecutionStatus.NONZERO_EXIT && exitCode == 0) {
      throw new IllegalArgumentException("a nonzero_exit run cannot exit with 0");
    }
  }

  /**
   * Whether the tool ran to the end and exited with 0.
   *
   * @return {@code true} for {@link ExecutionStatus#COMPLETED}
   */
  public boolean succeeded() {
    return status == ExecutionStatus.COMPLETED;
  }

  /**
   * A builder for a result. {@code status}, {@code runtime}, {@code stdout}, {@code stderr},
   * {@code backend} and {@code network} are required; {@code exitCode} is {@code 0} and the lists
   * are empty unless set.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this result's components, to make a variant of it.
   *
   * @return a builder with every component of this result
   */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.status = status;
    builder.exitCode = exitCode;
    builder.runtime = runtime;
    builder.stdout = stdout;
    builder.stderr = stderr;
    builder.artifacts.addAll(artifacts);
    builder.backend = backend;
    builder.limits.addAll(limits);
    builder.network = network;
    builder.anomalies.addAll(anomalies);
    return builder;
  }

  /**
   * A builder holding this result's components; the same as {@link #toBuilder()}.
   *
   * @return a builder with every component of this result
   */
  public Builder newBuilder() {
    return toBuilder();
  }

  /** Builds an {@link ExecutionResult}; not thread-safe. {@link #build()} checks the components. */
  public static final class Builder {
    private ExecutionStatus status;
    private int exitCode;
    private Duration runtime;
    private CapturedStream stdout;
    private CapturedStream stderr;
    private final List<Artifact> artifacts = new ArrayList<>();
    private BackendInfo backend;
    private final List<LimitEnforcement> limits = new ArrayList<>();
    private NetworkEnforcement network;
    private final List<String> anomalies = new ArrayList<>();

    private Builder() {}

    /**
     * Sets how the run ended.
     *
     * @param value the status
     * @return this builder
     */
    public Builder status(ExecutionStatus value) {
      status = Objects.requireNonNull(value, "status");
      return this;
    }

    /**
     * Sets the tool's exit code; {@code -1} when it was killed before it could exit.
     *
     * @param value the exit code
     * @return this builder
     */
    public Builder exitCode(int value) {
      exitCode = value;
      return this;
    }

    /**
     * Sets the wall-clock time from start to end of the tool.
     *
     * @param value the runtime, not negative
     * @return this builder
     */
    public Builder runtime(Duration value) {
      runtime = Objects.requireNonNull(value, "runtime");
      return this;
    }

    /**
     * Sets the captured standard output.
     *
     * @param value the stream, as {@link StreamCapture#result()} gives it
     * @return this builder
     */
    public Builder stdout(CapturedStream value) {
      stdout = Objects.requireNonNull(value, "stdout");
      return this;
    }

    /**
     * Sets the captured standard error.
     *
     * @param value the stream, as {@link StreamCapture#result()} gives it
     * @return this builder
     */
    public Builder stderr(CapturedStream value) {
      stderr = Objects.requireNonNull(value, "stderr");
      return this;
    }

    /**
     * Replaces the artifacts.
     *
     * @param values the regular files left in {@code /out}, in name order
     * @return this builder
     */
    public Builder artifacts(List<Artifact> values) {
      List<Artifact> copy = List.copyOf(values);
      artifacts.clear();
      artifacts.addAll(copy);
      return this;
    }

    /**
     * Sets the backend that ran the tool.
     *
     * @param value the backend, usually the executor's {@link Executor#backend()}
     * @return this builder
     */
    public Builder backend(BackendInfo value) {
      backend = Objects.requireNonNull(value, "backend");
      return this;
    }

    /**
     * Replaces the limit enforcement.
     *
     * @param values which mechanism enforced each limit
     * @return this builder
     */
    public Builder limits(List<LimitEnforcement> values) {
      List<LimitEnforcement> copy = List.copyOf(values);
      limits.clear();
      limits.addAll(copy);
      return this;
    }

    /**
     * Adds one limit's enforcement.
     *
     * @param value the limit and what enforced it
     * @return this builder
     */
    public Builder limit(LimitEnforcement value) {
      limits.add(Objects.requireNonNull(value, "limit"));
      return this;
    }

    /**
     * Adds several limits' enforcement, such as {@link OutputFiles#limits()}.
     *
     * @param values the limits and what enforced them
     * @return this builder
     */
    public Builder addLimits(List<LimitEnforcement> values) {
      limits.addAll(List.copyOf(values));
      return this;
    }

    /**
     * Sets what kept the tool off the network.
     *
     * @param value the network enforcement
     * @return this builder
     */
    public Builder network(NetworkEnforcement value) {
      network = Objects.requireNonNull(value, "network");
      return this;
    }

    /**
     * Replaces the anomalies.
     *
     * @param values unexpected things seen, for people
     * @return this builder
     */
    public Builder anomalies(List<String> values) {
      List<String> copy = List.copyOf(values);
      anomalies.clear();
      anomalies.addAll(copy);
      return this;
    }

    /**
     * Adds one anomaly.
     *
     * @param value an unexpected thing seen, for people
     * @return this builder
     */
    public Builder anomaly(String value) {
      anomalies.add(Objects.requireNonNull(value, "anomaly"));
      return this;
    }

    /**
     * Adds the artifacts and anomalies collected from {@code /out}, and the limits of collecting
     * them.
     *
     * @param collected what {@link OutputFiles#collect(java.nio.file.Path, OutputBudget)} returned
     * @return this builder
     */
    public Builder outputs(OutputFiles collected) {
      artifacts(collected.artifacts());
      anomalies.addAll(collected.anomalies());
      limits.addAll(collected.limits());
      return this;
    }

    /**
     * Builds the result.
     *
     * @return the result
     * @throws NullPointerException if a required component is missing
     * @throws IllegalArgumentException if the components contradict each other (as the
     *     constructor checks)
     */
    public ExecutionResult build() {
      return new ExecutionResult(status, exitCode, runtime, stdout, stderr, artifacts, backend, limits, network, anomalies);
    }
  }
}
