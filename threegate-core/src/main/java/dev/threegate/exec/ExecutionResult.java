package dev.threegate.exec;

import java.time.Duration;
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
}
