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
package dev.threegate.internal.pipeline;

import dev.threegate.Outcome;
import dev.threegate.Outcome.Stage;
import dev.threegate.Step;
import dev.threegate.exec.EffectiveLimits;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.exec.OutputBudget;
import dev.threegate.problem.Violation;
import dev.threegate.request.ToolRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Creates the private run directory, copies the declared inputs into it and verifies them by hash
 * (a missing, changed or linked input is a rejection), and removes the directory when the rest of
 * the run has ended.
 */
public final class StageStep implements Step {
  private final Path workDirectory;
  private final InFlight inFlight;
  private final long maxOutputBytes;
  private final OutputBudget outputBudget;

  /**
   * Creates the step.
   *
   * @param workDirectory where run directories are created
   * @param inFlight the pipeline's requests, so that a shutdown interrupts the staging
   * @param maxOutputBytes the output cap per stream
   * @param outputBudget what the tool may leave in {@code /out}
   */
  public StageStep(Path workDirectory, InFlight inFlight, long maxOutputBytes, OutputBudget outputBudget) {
    this.workDirectory = workDirectory;
    this.inFlight = inFlight;
    this.maxOutputBytes = maxOutputBytes;
    this.outputBudget = outputBudget;
  }

  @Override
  public Outcome run(Chain chain) {
    RunState state = RealChain.state(chain);
    ToolRequest request = state.parsed();
    RunDirectory run;
    try {
      run = RunDirectory.create(workDirectory);
    } catch (IOException | RuntimeException e) {
      return RealChain.failed(state.source(), Stage.STAGE_INPUTS, "cannot create a private run directory in " + workDirectory + ": " + e, e);
    }
    try {
      List<Violation> problems;
      try {
        problems = inFlight.stoppable(() -> run.stage(request.inputs(), state.inputsDir()));
      } catch (IOException | RuntimeException e) {
        return RealChain.failed(state.source(), Stage.STAGE_INPUTS, "cannot stage the inputs: " + e, e);
      }
      if (!problems.isEmpty()) {
        return new Outcome.Rejected(state.source(), Optional.of(request), problems);
      }
      state.spec(ExecutionSpec.builder()
          .request(request)
          .inputsDir(run.in())
          .outputsDir(run.out())
          .scratchDir(run.scratch())
          .limits(EffectiveLimits.builder()
              .cpu(request.limits().cpu())
              .memoryMb(request.limits().memoryMb())
              .time(Duration.ofSeconds(request.limits().timeSec()))
              .maxOutputBytes(maxOutputBytes)
              .outputs(outputBudget)
              .build())
          .build());
      return chain.proceed();
    } finally {
      try {
        run.close();
      } catch (IOException | RuntimeException e) {
        // Left for the sweep of a later start; the outcome stands.
        state.events().problem("cannot remove the private run directory " + run.root() + ": " + e, e);
      }
    }
  }

  @Override
  public String name() {
    return "stage";
  }
}
