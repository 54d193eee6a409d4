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
package dev.threegate.testkit;

import static dev.threegate.testkit.ThreeGateAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.Outcome;
import dev.threegate.ToolExecPipeline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakeExecutorTest {
  @TempDir Path temp;

  private Outcome run(FakeExecutor fake, ToolRequests request) {
    Path file = request.writeTo(temp.resolve("requests"));
    return ToolExecPipeline.builder().executor(fake).build().run(file, temp.resolve("inputs"), temp.resolve("results"));
  }

  @Test
  void givesItsFixedAnswerThroughTheRealWriter() {
    FakeExecutor fake = FakeExecutor.builder().stdout("hello\n").file("stats.json", "{}").build();
    Outcome outcome = run(fake, ToolRequests.valid().output("/out/stats.json", "stats"));
    assertThat(outcome).isAccepted().hasExitCode(0).hasToolExitCode(0).stdoutContains("hello").hasArtifact("stats.json").hasValidToolResult();
    assertThat(fake.takeExecution().command()).isEqualTo("python3 -V");
  }

  @Test
  void answersFromItsQueueInOrderThenWithTheDefault() {
    FakeExecutor fake = FakeExecutor.builder().stdout("default\n").build()
        .enqueue(FakeExecutor.answer().stdout("first\n"))
        .enqueue(FakeExecutor.answer().exitCode(2).stderr("boom\n"));
    assertThat(run(fake, ToolRequests.valid().requestId("TR-1"))).stdoutContains("first");
    assertThat(run(fake, ToolRequests.valid().requestId("TR-2"))).hasToolExitCode(2);
    assertThat(run(fake, ToolRequests.valid().requestId("TR-3"))).stdoutContains("default");
    assertThat(fake.executions()).extracting(e -> e.request().requestId()).containsExactly("TR-1", "TR-2", "TR-3");
  }

  @Test
  void cannedBehavioursBecomeTheRightOutcomes() {
    FakeExecutor fake = FakeExecutor.builder().build()
        .enqueue(FakeExecutor.answer().timedOut())
        .enqueue(FakeExecutor.answer().killed())
        .enqueue(FakeExecutor.answer().stdout(new byte[2_000_000]))
        .enqueue(FakeExecutor.answer().infrastructureFailure("sandbox exploded"))
        .enqueue(FakeExecutor.answer().latency(Duration.ofMillis(200)));
    assertThat(run(fake, ToolRequests.valid().requestId("TR-1"))).isAccepted().hasToolExitCode(-1);
    assertThat(run(fake, ToolRequests.valid().requestId("TR-2"))).isAccepted().hasToolExitCode(137);
    Outcome capped = ToolExecPipeline.builder().executor(fake).maxOutputBytes(1_000_000).build()
        .run(ToolRequests.valid().requestId("TR-3").writeTo(temp.resolve("requests")), temp.resolve("results"));
    assertThat(((Outcome.Accepted) capped).execution().stdout().truncated()).isTrue();
    assertThat(run(fake, ToolRequests.valid().requestId("TR-4"))).isFailedAt(Outcome.Stage.EXECUTE).hasExitCode(3);
    long start = System.nanoTime();
    assertThat(run(fake, ToolRequests.valid().requestId("TR-5"))).isAccepted();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void recordsTheInputsItSaw() throws Exception {
    byte[] csv = "a,b\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    java.nio.file.Files.createDirectories(temp.resolve("inputs"));
    java.nio.file.Files.write(temp.resolve("inputs/data.csv"), csv);
    FakeExecutor fake = FakeExecutor.builder().build();
    assertThat(run(fake, ToolRequests.valid().inputs(java.util.Map.of("data.csv", csv)))).isAccepted();
    assertThat(fake.takeExecution().inputs()).containsEntry("data.csv", ToolRequests.sha256(csv));
  }

  @Test
  void isSafeToShareBetweenThreads() throws Exception {
    FakeExecutor fake = FakeExecutor.builder().respond(spec -> FakeExecutor.answer().stdout(spec.request().requestId())).build();
    ToolExecPipeline gate = ToolExecPipeline.builder().executor(fake).build();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<Outcome>> futures = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        Path file = ToolRequests.valid().requestId("TR-" + i).writeTo(temp.resolve("requests"));
        futures.add(threads.submit(() -> gate.run(file, temp.resolve("results"))));
      }
      for (int i = 0; i < 40; i++) {
        assertThat(futures.get(i).get()).isAccepted().stdoutContains("TR-" + i);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(fake.executions()).hasSize(40);
  }
}
