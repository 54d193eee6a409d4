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
import dev.threegate.exec.OutputBudget;
import dev.threegate.exec.ScriptedExecutor;
import dev.threegate.policy.Policy;
import dev.threegate.request.Requests;
import dev.threegate.result.ToolResultWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each built-in step's own failures, named at its stage, and a clean run that reports no problem. */
class BuiltInStepFailuresTest {
  private static final String NO_FILES =
      Requests.TYPICAL
          .replace("inputs:\n  - name: \"data.csv\"\n    sha256: \"3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7\"\n", "")
          .replace("outputs_expected:\n  - path: \"/out/stats.json\"\n    description: \"mean, median, stdev per column\"\n", "")
          .replace("python /in/stats.py --in /in/data.csv --out /out/stats.json", "python3 -V");

  @TempDir Path temp;

  private final List<String> problems = new ArrayList<>();

  private Path request() throws IOException {
    return Files.writeString(Files.createDirectories(temp.resolve("requests")).resolve("TR-1.md"), NO_FILES);
  }

  private ToolExecPipeline.Builder builder() {
    return ToolExecPipeline.builder().executor(ScriptedExecutor.printing("x")).workDirectory(temp.resolve("work"))
        .listener(new PipelineListener() {
          @Override
          public void problem(RequestRef ref, String problem, Exception cause) {
            problems.add(problem);
          }
        });
  }

  private static void assertFailed(Outcome outcome, Stage stage, String start) {
    assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
      assertThat(f.stage()).isEqualTo(stage);
      assertThat(f.message()).startsWith(start);
    });
  }

  @Test
  void anAcceptedRunReportsNoProblem() throws IOException {
    assertThat(builder().build().run(request(), temp.resolve("results"))).isInstanceOf(Outcome.Accepted.class);
    assertThat(problems).isEmpty();
  }

  @Test
  void aParserThatThrowsFailsTheParse() throws IOException {
    Outcome outcome = builder().parser((name, bytes) -> {
      throw new IllegalStateException("broken");
    }).build().run(request(), temp.resolve("results"));
    assertFailed(outcome, Stage.PARSE, "parse: parser ");
    assertThat(((Outcome.Failed) outcome).message()).endsWith(" threw java.lang.IllegalStateException: broken");
  }

  @Test
  void aValidatorThatThrowsFailsTheValidation() throws IOException {
    Outcome outcome = builder().validator(request -> {
      throw new IllegalStateException("broken");
    }).build().run(request(), temp.resolve("results"));
    assertFailed(outcome, Stage.VALIDATE, "validate: validator ");
    assertThat(((Outcome.Failed) outcome).message()).endsWith(" threw java.lang.IllegalStateException: broken");
  }

  @Test
  void aResultsDirectoryThatIsAFileFailsTheClaim() throws IOException {
    Path results = Files.writeString(temp.resolve("results"), "a file");
    assertFailed(builder().build().run(request(), results), Stage.CLAIM,
        "claim: cannot claim request TR-20261126-120000Z-csv-stats in " + results + ": ");
  }

  @Test
  void aWorkDirectoryThatIsAFileFailsTheStaging() throws IOException {
    Path work = Files.writeString(temp.resolve("work"), "a file");
    assertFailed(builder().workDirectory(work).build().run(request(), temp.resolve("results")), Stage.STAGE_INPUTS,
        "stage_inputs: cannot create a private run directory in " + work + ": ");
  }

  @Test
  void eachBuiltInStepOutOfPlaceFailsNamingItselfAtItsStage() {
    List<String> failures = new ArrayList<>();
    List<RealChain.Link> links = List.of(
        new RealChain.Link(new ClaimStep(), Stage.CLAIM),
        new RealChain.Link(new StageStep(temp.resolve("work"), new InFlight(), 1, OutputBudget.defaults()), Stage.STAGE_INPUTS),
        new RealChain.Link(new ValidateStep(request -> null, Policy.defaults(), ScriptedExecutor.BACKEND), Stage.VALIDATE),
        new RealChain.Link(new ExecuteStep(ScriptedExecutor.printing("x"), new InFlight()), Stage.EXECUTE));
    for (RealChain.Link link : links) {
      RunState state = new RunState(temp.resolve("TR-1.md"), Optional.empty(), temp.resolve("results"), PipelineListener.NONE);
      failures.add(((Outcome.Failed) RealChain.run(List.of(link), state)).message());
    }
    RunState parsed = new RunState(temp.resolve("TR-1.md"), Optional.empty(), temp.resolve("results"), PipelineListener.NONE);
    parsed.request(Requests.parse(NO_FILES));
    failures.add(((Outcome.Failed) RealChain.run(List.of(links.get(3)), parsed)).message());
    assertThat(failures).containsExactly(
        "claim: step claim threw java.lang.IllegalStateException: the request has not been parsed",
        "stage_inputs: step stage threw java.lang.IllegalStateException: the request has not been parsed",
        "validate: step validate threw java.lang.IllegalStateException: the request has not been parsed",
        "execute: step execute threw java.lang.IllegalStateException: nothing was staged",
        "execute: step execute threw java.lang.IllegalStateException: nothing was staged");
  }

  @Test
  void theParseStepAsTheLastStepFailsNamingItself() throws IOException {
    RunState state = new RunState(request(), Optional.empty(), temp.resolve("results"), PipelineListener.NONE);
    Outcome outcome = RealChain.run(List.of(new RealChain.Link(
        new ParseStep(dev.threegate.request.ToolRequestParser.standard(), r -> dev.threegate.problem.Verdict.PASSED), Stage.PARSE)), state);
    assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.message()).isEqualTo("parse: step parse threw java.lang.IllegalStateException: nothing follows step parse"));
  }

  @Test
  void aStepWhoseNameThrowsIsNamedByItsClass() {
    Step nameless = new Step() {
      @Override
      public Outcome run(Chain chain) {
        return null;
      }

      @Override
      public String name() {
        throw new IllegalStateException("no name");
      }
    };
    RunState state = new RunState(temp.resolve("TR-1.md"), Optional.empty(), temp.resolve("results"), PipelineListener.NONE);
    assertThat(RealChain.run(List.of(new RealChain.Link(nameless, Stage.STEP)), state)).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.message()).isEqualTo("step: " + nameless.getClass().getName() + " returned null"));
  }

  @Test
  void aMalformedRequestIsRejectedWithTheParsersProblemsAndTheValidatorsOnWhatWasRead() throws IOException {
    Path file = Files.writeString(Files.createDirectories(temp.resolve("requests")).resolve("TR-2.md"),
        NO_FILES.replace("language: python", "language: bash"));
    dev.threegate.problem.Violation own = new dev.threegate.problem.Violation("host.rule", "requested_by", "not this person");
    Outcome judged = builder().validator(request -> dev.threegate.problem.Verdict.of(List.of(own))).build()
        .run(file, temp.resolve("results"));
    assertThat(judged).isInstanceOfSatisfying(Outcome.Rejected.class,
        r -> assertThat(r.violations()).extracting(v -> v.code()).containsExactly("language.shell", "host.rule"));
    Outcome unjudged = builder().validator(request -> null).build().run(file, temp.resolve("results"));
    assertThat(unjudged).isInstanceOfSatisfying(Outcome.Rejected.class,
        r -> assertThat(r.violations()).extracting(v -> v.code()).containsExactly("language.shell"));
  }

  @Test
  void aParserValidatorOrExecutorThatReturnsNullIsNamedInTheFailure() throws IOException {
    Path file = request();
    Outcome parsed = builder().parser((name, bytes) -> null).build().run(file, temp.resolve("r1"));
    assertThat(((Outcome.Failed) parsed).message()).startsWith("parse: parser ").endsWith(" returned null");
    Outcome validated = builder().validator(request -> null).build().run(file, temp.resolve("r2"));
    assertThat(((Outcome.Failed) validated).message()).startsWith("validate: validator ").endsWith(" returned null");
    Outcome executed = ToolExecPipeline.builder().executor(new dev.threegate.exec.Executor() {
      @Override
      public dev.threegate.exec.ExecutionResult execute(dev.threegate.exec.ExecutionSpec spec) {
        return null;
      }

      @Override
      public dev.threegate.exec.BackendInfo backend() {
        return ScriptedExecutor.BACKEND;
      }
    }).workDirectory(temp.resolve("work")).build().run(file, temp.resolve("r3"));
    assertThat(((Outcome.Failed) executed).message()).startsWith("execute: executor ").endsWith(" returned null");
  }
}
