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
package dev.threegate;

import dev.threegate.exec.ExecutionSpec;
import dev.threegate.problem.Verdict;
import dev.threegate.request.ToolRequest;
import dev.threegate.trust.ApprovalRecord;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One step of a {@link ToolExecPipeline}: parse, validate, claim, stage the inputs, execute and
 * write are steps, and a host adds its own with {@link ToolExecPipeline.Builder#addStep(Step)} and
 * {@link ToolExecPipeline.Builder#addStepAfter(Outcome.Stage, Step)} (an approval check after
 * validation, an audit hook around the run) without copying the pipeline.
 *
 * <p>A step is given the {@link Chain} at its position. It either calls {@link Chain#proceed()}
 * once, which runs the rest of the pipeline and returns its outcome, and returns that very outcome;
 * or it does not proceed and ends the request itself with an {@link Outcome.Rejected} or {@link
 * Outcome.Failed} of its own (nothing after it runs: a step added after validation that rejects
 * runs before anything is claimed or staged). The pipeline holds every step to this:
 *
 * <ul>
 *   <li>an exception or {@code null} from a step that has not proceeded becomes {@link
 *       Outcome.Failed} at {@link Outcome.Stage#STEP} whose message names the step;
 *   <li>an {@link Outcome.Accepted} can only come from the pipeline's write step: a step that makes
 *       one up fails the same way;
 *   <li>once a step has proceeded, the outcome of the rest stands: a step cannot change it (a
 *       published result stays published, a rejected request stays rejected); what the step
 *       returns or throws instead is reported to {@link PipelineListener#problem} and ignored;
 *   <li>calling {@code proceed()} a second time throws {@link IllegalStateException}.
 * </ul>
 *
 * <p>Steps are shared by every request the pipeline runs, from many threads at once: they must be
 * thread-safe, and should keep no state between requests.
 */
@FunctionalInterface
public interface Step {

  /**
   * Does this step's work for one request.
   *
   * @param chain the request's state at this step's position, and the rest of the pipeline
   * @return the outcome: the one {@code chain.proceed()} returned, or a rejection or failure of
   *     this step's own
   */
  Outcome run(Chain chain);

  /**
   * The step's name in failures and listener events.
   *
   * @return the class name unless overridden
   */
  default String name() {
    return getClass().getName();
  }

  /**
   * A request on its way through the pipeline, as a step sees it. What is present depends on the
   * position: the request file always; the parsed {@link #request()} after the parse step; the
   * passed {@link #verdict()} after the validate step (the validator's and the backend's rules);
   * the claim after the claim step (nothing shows it, but no other run of the request can start);
   * the {@link #spec()} with the staged, verified inputs after the stage step. Immutable for a
   * step: it cannot replace what was parsed or judged.
   */
  interface Chain {
    /**
     * Which request this is, for messages and events.
     *
     * @return the request's source name and, once parsed, its id
     */
    RequestRef ref();

    /**
     * The request file being run.
     *
     * @return the path the pipeline was given
     */
    Path requestFile();

    /**
     * Where the declared inputs are read from.
     *
     * @return the inputs directory, if one was given
     */
    Optional<Path> inputsDir();

    /**
     * Where the Tool Result goes.
     *
     * @return the results directory
     */
    Path resultsDir();

    /**
     * The parsed request.
     *
     * @return present after the parse step
     */
    Optional<ToolRequest> request();

    /**
     * The verdict the request passed.
     *
     * @return present after the validate step; always {@link Verdict#passed() passed}
     */
    Optional<Verdict> verdict();

    /**
     * How the request's approval was established: declared by the request, or a signed approval
     * verified against the pipeline's trust store.
     *
     * @return present after the approve step
     */
    Optional<ApprovalRecord> approval();

    /**
     * What the executor will be asked to run: the staged inputs, the empty outputs directory and
     * the limits. Its directories exist until this step's {@code proceed()} returns.
     *
     * @return present after the stage step
     */
    Optional<ExecutionSpec> spec();

    /**
     * Runs the rest of the pipeline, once.
     *
     * @return the outcome of the rest; never {@code null}, never throws for a request
     * @throws IllegalStateException if this step already proceeded
     */
    Outcome proceed();
  }
}
