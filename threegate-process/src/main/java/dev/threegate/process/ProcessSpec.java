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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One process to run. Immutable; a value: two with the same values are equal.
 *
 * <p>Build one with {@link #builder()}; {@link #newBuilder()} makes a variant.
 */
public final class ProcessSpec {
  private final List<String> command;
  private final Path workingDirectory;
  private final Map<String, String> environment;
  private final Duration timeout;
  private final Path stdoutFile;
  private final Path stderrFile;
  private final long maxOutputBytes;
  private final boolean keepDescendants;

  private ProcessSpec(Builder builder) {
    command = List.copyOf(builder.command);
    workingDirectory = Objects.requireNonNull(builder.workingDirectory, "workingDirectory");
    environment = Map.copyOf(builder.environment);
    timeout = Objects.requireNonNull(builder.timeout, "timeout");
    stdoutFile = Objects.requireNonNull(builder.stdoutFile, "stdoutFile");
    stderrFile = Objects.requireNonNull(builder.stderrFile, "stderrFile");
    maxOutputBytes = builder.maxOutputBytes;
    keepDescendants = builder.keepDescendants;
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

  /**
   * A builder for a spec. The command, working directory, timeout, stream files and output cap are
   * required; the environment is empty unless set.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this spec's values, to make a variant of it.
   *
   * @return a builder with every value of this spec
   */
  public Builder newBuilder() {
    Builder builder = new Builder();
    builder.command.addAll(command);
    builder.workingDirectory = workingDirectory;
    builder.environment = environment;
    builder.timeout = timeout;
    builder.stdoutFile = stdoutFile;
    builder.stderrFile = stderrFile;
    builder.maxOutputBytes = maxOutputBytes;
    builder.keepDescendants = keepDescendants;
    return builder;
  }

  /**
   * The program and its arguments, each passed as one argument exactly as given (no shell, no
   * splitting, no quoting); the program is looked up on the {@code PATH} of {@code environment}
   * when it holds no {@code /}.
   *
   * @return the program and its arguments, at least the program
   */
  public List<String> command() {
    return command;
  }

  /**
   * The directory it runs in.
   *
   * @return the working directory
   */
  public Path workingDirectory() {
    return workingDirectory;
  }

  /**
   * Its whole environment: nothing of the host's environment is passed on.
   *
   * @return the environment
   */
  public Map<String, String> environment() {
    return environment;
  }

  /**
   * How long it may run before the whole process tree is killed.
   *
   * @return the timeout, positive
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * The file to create for its standard output.
   *
   * @return the stdout file
   */
  public Path stdoutFile() {
    return stdoutFile;
  }

  /**
   * The file to create for its standard error.
   *
   * @return the stderr file
   */
  public Path stderrFile() {
    return stderrFile;
  }

  /**
   * The most bytes captured per stream; the first byte past it stops the run.
   *
   * @return the cap, at least 1
   */
  public long maxOutputBytes() {
    return maxOutputBytes;
  }

  /**
   * Whether processes the program started and left running when it exited normally are kept
   * (default {@code false}: they are killed). For programs whose job is to start a long-lived
   * process, such as a VM manager's {@code start} command that returns while the VM runs. They are
   * still killed when the run times out, reaches the output cap or is interrupted, and when they
   * keep the output pipes open after the program exited; a kept process should therefore not hold
   * the program's stdout or stderr.
   *
   * @return whether descendants left after a normal exit are kept
   */
  public boolean keepDescendants() {
    return keepDescendants;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ProcessSpec that
        && command.equals(that.command)
        && workingDirectory.equals(that.workingDirectory)
        && environment.equals(that.environment)
        && timeout.equals(that.timeout)
        && stdoutFile.equals(that.stdoutFile)
        && stderrFile.equals(that.stderrFile)
        && maxOutputBytes == that.maxOutputBytes
        && keepDescendants == that.keepDescendants;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        command, workingDirectory, environment, timeout, stdoutFile, stderrFile, maxOutputBytes, keepDescendants);
  }

  @Override
  public String toString() {
    return "ProcessSpec["
        + "command=" + command
        + ", workingDirectory=" + workingDirectory
        + ", environment=" + environment
        + ", timeout=" + timeout
        + ", stdoutFile=" + stdoutFile
        + ", stderrFile=" + stderrFile
        + ", maxOutputBytes=" + maxOutputBytes
        + ", keepDescendants=" + keepDescendants
        + "]";
  }

  /** Builds a {@link ProcessSpec}; not thread-safe. {@link #build()} checks the values. */
  public static final class Builder {
    private final List<String> command = new ArrayList<>();
    private Path workingDirectory;
    private Map<String, String> environment = Map.of();
    private Duration timeout;
    private Path stdoutFile;
    private Path stderrFile;
    private long maxOutputBytes;
    private boolean keepDescendants;

    private Builder() {}

    /**
     * Sets the program and its arguments, each passed as one argument exactly as given (no shell,
     * no splitting, no quoting).
     *
     * @param values the program and its arguments, at least the program
     * @return this builder
     */
    public Builder command(List<String> values) {
      List<String> copy = List.copyOf(values);
      command.clear();
      command.addAll(copy);
      return this;
    }

    /**
     * Sets the directory it runs in.
     *
     * @param value the working directory
     * @return this builder
     */
    public Builder workingDirectory(Path value) {
      workingDirectory = Objects.requireNonNull(value, "workingDirectory");
      return this;
    }

    /**
     * Sets its whole environment: nothing of the host's environment is passed on.
     *
     * @param values the environment
     * @return this builder
     */
    public Builder environment(Map<String, String> values) {
      environment = Map.copyOf(values);
      return this;
    }

    /**
     * Sets how long it may run before the whole process tree is killed.
     *
     * @param value the timeout, positive
     * @return this builder
     */
    public Builder timeout(Duration value) {
      timeout = Objects.requireNonNull(value, "timeout");
      return this;
    }

    /**
     * Sets the file to create for its standard output.
     *
     * @param value the stdout file
     * @return this builder
     */
    public Builder stdoutFile(Path value) {
      stdoutFile = Objects.requireNonNull(value, "stdoutFile");
      return this;
    }

    /**
     * Sets the file to create for its standard error.
     *
     * @param value the stderr file
     * @return this builder
     */
    public Builder stderrFile(Path value) {
      stderrFile = Objects.requireNonNull(value, "stderrFile");
      return this;
    }

    /**
     * Sets the most bytes captured per stream; the first byte past it stops the run.
     *
     * @param value the cap, at least 1
     * @return this builder
     */
    public Builder maxOutputBytes(long value) {
      maxOutputBytes = value;
      return this;
    }

    /**
     * Sets whether processes the program left running when it exited normally are kept (default
     * {@code false}); see {@link ProcessSpec#keepDescendants()}.
     *
     * @param value whether to keep them
     * @return this builder
     */
    public Builder keepDescendants(boolean value) {
      keepDescendants = value;
      return this;
    }

    /**
     * Builds the spec.
     *
     * @return the spec
     * @throws NullPointerException if a required value is missing
     * @throws IllegalArgumentException if the command has no program, the timeout is not positive or
     *     the cap is not at least 1
     */
    public ProcessSpec build() {
      return new ProcessSpec(this);
    }
  }
}
