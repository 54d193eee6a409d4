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
import dev.threegate.RequestRef;
import dev.threegate.Step;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.problem.Verdict;
import dev.threegate.request.ToolRequest;
import dev.threegate.trust.ApprovalRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The chain of one request at one position: running it ({@link #proceed()}) runs the step at that
 * position with the chain of the next, and holds the step to the {@link Step} contract: an
 * exception, a {@code null} or a made-up {@link Outcome.Accepted} becomes {@link Outcome.Failed}
 * naming the step, and what a step returns after it proceeded cannot replace the outcome of the
 * rest.
 */
public final class RealChain implements Step.Chain {
  /** A step and the stage its failures are reported at. */
  public record Link(Step step, Stage stage) {
    /**
     * Checks that no component is null.
     *
     * @param step the step
     * @param stage {@link Stage#STEP} for a host's step, the built-in step's stage otherwise
     */
    public Link {
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(stage, "stage");
    }

    String name() {
      try {
        return String.valueOf(step.name());
      } catch (RuntimeException e) {
        return step.getClass().getName();
      }
    }
  }

  private final List<Link> links;
  private final int index;
  private final RunState state;
  private Outcome downstream;
  private boolean proceeded;

  private RealChain(List<Link> links, int index, RunState state) {
    this.links = links;
    this.index = index;
    this.state = state;
  }

  /**
   * Runs a request through every step.
   *
   * @param links the steps, in order; the last one must end the request without proceeding
   * @param state the request
   * @return its outcome
   */
  public static Outcome run(List<Link> links, RunState state) {
    return new RealChain(links, 0, state).proceed();
  }

  /**
   * The request's state, for the built-in steps.
   *
   * @param chain the chain a built-in step was given
   * @return its state
   */
  static RunState state(Step.Chain chain) {
    return ((RealChain) chain).state;
  }

  @Override
  public RequestRef ref() {
    return state.ref();
  }

  @Override
  public Path requestFile() {
    return state.requestFile();
  }

  @Override
  public Optional<Path> inputsDir() {
    return state.inputsDir();
  }

  @Override
  public Path resultsDir() {
    return state.resultsDir();
  }

  @Override
  public Optional<ToolRequest> request() {
    return state.request();
  }

  @Override
  public Optional<Verdict> verdict() {
    return state.verdict();
  }

  @Override
  public Optional<ApprovalRecord> approval() {
    return state.approval();
  }

  @Override
  public Optional<ExecutionSpec> spec() {
    return state.spec();
  }

  @Override
  public Outcome proceed() {
    if (proceeded) {
      // index >= 1: the chain a step is given follows it
      throw new IllegalStateException("step " + links.get(index - 1).name() + " called proceed() twice");
    }
    proceeded = true;
    if (index >= links.size()) {
      throw new IllegalStateException("nothing follows step " + links.get(index - 1).name());
    }
    Link link = links.get(index);
    RealChain next = new RealChain(links, index + 1, state);
    Outcome returned = null;
    RuntimeException thrown = null;
    try {
      returned = link.step().run(next);
    } catch (RuntimeException e) {
      thrown = e;
    }
    downstream = judge(link, next, returned, thrown);
    return downstream;
  }

  private Outcome judge(Link link, RealChain next, Outcome returned, RuntimeException thrown) {
    if (next.downstream != null) {
      // The rest of the chain ran: its outcome stands, whatever the step does with it.
      if (thrown != null) {
        state.events().problem("step " + link.name() + " threw after the rest of the pipeline ended; the outcome stands: " + thrown, thrown);
      } else if (returned != next.downstream) {
        state.events().problem("step " + link.name() + " returned " + describe(returned) + " instead of the outcome of the rest of the pipeline ("
            + describe(next.downstream) + "); that outcome stands", new IllegalStateException("step " + link.name() + " changed the outcome"));
      }
      return next.downstream;
    }
    // "step: com.acme.Audit threw …" for a host's step, "parse: step parse threw …" for a built-in one
    String who = link.stage() == Stage.STEP ? link.name() : "step " + link.name();
    if (thrown != null) {
      return failed(state.source(), link.stage(), who + " threw " + thrown, thrown);
    }
    if (returned == null) {
      return failed(state.source(), link.stage(), who + " returned null", null);
    }
    if (returned instanceof Outcome.Accepted && state.accepted().filter(a -> a == returned).isEmpty()) {
      return failed(state.source(), link.stage(),
          who + " returned an Accepted outcome that the pipeline's write step did not produce", null);
    }
    return returned;
  }

  private static String describe(Outcome outcome) {
    return outcome == null ? "null" : outcome.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }

  /**
   * A failure whose message starts with its stage.
   *
   * @param source the request's source
   * @param stage the stage
   * @param message what failed
   * @param cause the exception, if any
   * @return the failure
   */
  public static Outcome.Failed failed(String source, Stage stage, String message, Throwable cause) {
    return new Outcome.Failed(source, stage, stage.name().toLowerCase(Locale.ROOT) + ": " + message, Optional.ofNullable(cause));
  }
}
