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

import dev.threegate.request.Command;
import dev.threegate.request.CommandSyntaxException;
import dev.threegate.request.ToolRequest;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What an executor is asked to run: an approved request, its verified inputs and where to put what
 * it produces. The directories belong to this run alone and are removed after it. Immutable; a
 * value: two with the same values are equal.
 *
 * <p>The pipeline builds one per run with {@link #builder()}; {@link #newBuilder()} makes a variant
 * (for a test, another limit).
 */
public final class ExecutionSpec {
  private final ToolRequest request;
  private final Path inputsDir;
  private final Path outputsDir;
  private final Path scratchDir;
  private final EffectiveLimits limits;

  private ExecutionSpec(Builder builder) {
    request = Objects.requireNonNull(builder.request, "request");
    inputsDir = Objects.requireNonNull(builder.inputsDir, "inputsDir");
    outputsDir = Objects.requireNonNull(builder.outputsDir, "outputsDir");
    scratchDir = Objects.requireNonNull(builder.scratchDir, "scratchDir");
    limits = Objects.requireNonNull(builder.limits, "limits");
  }

  /**
   * A builder for a spec. Every value is required.
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
    builder.request = request;
    builder.inputsDir = inputsDir;
    builder.outputsDir = outputsDir;
    builder.scratchDir = scratchDir;
    builder.limits = limits;
    return builder;
  }

  /**
   * The approved request; its command is the one to run.
   *
   * @return the approved request
   */
  public ToolRequest request() {
    return request;
  }

  /**
   * The staged, verified, read-only copies of the declared inputs, to appear as {@code /in}.
   *
   * @return the staged inputs
   */
  public Path inputsDir() {
    return inputsDir;
  }

  /**
   * An empty directory to appear as {@code /out}; what the tool leaves there becomes the result's
   * artifacts.
   *
   * @return the empty outputs directory
   */
  public Path outputsDir() {
    return outputsDir;
  }

  /**
   * An empty private directory for the executor's own files, such as the captured streams.
   *
   * @return the empty scratch directory
   */
  public Path scratchDir() {
    return scratchDir;
  }

  /**
   * The limits to apply.
   *
   * @return the limits
   */
  public EffectiveLimits limits() {
    return limits;
  }

  /**
   * The command to run, as the argv the policy judged. An executor that starts the program
   * directly passes {@link Command#argv()}; one that must hand a shell a line passes {@link
   * Command#shellQuoted()}. Never split or quote {@code request().command()} another way.
   *
   * @return the command
   * @throws CommandSyntaxException if the request's command has no argv (a request the standard
   *     validator approved always has one)
   */
  public Command command() {
    return Command.parse(request.command());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ExecutionSpec that
        && request.equals(that.request)
        && inputsDir.equals(that.inputsDir)
        && outputsDir.equals(that.outputsDir)
        && scratchDir.equals(that.scratchDir)
        && limits.equals(that.limits);
  }

  @Override
  public int hashCode() {
    return Objects.hash(request, inputsDir, outputsDir, scratchDir, limits);
  }

  @Override
  public String toString() {
    return "ExecutionSpec["
        + "request=" + request
        + ", inputsDir=" + inputsDir
        + ", outputsDir=" + outputsDir
        + ", scratchDir=" + scratchDir
        + ", limits=" + limits
        + "]";
  }

  /** Builds a {@link ExecutionSpec}; not thread-safe. {@link #build()} checks the values. */
  public static final class Builder {
    private ToolRequest request;
    private Path inputsDir;
    private Path outputsDir;
    private Path scratchDir;
    private EffectiveLimits limits;

    private Builder() {}

    /**
     * Sets the approved request; its command is the one to run.
     *
     * @param value the approved request
     * @return this builder
     */
    public Builder request(ToolRequest value) {
      request = Objects.requireNonNull(value, "request");
      return this;
    }

    /**
     * Sets the staged, verified, read-only copies of the declared inputs, to appear as {@code /in}.
     *
     * @param value the staged inputs
     * @return this builder
     */
    public Builder inputsDir(Path value) {
      inputsDir = Objects.requireNonNull(value, "inputsDir");
      return this;
    }

    /**
     * Sets an empty directory to appear as {@code /out}; what the tool leaves there becomes the
     * result's artifacts.
     *
     * @param value the empty outputs directory
     * @return this builder
     */
    public Builder outputsDir(Path value) {
      outputsDir = Objects.requireNonNull(value, "outputsDir");
      return this;
    }

    /**
     * Sets an empty private directory for the executor's own files, such as the captured streams.
     *
     * @param value the empty scratch directory
     * @return this builder
     */
    public Builder scratchDir(Path value) {
      scratchDir = Objects.requireNonNull(value, "scratchDir");
      return this;
    }

    /**
     * Sets the limits to apply.
     *
     * @param value the limits
     * @return this builder
     */
    public Builder limits(EffectiveLimits value) {
      limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /**
     * Builds the spec.
     *
     * @return the spec
     * @throws NullPointerException if a value is missing
     */
    public ExecutionSpec build() {
      return new ExecutionSpec(this);
    }
  }
}
