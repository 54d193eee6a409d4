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

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One process to run.
 *
 * @param command the program and its arguments, each passed as one argument exactly as given (no
 *     shell, no splitting, no quoting); the program is looked up on the {@code PATH} of {@code
 *     environment} when it holds no {@code /}
 * @param workingDirectory the directory it runs in
 * @param environment its whole environment: nothing of the host's environment is passed on
 * @param timeout how long it may run before the whole process tree is killed
 * @param stdoutFile the file to create for its standard output
 * @param stderrFile the file to create for its standard error
 * @param maxOutputBytes the most bytes captured per stream; the first byte past it stops the run
 */
public record ProcessSpec(
    List<String> command,
    Path workingDirectory,
    Map<String, String> environment,
    Duration timeout,
    Path stdoutFile,
    Path stderrFile,
    long maxOutputBytes) {

  /**
   * Checks and copies the components.
   *
   * @param command the program and its arguments, at least the program
   * @param workingDirectory the working directory
   * @param environment the environment
   * @param timeout the timeout, positive
   * @param stdoutFile the stdout file
   * @param stderrFile the stderr file
   * @param maxOutputBytes the cap, at least 1
   */
  public ProcessSpec {
    command = List.copyOf(command);
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    environment = Map.copyOf(environment);
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(stdoutFile, "stdoutFile");
    Objects.requireNonNull(stderrFile, "stderrFile");
    if (command.isEmpty() || command.get(0).isEmpty()) {
      throw new IllegalArgumentException("a command needs a program");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    if (maxOutputBytes < 1) {
      throw new IllegalArgumentException("maxOutputBytes must be positive: " + maxOutputBytes);
    }
  }
}
