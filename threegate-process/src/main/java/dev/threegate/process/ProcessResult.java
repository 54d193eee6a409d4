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
import java.util.List;
import java.util.Objects;

/**
 * How a process ended.
 *
 * @param exitCode its exit code; {@code -1} when it was killed for the timeout or the output cap
 * @param termination why it ended
 * @param runtime wall-clock time from start to exit
 * @param stdout its captured standard output
 * @param stderr its captured standard error
 * @param anomalies what went unexpectedly, for people (processes left behind that had to be killed,
 *     output held open after exit); empty when none
 */
public record ProcessResult(
    int exitCode, Termination termination, Duration runtime, CapturedStream stdout, CapturedStream stderr, List<String> anomalies) {

  /**
   * Checks and copies the components.
   *
   * @param exitCode the exit code
   * @param termination why it ended
   * @param runtime the wall-clock time
   * @param stdout the standard output
   * @param stderr the standard error
   * @param anomalies the anomalies
   */
  public ProcessResult {
    Objects.requireNonNull(termination, "termination");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    anomalies = List.copyOf(anomalies);
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

  /** The exit code of a process killed with SIGKILL: 128 + 9. */
  public static final int KILLED_BY_SIGKILL = 137;

  /** Why a process ended. */
  public enum Termination {
    /** It exited by itself (with any code, or killed by a signal it did not get from the runner). */
    EXITED,
    /** The timeout ran out and the runner killed the process tree. */
    TIMED_OUT,
    /** A stream reached the output cap and the runner killed the process tree. */
    OUTPUT_LIMIT
  }
}
