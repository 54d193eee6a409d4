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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threegate.exec.BackendInfo;
import dev.threegate.exec.Capabilities;
import dev.threegate.exec.Isolation;
import dev.threegate.exec.ScriptedExecutor;
import dev.threegate.policy.Policy;
import dev.threegate.policy.PolicyValidator;
import dev.threegate.problem.Verdict;
import dev.threegate.problem.Violation;
import dev.threegate.request.Backend;
import dev.threegate.request.Language;
import dev.threegate.request.Requests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host's own steps in the chain, and the one binding of the validator to the backend. */
class PipelineStepsTest {
  private static final String NO_FILES =
      Requests.TYPICAL
          .replace("inputs:\n  - name: \"data.csv\"\n    sha256: \"3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7\"\n", "")
          .replace("outputs_expected:\n  - path: \"/out/stats.json\"\n    description: \"mean, median, stdev per column\"\n", "")
          .replace("python /in/stats.py --in /in/data.csv --out /out/stats.json", "python3 -V");
  private static final String ID = "TR-20261126-120000Z-csv-stats";

  @TempDir Path temp;

  private Path request() throws IOException {
    return Files.writeString(Files.createDirectories(temp.resolve("requests")).resolve("TR-1.md"), NO_FILES);
  }

  private Path results() {
    return temp.resolve("results");
  }

  private Path work() {
    return temp.resolve("work");
  }

  private ToolExecPipeline.Builder builder(ScriptedExecutor executor) {
    return ToolExecPipeline.builder().executor(executor).workDirectory(work());
  }

  private static List<String> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  /** A named step, as a host writes one. */
  private record Named(String name, Step body) implements Step {
    @Override
    public Outcome run(Chain chain) {
      return body.run(chain);
    }
  }

  @Test
  void aStepAfterValidationCanRejectBeforeAnythingIsClaimedOrStaged() throws IOException {
    ScriptedExecutor executor = ScriptedExecutor.printing("x");
    List<String> seen = new ArrayList<>();
    Step approvals = chain -> {
      seen.add(chain.request().map(r -> r.requestId()).orElse("?") + " passed=" + chain.verdict().map(Verdict::passed).orElse(false)
          + " spec=" + chain.spec().isPresent());
      return new Outcome.Rejected(chain.ref().source(), chain.request(),
          List.of(new Violation("approval.unverified", "approved_by", "no signed approval for this request")));
    };
    Outcome outcome = builder(executor).addStepAfter(Outcome.Stage.VALIDATE, approvals).build().run(request(), results());
    assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class,
        r -> assertThat(r.violations()).extracting(Violation::code).containsExactly("approval.unverified"));
    assertThat(seen).containsExactly(ID + " passed=true spec=false");
    assertThat(executor.specs).isEmpty();
    assertThat(list(results())).as("nothing claimed, nothing written").isEmpty();
    assertThat(list(work())).as("nothing staged").isEmpty();
  }

  @Test
  void aStepThatProceedsSeesTheRequestAtItsPositionAndTheOutcomeOfTheRest() throws IOException {
    List<String> audit = new CopyOnWriteArrayList<>();
    Step around = chain -> {
      audit.add("before " + chain.ref() + " request=" + chain.request().isPresent());
      Outcome outcome = chain.proceed();
      audit.add("after " + chain.ref() + " " + outcome.exitCode());
      return outcome;
    };
    Step staged = chain -> {
      audit.add("staged in " + chain.spec().map(s -> Files.isDirectory(s.inputsDir())).orElse(false));
      return chain.proceed();
    };
    Outcome outcome = builder(ScriptedExecutor.printing("x")).addStep(around).addStepAfter(Outcome.Stage.STAGE_INPUTS, staged)
        .build().run(request(), results());
    assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
    assertThat(audit).containsExactly("before TR-1.md request=false", "staged in true", "after TR-1.md (" + ID + ") 0");
  }

  @Test
  void aStepThatThrowsOrReturnsNullOrMakesUpAnAcceptanceFailsNamingIt() throws IOException {
    Path file = request();
    Outcome thrown = builder(ScriptedExecutor.printing("x"))
        .addStepAfter(Outcome.Stage.PARSE, new Named("acme-audit", chain -> { throw new IllegalStateException("audit log full"); }))
        .build().run(file, results());
    assertFailedAtStep(thrown, "step: acme-audit threw java.lang.IllegalStateException: audit log full");
    assertThat(((Outcome.Failed) thrown).cause()).containsInstanceOf(IllegalStateException.class);

    Outcome nulled = builder(ScriptedExecutor.printing("x"))
        .addStepAfter(Outcome.Stage.CLAIM, new Named("acme-null", chain -> null)).build().run(file, results());
    assertFailedAtStep(nulled, "step: acme-null returned null");
    assertThat(list(results())).as("the claim was released, nothing written").allMatch(p -> p.startsWith(".threegate"));

    Outcome staged = builder(ScriptedExecutor.printing("x"))
        .addStepAfter(Outcome.Stage.STAGE_INPUTS, new Named("acme-late", chain -> { throw new IllegalStateException("no"); }))
        .build().run(file, results());
    assertFailedAtStep(staged, "step: acme-late threw java.lang.IllegalStateException: no");
    assertThat(list(work())).as("the run directory is removed").isEmpty();
    assertThat(builder(ScriptedExecutor.printing("x")).build().run(file, results()))
        .as("the claim was released").isInstanceOf(Outcome.Accepted.class);

    Outcome.Accepted earlier = (Outcome.Accepted) builder(ScriptedExecutor.printing("x")).build().run(file, temp.resolve("other"));
    Outcome madeUp = builder(ScriptedExecutor.printing("x"))
        .addStep(new Named("acme-forger", chain -> earlier)).build().run(file, temp.resolve("third"));
    assertFailedAtStep(madeUp, "step: acme-forger returned an Accepted outcome that the pipeline's write step did not produce");
    assertThat(list(temp.resolve("third"))).isEmpty();
  }

  private static void assertFailedAtStep(Outcome outcome, String message) {
    assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
      assertThat(f.stage()).isEqualTo(Outcome.Stage.STEP);
      assertThat(f.message()).isEqualTo(message);
      assertThat(f.exitCode()).isEqualTo(3);
    });
  }

  @Test
  void aStepCannotChangeTheOutcomeOfTheRestOnceItProceeded() throws IOException {
    List<String> problems = new CopyOnWriteArrayList<>();
    PipelineListener listener = new PipelineListener() {
      @Override
      public void problem(RequestRef ref, String problem, Exception cause) {
        problems.add(ref + ": " + problem);
      }
    };
    Step throwsAfter = new Named("late", chain -> {
      chain.proceed();
      throw new IllegalStateException("too late");
    });
    Step twice = new Named("twice", chain -> {
      Outcome first = chain.proceed();
      assertThatThrownBy(chain::proceed).isInstanceOf(IllegalStateException.class).hasMessageContaining("twice");
      return new Outcome.Rejected(first.source(), Optional.empty(), List.of(new Violation("x.y", "z", "changed my mind")));
    });
    Outcome outcome = builder(ScriptedExecutor.printing("x")).listener(listener).addStep(throwsAfter)
        .addStepAfter(Outcome.Stage.VALIDATE, twice).build().run(request(), results());
    assertThat(outcome).as("the published result stands").isInstanceOf(Outcome.Accepted.class);
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0)).startsWith("TR-1.md (" + ID + "): step twice returned rejected instead of the outcome");
    assertThat(problems.get(1)).startsWith("TR-1.md (" + ID + "): step late threw after the rest of the pipeline ended")
        .contains("too late");
  }

  @Test
  void stepsGoOnlyWhereTheRequestCanStillBeRefusedBeforeItRuns() {
    ToolExecPipeline.Builder builder = builder(ScriptedExecutor.printing("x"));
    for (Outcome.Stage stage : List.of(Outcome.Stage.READ, Outcome.Stage.EXECUTE, Outcome.Stage.WRITE, Outcome.Stage.STEP)) {
      assertThatThrownBy(() -> builder.addStepAfter(stage, chain -> chain.proceed())).isInstanceOf(IllegalArgumentException.class);
    }
  }

  // --- the validator is bound to the backend once, in the validate step ---

  private static final BackendInfo NO_FILES_NAMESPACE = BackendInfo.builder().name("nofiles").version("1").kind(Backend.ERA)
      .capabilities(Capabilities.builder(Isolation.NAMESPACE).languages(Set.of(Language.PYTHON)).maxCommandBytes(1024).build())
      .build();

  @Test
  void eachBackendViolationIsReportedOnceWhateverTheValidator() throws IOException {
    Path file = Files.writeString(Files.createDirectories(temp.resolve("requests")).resolve("TR-2.md"), Requests.TYPICAL);
    Policy microvm = Policy.defaults().newBuilder().minimumIsolation(Isolation.MICROVM).build();
    List<String> expected = List.of("backend.inputs_unsupported", "backend.outputs_unsupported", "backend.isolation_insufficient");
    ToolExecPipelineTest.DelegatingExecutor executor =
        new ToolExecPipelineTest.DelegatingExecutor(ScriptedExecutor.printing("x"), NO_FILES_NAMESPACE);
    List<ToolExecPipeline> gates = List.of(
        ToolExecPipeline.builder().executor(executor).policy(microvm).build(),
        ToolExecPipeline.builder().executor(executor).validator(PolicyValidator.of(microvm)).build(),
        ToolExecPipeline.builder().executor(executor).policy(microvm).validator(PolicyValidator.of(microvm)).build());
    for (ToolExecPipeline gate : gates) {
      assertThat(gate.run(file, temp.resolve("inputs"), results())).isInstanceOfSatisfying(Outcome.Rejected.class,
          r -> assertThat(r.violations()).extracting(Violation::code).containsExactlyElementsOf(expected));
    }
  }

  @Test
  void aHostsOwnValidatorStillGetsTheBackendRulesOfThePolicy() throws IOException {
    PolicyValidator permissive = request -> Verdict.PASSED;
    Policy microvm = Policy.defaults().newBuilder().minimumIsolation(Isolation.MICROVM).build();
    ScriptedExecutor executor = ScriptedExecutor.printing("x");
    Outcome outcome = builder(executor).validator(permissive).policy(microvm).build().run(request(), results());
    assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class,
        r -> assertThat(r.violations()).extracting(Violation::code).containsExactly("backend.isolation_insufficient"));
    Outcome bubblewrap = builder(executor).validator(permissive).build()
        .run(Files.writeString(temp.resolve("requests/TR-3.md"), NO_FILES.replace("backend: ERA", "backend: bubblewrap")), results());
    assertThat(bubblewrap).isInstanceOfSatisfying(Outcome.Rejected.class,
        r -> assertThat(r.violations()).extracting(Violation::code).containsExactly("backend.mismatch"));
    assertThat(executor.specs).isEmpty();
  }

  @Test
  void aPolicyAndAValidatorOfAnotherPolicyAreRefused() {
    Policy microvm = Policy.defaults().newBuilder().minimumIsolation(Isolation.MICROVM).build();
    assertThatThrownBy(() -> builder(ScriptedExecutor.printing("x")).policy(microvm).validator(PolicyValidator.of(Policy.defaults())).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("another policy");
  }
}
