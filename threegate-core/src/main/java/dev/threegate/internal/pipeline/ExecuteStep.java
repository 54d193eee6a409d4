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
import dev.threegate.exec.ExecutionException;
import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.exec.Executor;
import dev.threegate.internal.result.LimitCoverage;
import java.io.IOException;

/**
 * Runs the staged request on the executor, where a shutdown can interrupt it, and completes the
 * result's limits: every limit of the run is in it, enforced or not, whatever the executor listed.
 * The write step follows directly; nothing else sees the result before it is written.
 */
public final class ExecuteStep implements Step {
  private final Executor executor;
  private final InFlight inFlight;

  /**
   * Creates the step.
   *
   * @param executor the executor
   * @param inFlight the pipeline's requests, so that a shutdown interrupts the run
   */
  public ExecuteStep(Executor executor, InFlight inFlight) {
    this.executor = executor;
    this.inFlight = inFlight;
  }

  @Override
  public Outcome run(Chain chain) {
    RunState state = RealChain.state(chain);
    ExecutionSpec spec = state.spec().orElseThrow(() -> new IllegalStateException("nothing was staged"));
    state.events().executing(spec);
    ExecutionResult result;
    try {
      result = inFlight.stoppable(() -> executor.execute(spec));
    } catch (ExecutionException e) {
      return RealChain.failed(state.source(), Stage.EXECUTE, "executor " + executor.backend().name() + " failed: " + e.getMessage(), e);
    } catch (RuntimeException | IOException e) {
      return RealChain.failed(state.source(), Stage.EXECUTE, "executor " + executor.getClass().getName() + " threw " + e, e);
    }
    if (result == null) {
      return RealChain.failed(state.source(), Stage.EXECUTE, "executor " + executor.getClass().getName() + " returned null", null);
    }
    ExecutionResult covered = LimitCoverage.complete(result, LimitCoverage.values(spec.limits().cpu(),
        spec.limits().memoryMb(), spec.limits().time().toSeconds(), spec.limits().maxOutputBytes()));
    state.execution(covered);
    state.events().executed(covered);
    return chain.proceed();
  }

  @Override
  public String name() {
    return "execute";
  }
}
