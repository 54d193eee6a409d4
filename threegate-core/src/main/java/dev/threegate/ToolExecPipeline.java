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

import dev.threegate.Outcome.Stage;
import dev.threegate.exec.EffectiveLimits;
import dev.threegate.exec.Executor;
import dev.threegate.exec.OutputBudget;
import dev.threegate.internal.pipeline.ApproveStep;
import dev.threegate.internal.pipeline.ClaimStep;
import dev.threegate.internal.pipeline.ExecuteStep;
import dev.threegate.internal.pipeline.InFlight;
import dev.threegate.internal.pipeline.ParseStep;
import dev.threegate.internal.pipeline.RealChain;
import dev.threegate.internal.pipeline.RunDirectory;
import dev.threegate.internal.pipeline.RunState;
import dev.threegate.internal.pipeline.StageStep;
import dev.threegate.internal.pipeline.StagingSweep;
import dev.threegate.internal.pipeline.ValidateStep;
import dev.threegate.internal.pipeline.WriteStep;
import dev.threegate.internal.policy.StandardPolicyValidator;
import dev.threegate.internal.result.ResultIndex;
import dev.threegate.policy.Policy;
import dev.threegate.policy.PolicyValidator;
import dev.threegate.request.ToolRequest;
import dev.threegate.request.ToolRequestParser;
import dev.threegate.result.ToolResultWriter;
import dev.threegate.trust.ApprovalVerifier;
import dev.threegate.trust.Approvers;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The TOOL-EXEC gate: a chain of {@link Step steps} that parse a Tool Request, validate it, claim
 * it, stage its inputs, execute it and write its Tool Result. Every request ends in exactly one
 * {@link Outcome}; an exception or a {@code null} from any stage or step, a host's own included,
 * becomes {@link Outcome.Failed} naming it, never an escaped exception.
 *
 * <p>The steps, in order (a host's steps go where {@link Builder#addStep(Step)} and {@link
 * Builder#addStepAfter(Stage, Step)} put them):
 *
 * <ol>
 *   <li><b>parse</b>: the request file is opened without following links and without blocking (a
 *       FIFO is refused, never waited on), at most 4 MiB of it is read and handed to {@link
 *       ToolRequestParser#parse(String, byte[])}; a format error is {@link Outcome.Rejected};
 *   <li><b>validate</b>: the validator, then the backend rules of the policy for the executor's
 *       backend ({@link PolicyValidator#checkBackend}), applied here once whatever the validator;
 *   <li><b>approve</b>: the approval is established: under the policy's {@code approval: signed}
 *       the signed approval beside the request must verify against the {@link
 *       Builder#approvers(Approvers) approvers} and the digest of the very bytes parsed, else the
 *       request is {@link Outcome.Rejected} with an {@code approval.*} code; otherwise the
 *       request's own {@code approved_by} is recorded as declared, not verified;
 *   <li><b>claim</b>: the request id is claimed in the results directory, so a request with a Tool
 *       Result there is not run again and two pipelines never run the same request at once;
 *   <li><b>stage</b>: the declared inputs are copied into a private run directory and verified by
 *       hash (removed when the request ends);
 *   <li><b>execute</b>: the executor runs it;
 *   <li><b>write</b>: the Tool Result is published atomically, and the request is {@link
 *       Outcome.Accepted}.
 * </ol>
 *
 * <p>Built once with {@link #builder()}, immutable (but for {@link #shutdown(Duration)}), and safe
 * to share between threads. Hosts call {@link #sweepStale(Path)} when they start, to remove what a
 * killed process left, and {@link #shutdown(Duration)} or {@link #close()} when they stop. A
 * directory of requests runs through a {@link Batch}.
 *
 * <pre>{@code
 * ToolExecPipeline gate = ToolExecPipeline.builder()
 *     .policy(Policy.defaults())
 *     .executor(executor)
 *     .build();
 * Outcome outcome = gate.run(Path.of("requests/TR-….md"), Path.of("results"));
 * }</pre>
 */
public final class ToolExecPipeline implements AutoCloseable {
  private final ToolRequestParser parser;
  private final PipelineListener listener;
  private final Path workDirectory;
  private final InFlight inFlight;
  private final List<RealChain.Link> links;

  private ToolExecPipeline(Builder builder, Policy policy, PolicyValidator validator) {
    this.parser = builder.parser;
    this.listener = builder.listener;
    this.workDirectory = builder.workDirectory;
    this.inFlight = new InFlight();
    List<RealChain.Link> chain = new ArrayList<>();
    hostSteps(chain, builder.first);
    ValidateStep validate = new ValidateStep(validator, policy, builder.executor.backend());
    chain.add(new RealChain.Link(new ParseStep(builder.parser, validate.judge()), Stage.PARSE));
    hostSteps(chain, builder.after.get(Stage.PARSE));
    chain.add(new RealChain.Link(validate, Stage.VALIDATE));
    hostSteps(chain, builder.after.get(Stage.VALIDATE));
    Optional<ApprovalVerifier> verifier = Optional.ofNullable(builder.approvers)
        .map(approvers -> ApprovalVerifier.builder(approvers).maxAge(policy.approvalMaxAge()).clock(builder.clock).build());
    chain.add(new RealChain.Link(new ApproveStep(policy.approval(), verifier), Stage.APPROVE));
    hostSteps(chain, builder.after.get(Stage.APPROVE));
    chain.add(new RealChain.Link(new ClaimStep(), Stage.CLAIM));
    hostSteps(chain, builder.after.get(Stage.CLAIM));
    chain.add(new RealChain.Link(
        new StageStep(builder.workDirectory, inFlight, builder.maxOutputBytes, builder.outputBudget), Stage.STAGE_INPUTS));
    hostSteps(chain, builder.after.get(Stage.STAGE_INPUTS));
    chain.add(new RealChain.Link(new ExecuteStep(builder.executor, inFlight), Stage.EXECUTE));
    chain.add(new RealChain.Link(new WriteStep(builder.writer, policy.sourceSha256()), Stage.WRITE));
    this.links = List.copyOf(chain);
  }

  private static void hostSteps(List<RealChain.Link> chain, List<Step> steps) {
    if (steps != null) {
      steps.forEach(step -> chain.add(new RealChain.Link(step, Stage.STEP)));
    }
  }

  /**
   * A builder. Only the executor is required; the parser and writer default to the standard ones,
   * the policy to {@link Policy#defaults()} and the validator to the policy's.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs one request that declares no inputs (a request that declares some is rejected with
   * {@code input.missing}).
   *
   * @param requestFile the Tool Request file
   * @param resultsDir where the Tool Result goes (created when missing)
   * @return the outcome
   */
  public Outcome run(Path requestFile, Path resultsDir) {
    return run(requestFile, Optional.empty(), resultsDir);
  }

  /**
   * Runs one request with its inputs.
   *
   * @param requestFile the Tool Request file
   * @param inputsDir the directory holding the declared inputs by name
   * @param resultsDir where the Tool Result goes (created when missing)
   * @return the outcome
   */
  public Outcome run(Path requestFile, Path inputsDir, Path resultsDir) {
    return run(requestFile, Optional.of(Objects.requireNonNull(inputsDir, "inputsDir")), resultsDir);
  }

  /** Runs one request through the chain; the listener hears its end, whatever it is. */
  Outcome run(Path requestFile, Optional<Path> inputsDir, Path resultsDir) {
    Objects.requireNonNull(requestFile, "requestFile");
    Objects.requireNonNull(resultsDir, "resultsDir");
    RunState state = new RunState(requestFile, inputsDir, resultsDir, listener);
    Outcome outcome;
    if (!inFlight.enter()) {
      outcome = RealChain.failed(state.source(), Stage.READ, "the pipeline is shut down; nothing was read or run", null);
    } else {
      try {
        outcome = RealChain.run(links, state);
      } finally {
        inFlight.leave();
      }
    }
    state.events().finished(outcome);
    return outcome;
  }

  /**
   * The request id of a request file, read and parsed as the parse step does; empty when it cannot
   * be (the run reports why).
   */
  Optional<String> requestId(Path requestFile) {
    try {
      ToolRequest request = ParseStep.read(parser, requestFile);
      return request == null ? Optional.empty() : Optional.ofNullable(request.requestId());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Removes what runs of this pipeline's kind left behind when their process died (killed, a power
   * loss): private run directories in the work directory whose owner process is gone, and a result
   * writer's staged files in the results directory when no request is claimed there. Nothing a
   * live run (of this process or another) owns is touched, and nothing published is. Then builds
   * the results directory's index if the directory was written before it had one (one listing,
   * once); an existing index is not checked against the directory, so that a start costs the same
   * whatever the number of results (see docs/results.md for results copied in by hand). Hosts call
   * it when they start; the CLI does.
   *
   * @param resultsDir the results directory whose staging area is swept
   * @return the paths removed
   * @throws IOException if the work directory or the staging area cannot be listed, or the results
   *     index cannot be built (the results directory cannot be listed or written)
   */
  public List<Path> sweepStale(Path resultsDir) throws IOException {
    Objects.requireNonNull(resultsDir, "resultsDir");
    List<Path> removed = new ArrayList<>(RunDirectory.sweep(workDirectory));
    removed.addAll(StagingSweep.sweep(resultsDir));
    ResultIndex.build(resultsDir);
    return removed;
  }

  /**
   * Stops this pipeline: no new request starts (each ends as {@link Outcome.Failed} without being
   * read), and the threads staging inputs or executing are interrupted, so that executors kill
   * their sandboxes; a request whose run has ended is still written. Returns when every request in
   * flight has ended (its claim released and its run directory removed), or when the wait runs out.
   * A {@link Batch} running on this pipeline ends its remaining requests as failed. For a JVM
   * shutdown hook, for instance.
   *
   * @param wait how long to wait for the requests in flight
   * @return whether all of them ended within the wait
   */
  public boolean shutdown(Duration wait) {
    Objects.requireNonNull(wait, "wait");
    return inFlight.shutdown(wait);
  }

  /**
   * Whether this pipeline was {@link #shutdown(Duration) shut down}: no request starts any more.
   *
   * @return true once shut down
   */
  public boolean isShutdown() {
    return inFlight.isShutdown();
  }

  /** {@link #shutdown(Duration) Shuts down}, waiting up to 10 minutes for the requests in flight. */
  @Override
  public void close() {
    shutdown(Duration.ofMinutes(10));
  }

  /** Builds a {@link ToolExecPipeline}; not thread-safe. */
  public static final class Builder {
    private ToolRequestParser parser = ToolRequestParser.standard();
    private PolicyValidator validator;
    private Policy policy;
    private Executor executor;
    private ToolResultWriter writer = ToolResultWriter.standard();
    private PipelineListener listener = PipelineListener.NONE;
    private long maxOutputBytes = EffectiveLimits.DEFAULT_MAX_OUTPUT_BYTES;
    private OutputBudget outputBudget = OutputBudget.defaults();
    private Path workDirectory = Path.of(System.getProperty("java.io.tmpdir"));
    private Approvers approvers;
    private Clock clock = Clock.systemUTC();
    private final List<Step> first = new ArrayList<>();
    private final Map<Stage, List<Step>> after = new EnumMap<>(Stage.class);

    private Builder() {}

    /**
     * Sets the parser.
     *
     * @param value the parser; the standard one by default
     * @return this builder
     */
    public Builder parser(ToolRequestParser value) {
      parser = Objects.requireNonNull(value, "parser");
      return this;
    }

    /**
     * Sets the policy: the rules of the standard validator (unless {@link #validator} replaces it)
     * and, whatever the validator, the backend rules the validate step applies for the executor's
     * backend: capabilities, the backend a request names, the minimum isolation, enforced limits.
     *
     * @param value the policy; when not set, the policy of a validator made with {@code
     *     PolicyValidator.of(policy)}, else {@link Policy#defaults()}
     * @return this builder
     */
    public Builder policy(Policy value) {
      policy = Objects.requireNonNull(value, "policy");
      return this;
    }

    /**
     * Sets the validator, which judges the request alone: the validate step adds the policy's
     * backend rules itself, once (so do not bind it to a backend yourself).
     *
     * @param value the validator; {@code PolicyValidator.of(policy)} by default
     * @return this builder
     */
    public Builder validator(PolicyValidator value) {
      validator = Objects.requireNonNull(value, "validator");
      return this;
    }

    /**
     * Sets the executor. Required.
     *
     * @param value the executor
     * @return this builder
     */
    public Builder executor(Executor value) {
      executor = Objects.requireNonNull(value, "executor");
      return this;
    }

    /**
     * Sets the result writer. Its {@code WrittenResult} must list the published stdout, stderr and
     * each artifact, in that order; the {@link Outcome.Accepted} points at them.
     *
     * @param value the writer; the standard one by default
     * @return this builder
     */
    public Builder writer(ToolResultWriter value) {
      writer = Objects.requireNonNull(value, "writer");
      return this;
    }

    /**
     * Sets the listener.
     *
     * @param value the listener; {@link PipelineListener#NONE} by default
     * @return this builder
     */
    public Builder listener(PipelineListener value) {
      listener = Objects.requireNonNull(value, "listener");
      return this;
    }

    /**
     * Adds a step that runs first, before the request file is read: it sees the request file only,
     * and its {@code proceed()} runs the whole pipeline (an audit hook around every request). Steps
     * added here run in the order added.
     *
     * @param step the step
     * @return this builder
     */
    public Builder addStep(Step step) {
      first.add(Objects.requireNonNull(step, "step"));
      return this;
    }

    /**
     * Adds a step right after a built-in stage, before the next one: after {@link Stage#PARSE} it
     * sees the parsed request, after {@link Stage#VALIDATE} the passed verdict (a check that
     * rejects there runs before anything is claimed or staged), after {@link Stage#APPROVE} the
     * established {@code approval()} as well, after {@link Stage#CLAIM} the
     * request is claimed, after {@link Stage#STAGE_INPUTS} the staged {@code spec()}, and its
     * {@code proceed()} runs the executor and the writer. Steps added at one point run in the order
     * added.
     *
     * @param stage {@code PARSE}, {@code VALIDATE}, {@code APPROVE}, {@code CLAIM} or {@code
     *     STAGE_INPUTS}
     * @param step the step
     * @return this builder
     * @throws IllegalArgumentException for another stage: reading is part of parsing, and nothing
     *     runs between execute and write or after write
     */
    public Builder addStepAfter(Stage stage, Step step) {
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(step, "step");
      switch (stage) {
        case PARSE, VALIDATE, APPROVE, CLAIM, STAGE_INPUTS -> after.computeIfAbsent(stage, s -> new ArrayList<>()).add(step);
        default -> throw new IllegalArgumentException(
            "a step can be added after PARSE, VALIDATE, APPROVE, CLAIM or STAGE_INPUTS, not after " + stage);
      }
      return this;
    }

    /**
     * Sets the output cap per stream.
     *
     * @param value bytes, at least 1; 64 MiB by default
     * @return this builder
     */
    public Builder maxOutputBytes(long value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxOutputBytes must be positive: " + value);
      }
      maxOutputBytes = value;
      return this;
    }

    /**
     * Sets what a tool may leave in {@code /out} and how long collecting it may take; usually the
     * policy's ({@code Policy.outputBudget()}). Default: {@link OutputBudget#defaults()}.
     *
     * @param value the budget
     * @return this builder
     */
    public Builder outputBudget(OutputBudget value) {
      outputBudget = Objects.requireNonNull(value, "outputBudget");
      return this;
    }

    /**
     * Sets the trust store of approvers whose signed approvals the pipeline verifies before
     * anything runs (docs/approvals.md). Required when the policy's approval mode is {@code
     * signed}; with the {@code declared} mode, an approval present beside a request must verify,
     * and a request without one runs as declared.
     *
     * @param value the approvers
     * @return this builder
     */
    public Builder approvers(Approvers value) {
      approvers = Objects.requireNonNull(value, "approvers");
      return this;
    }

    /**
     * Sets the clock signed approvals' ages are judged by.
     *
     * @param value the clock; the system's UTC clock by default
     * @return this builder
     */
    public Builder clock(Clock value) {
      clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Sets where private run directories are created.
     *
     * @param value a directory; the system temporary directory by default
     * @return this builder
     */
    public Builder workDirectory(Path value) {
      workDirectory = Objects.requireNonNull(value, "workDirectory");
      return this;
    }

    /**
     * Builds the pipeline.
     *
     * @return the pipeline
     * @throws IllegalStateException if no executor was set, if the policy set differs from the
     *     policy of a validator made with {@code PolicyValidator.of(policy)}, or if the policy
     *     requires signed approvals and no {@link #approvers(Approvers) approvers} were set
     * @throws NullPointerException if the executor reports no backend
     */
    public ToolExecPipeline build() {
      if (executor == null) {
        throw new IllegalStateException("an executor is required");
      }
      Objects.requireNonNull(executor.backend(), "executor.backend()");
      Optional<Policy> validatorPolicy =
          validator instanceof StandardPolicyValidator standard ? Optional.of(standard.policy()) : Optional.empty();
      if (policy != null && validatorPolicy.isPresent() && !validatorPolicy.get().equals(policy)) {
        throw new IllegalStateException("the validator applies another policy than policy(…): set one of them");
      }
      Policy effective = policy != null ? policy : validatorPolicy.orElse(Policy.defaults());
      return new ToolExecPipeline(this, effective, validator != null ? validator : PolicyValidator.of(effective));
    }
  }
}
