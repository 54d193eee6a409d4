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
 * How a run ended and what it produced. Immutable; a value: two results with the same values are
 * equal.
 *
 * <p>Executors build results with {@link #builder()}; {@link #newBuilder()} makes a variant of an
 * existing one.
 */
public final class ExecutionResult {
  private final ExecutionStatus status;
  private final int exitCode;
  private final Duration runtime;
  private final CapturedStream stdout;
  private final CapturedStream stderr;
  private final List<Artifact> artifacts;
  private final BackendInfo backend;
  private final List<LimitEnforcement> limits;
  private final NetworkEnforcement network;
  private final List<NetworkDestination> networkDestinations;
  private final List<String> anomalies;

  private ExecutionResult(Builder builder) {
    status = Objects.requireNonNull(builder.status, "status");
    exitCode = builder.exitCode;
    runtime = Objects.requireNonNull(builder.runtime, "runtime");
    stdout = Objects.requireNonNull(builder.stdout, "stdout");
    stderr = Objects.requireNonNull(builder.stderr, "stderr");
    artifacts = List.copyOf(builder.artifacts);
    backend = Objects.requireNonNull(builder.backend, "backend");
    limits = List.copyOf(builder.limits);
    network = Objects.requireNonNull(builder.network, "network");
    networkDestinations = List.copyOf(builder.networkDestinations);
    anomalies = List.copyOf(builder.anomalies);
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
   * A builder for a result. {@code status}, {@code runtime}, {@code stdout}, {@code stderr}, {@code
   * backend} and {@code network} are required; {@code exitCode} is {@code 0} and the lists are
   * empty unless set.
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
    builder.status = status;
    builder.exitCode = exitCode;
    builder.runtime = runtime;
    builder.stdout = stdout;
    builder.stderr = stderr;
    builder.artifacts.addAll(artifacts);
    builder.backend = backend;
    builder.limits.addAll(limits);
    builder.network = network;
    builder.networkDestinations.addAll(networkDestinations);
    builder.anomalies.addAll(anomalies);
    return builder;
  }

  /**
   * How the run ended.
   *
   * @return the status
   */
  public ExecutionStatus status() {
    return status;
  }

  /**
   * The tool's exit code; {@code -1} when it was killed before it could exit.
   *
   * @return the exit code
   */
  public int exitCode() {
    return exitCode;
  }

  /**
   * The wall-clock time from start to end of the tool.
   *
   * @return the runtime, not negative
   */
  public Duration runtime() {
    return runtime;
  }

  /**
   * The captured standard output.
   *
   * @return the stream, as {@link StreamCapture#result()} gives it
   */
  public CapturedStream stdout() {
    return stdout;
  }

  /**
   * The captured standard error.
   *
   * @return the stream, as {@link StreamCapture#result()} gives it
   */
  public CapturedStream stderr() {
    return stderr;
  }

  /**
   * The regular files the tool left in {@code /out}, in name order.
   *
   * @return the regular files left in {@code /out}, in name order
   */
  public List<Artifact> artifacts() {
    return artifacts;
  }

  /**
   * The backend that ran it.
   *
   * @return the backend, usually the executor's {@link Executor#backend()}
   */
  public BackendInfo backend() {
    return backend;
  }

  /**
   * Which mechanism enforced each limit, and which limits nothing enforced.
   *
   * @return which mechanism enforced each limit
   */
  public List<LimitEnforcement> limits() {
    return limits;
  }

  /**
   * What kept the tool off the network.
   *
   * @return the network enforcement
   */
  public NetworkEnforcement network() {
    return network;
  }

  /**
   * Every destination the tool tried to reach through the gate's egress proxy, in the order first
   * tried; empty when the run had no proxy ({@link NetworkEnforcement#PROXY_ALLOWLIST}).
   *
   * @return the destinations, allowed and denied
   */
  public List<NetworkDestination> networkDestinations() {
    return networkDestinations;
  }

  /**
   * Unexpected things seen, for people (a timeout, the output cap, links or special files in {@code
   * /out}, …); empty when none.
   *
   * @return unexpected things seen, for people
   */
  public List<String> anomalies() {
    return anomalies;
  }

  /**
   * Whether the tool ran to the end and exited with 0.
   *
   * @return {@code true} for {@link ExecutionStatus#COMPLETED}
   */
  public boolean succeeded() {
    return status == ExecutionStatus.COMPLETED;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ExecutionResult that
        && status.equals(that.status)
        && exitCode == that.exitCode
        && runtime.equals(that.runtime)
        && stdout.equals(that.stdout)
        && stderr.equals(that.stderr)
        && artifacts.equals(that.artifacts)
        && backend.equals(that.backend)
        && limits.equals(that.limits)
        && network.equals(that.network)
        && networkDestinations.equals(that.networkDestinations)
        && anomalies.equals(that.anomalies);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        status, exitCode, runtime, stdout, stderr, artifacts, backend, limits, network, networkDestinations, anomalies);
  }

  @Override
  public String toString() {
    return "ExecutionResult["
        + "status=" + status
        + ", exitCode=" + exitCode
        + ", runtime=" + runtime
        + ", stdout=" + stdout
        + ", stderr=" + stderr
        + ", artifacts=" + artifacts
        + ", backend=" + backend
        + ", limits=" + limits
        + ", network=" + network
        + ", networkDestinations=" + networkDestinations
        + ", anomalies=" + anomalies
        + "]";
  }

  /** Builds a {@link ExecutionResult}; not thread-safe. {@link #build()} checks the values. */
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
    private final List<NetworkDestination> networkDestinations = new ArrayList<>();
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
     * Sets the backend that ran it.
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
     * Replaces the destinations the tool tried through the gate's egress proxy.
     *
     * @param values the destinations, in the order first tried
     * @return this builder
     */
    public Builder networkDestinations(List<NetworkDestination> values) {
      networkDestinations.clear();
      networkDestinations.addAll(List.copyOf(values));
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
     * @throws NullPointerException if a required value is missing
     * @throws IllegalArgumentException if the values contradict each other (a negative runtime, a
     *     completed run with a non-zero exit code, a {@code nonzero_exit} run with 0)
     */
    public ExecutionResult build() {
      return new ExecutionResult(this);
    }
  }
}
