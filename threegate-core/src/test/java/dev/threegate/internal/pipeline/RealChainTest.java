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

import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.Outcome;
import dev.threegate.Outcome.Stage;
import dev.threegate.PipelineListener;
import dev.threegate.RequestRef;
import dev.threegate.Step;
import dev.threegate.ToolExecPipeline;
import dev.threegate.exec.ScriptedExecutor;
import dev.threegate.problem.Violation;
import dev.threegate.request.Requests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chain's bookkeeping: positions, what a step sees, and which outcomes it may return. */
class RealChainTest {
  @TempDir Path temp;

  private final List<String> problems = new ArrayList<>();

  private RunState state(Optional<Path> inputs) {
    return new RunState(temp.resolve("requests/TR-1.md"), inputs, temp.resolve("results"), new PipelineListener() {
      @Override
      public void problem(RequestRef ref, String problem, Exception cause) {
        problems.add(problem);
      }
    });
  }

  /** A named step, as a host writes one. */
  private record Named(String name, Step body) implements Step {
    @Override
    public Outcome run(Chain chain) {
      return body.run(chain);
    }
  }

  private static RealChain.Link host(String name, Step body) {
    return new RealChain.Link(new Named(name, body), Stage.STEP);
  }

  private static Outcome.Failed ending(String source) {
    return new Outcome.Failed(source, Stage.STEP, "ended", Optional.empty());
  }

  @Test
  void aStepSeesTheRunItBelongsTo() {
    List<String> seen = new ArrayList<>();
    RealChain.run(List.of(host("look", chain -> {
      seen.add(chain.requestFile() + " " + chain.inputsDir().orElseThrow() + " " + chain.resultsDir() + " " + chain.ref());
      seen.add(chain.request() + " " + chain.verdict() + " " + chain.spec());
      return ending(chain.ref().source());
    })), state(Optional.of(temp.resolve("inputs"))));
    assertThat(seen).containsExactly(
        temp.resolve("requests/TR-1.md") + " " + temp.resolve("inputs") + " " + temp.resolve("results") + " TR-1.md",
        "Optional.empty Optional.empty Optional.empty");
  }

  @Test
  void stepsRunInOrderAndEachProceedsOnce() {
    List<String> order = new ArrayList<>();
    List<RealChain.Link> links = List.of(
        host("first", chain -> {
          order.add("first");
          Outcome rest = chain.proceed();
          try {
            chain.proceed();
          } catch (IllegalStateException e) {
            order.add(e.getMessage());
          }
          return rest;
        }),
        host("second", chain -> {
          order.add("second");
          Outcome rest = chain.proceed();
          try {
            chain.proceed();
          } catch (IllegalStateException e) {
            order.add(e.getMessage());
          }
          return rest;
        }),
        host("last", chain -> {
          order.add("last");
          return ending(chain.ref().source());
        }));
    Outcome outcome = RealChain.run(links, state(Optional.empty()));
    assertThat(outcome).isEqualTo(ending("TR-1.md"));
    assertThat(order).containsExactly("first", "second", "last", "step second called proceed() twice", "step first called proceed() twice");
    assertThat(problems).isEmpty();
  }

  @Test
  void theLastStepCannotProceed() {
    List<RealChain.Link> links = List.of(
        host("first", Step.Chain::proceed),
        host("last", Step.Chain::proceed));
    Outcome outcome = RealChain.run(links, state(Optional.empty()));
    assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
      assertThat(f.stage()).isEqualTo(Stage.STEP);
      assertThat(f.message()).isEqualTo("step: last threw java.lang.IllegalStateException: nothing follows step last");
    });
  }

  @Test
  void aBuiltInStepsFailureIsReportedAtItsStage() {
    Outcome outcome = RealChain.run(List.of(new RealChain.Link(new Named("validate", chain -> null), Stage.VALIDATE)),
        state(Optional.empty()));
    assertThat(outcome).isEqualTo(new Outcome.Failed("TR-1.md", Stage.VALIDATE, "validate: step validate returned null", Optional.empty()));
  }

  @Test
  void onlyTheAcceptanceTheWriteStepProducedIsAccepted() throws IOException {
    Outcome.Accepted written = accepted();
    Outcome.Accepted copy = new Outcome.Accepted(written.request(), written.execution(), written.written());
    assertThat(copy).isEqualTo(written);

    RunState state = state(Optional.empty());
    state.accepted(written);
    assertThat(RealChain.run(List.of(host("write", chain -> written)), state)).isSameAs(written);

    RunState other = state(Optional.empty());
    other.accepted(written);
    assertThat(RealChain.run(List.of(host("forger", chain -> copy)), other)).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.message()).isEqualTo("step: forger returned an Accepted outcome that the pipeline's write step did not produce"));
  }

  @Test
  void whatAStepDoesAfterTheRestEndedIsReportedAndTheOutcomeStands() {
    Outcome.Rejected rejected = new Outcome.Rejected("TR-1.md", Optional.empty(), List.of(new Violation("x.y", "z", "no")));
    List<RealChain.Link> links = List.of(
        host("same", Step.Chain::proceed),
        host("swap", chain -> {
          chain.proceed();
          return ending("other");
        }),
        host("null", chain -> {
          chain.proceed();
          return null;
        }),
        host("reject", chain -> rejected));
    assertThat(RealChain.run(links, state(Optional.empty()))).isSameAs(rejected);
    assertThat(problems).containsExactly(
        "step null returned null instead of the outcome of the rest of the pipeline (rejected); that outcome stands",
        "step swap returned failed instead of the outcome of the rest of the pipeline (rejected); that outcome stands");
  }

  private Outcome.Accepted accepted() throws IOException {
    String text = Requests.TYPICAL
        .replace("inputs:\n  - name: \"data.csv\"\n    sha256: \"3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7\"\n", "")
        .replace("outputs_expected:\n  - path: \"/out/stats.json\"\n    description: \"mean, median, stdev per column\"\n", "")
        .replace("python /in/stats.py --in /in/data.csv --out /out/stats.json", "python3 -V");
    Path file = Files.writeString(Files.createDirectories(temp.resolve("requests")).resolve("TR-1.md"), text);
    Outcome outcome = ToolExecPipeline.builder().executor(ScriptedExecutor.printing("x")).workDirectory(temp.resolve("work"))
        .build().run(file, temp.resolve("published"));
    assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
    return (Outcome.Accepted) outcome;
  }
}
