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
 * it produces. The directories belong to this run alone and are removed after it.
 *
 * @param request the approved request; its command is the one to run
 * @param inputsDir the staged, verified, read-only copies of the declared inputs, to appear as
 *     {@code /in}
 * @param outputsDir an empty directory to appear as {@code /out}; what the tool leaves there becomes
 *     the result's artifacts
 * @param scratchDir an empty private directory for the executor's own files, such as the captured
 *     streams
 * @param limits the limits to apply
 */
public record ExecutionSpec(ToolRequest request, Path inputsDir, Path outputsDir, Path scratchDir, EffectiveLimits limits) {
  /**
   * Checks that no component is null.
   *
   * @param request the approved request
   * @param inputsDir the staged inputs
   * @param outputsDir the empty outputs directory
   * @param scratchDir the empty scratch directory
   * @param limits the limits
   */
  public ExecutionSpec {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(inputsDir, "inputsDir");
    Objects.requireNonNull(outputsDir, "outputsDir");
    Objects.requireNonNull(scratchDir, "scratchDir");
    Objects.requireNonNull(limits, "limits");
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
}
