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
package dev.threegate.era;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.Outcome;
import dev.threegate.ToolExecPipeline;
import dev.threegate.testkit.AgentSimulator;
import dev.threegate.testkit.ToolRequests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link EraExecutor}'s agent form against the agent simulator. */
class SimulatedAgentTest extends EraOutcomesTest {

  Path agent() {
    return AgentSimulator.install(temp.resolve("bin"));
  }

  /** Whether requests without volumes run in one {@code vm temp}, as they do by default. */
  boolean temporaryVms() {
    return true;
  }

  EraExecutor.Builder builder() {
    return EraExecutor.builder()
        .temporaryVms(temporaryVms())
        .agent(agent())
        .stateDirectory(temp.resolve("state"))
        .environment(AgentSimulator.LOCK, temp.resolve("agent.lock").toString());
  }

  @Override
  EraExecutor executor() {
    return builder().build();
  }

  @Override
  boolean supportsFiles() {
    return true;
  }

  @Override
  void afterRun() throws IOException {
    Path vms = temp.resolve("state/vms");
    if (Files.isDirectory(vms)) {
      try (Stream<Path> left = Files.list(vms)) {
        assertThat(left).as("VMs left after vm clean").isEmpty();
      }
    }
  }

  @Test
  void retriesWhileAnotherAgentRunsThenGivesUp() throws Exception {
    Process holder = new ProcessBuilder("flock", temp.resolve("agent.lock").toString(), "sleep", "1").start();
    try {
      Thread.sleep(200);
      Outcome refused =
          run(ToolRequests.valid().command("echo refused"), builder().singletonRetries(2, Duration.ofMillis(50)).build(),
              ToolExecPipeline.builder());
      assertThat(refused).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
        assertThat(f.stage()).isEqualTo(Outcome.Stage.EXECUTE);
        assertThat(f.message()).contains("another instance of agent is already running");
      });
      Outcome waited =
          run(ToolRequests.valid().command("echo waited"), builder().singletonRetries(40, Duration.ofMillis(100)).build(),
              ToolExecPipeline.builder());
      assertThat(waited.exitCode()).isZero();
    } finally {
      holder.destroyForcibly();
      holder.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void anInterruptStopsTheRunAndStillCleansTheVm() throws Exception {
    java.util.concurrent.atomic.AtomicReference<Outcome> outcome = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicReference<Boolean> interrupted = new java.util.concurrent.atomic.AtomicReference<>();
    Thread thread = new Thread(() -> {
      outcome.set(run(ToolRequests.valid().timeLimitSec(60).command("python3 -m timeit -n 1 -r 1 -s \"import time\" \"time.sleep(60) or '" + marker + "'\"")));
      interrupted.set(Thread.currentThread().isInterrupted());
    });
    thread.start();
    Path vms = temp.resolve("state/vms");
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline && !(Files.isDirectory(vms) && Files.list(vms).findAny().isPresent())) {
      Thread.sleep(20);
    }
    Thread.sleep(300);
    thread.interrupt();
    thread.join(10_000);
    assertThat(thread.isAlive()).isFalse();
    assertThat(outcome.get()).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.message()).contains("interrupted"));
    assertThat(interrupted.get()).as("interrupt status kept").isTrue();
  }

  @Test
  void aMissingAgentIsAnInfrastructureFailure() {
    Outcome outcome =
        run(ToolRequests.valid(), EraExecutor.builder().agent(temp.resolve("no/agent")).stateDirectory(temp.resolve("state")).build(),
            ToolExecPipeline.builder());
    assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.message()).contains("cannot run"));
  }

  @Test
  void krunvmFailuresAreInfrastructureFailures() {
    Outcome lock = run(ToolRequests.valid(), builder().environment(AgentSimulator.KRUNVM, "lock").build(), ToolExecPipeline.builder());
    // vm temp deletes the guest's output when it fails, krunvm's text with it: the exit code 255 tells.
    assertThat(lock).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.message()).contains(
        temporaryVms() ? List.of("ERA infrastructure failure", "255", "krunvm") : List.of("krunvm", "Couldn't acquire lock file")));
    Outcome missing = run(ToolRequests.valid(), builder().environment(AgentSimulator.KRUNVM, "missing").build(), ToolExecPipeline.builder());
    assertThat(missing).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.message()).contains("krunvm is not installed"));
  }

  @Test
  void refusesWhatErasCliCannotCarry() {
    Outcome ts = run(ToolRequests.valid().command("x".repeat(1025)));
    assertThat(ts).isInstanceOfSatisfying(Outcome.Rejected.class,
        r -> assertThat(r.violations()).extracting(v -> v.code()).contains("backend.command_too_long"));
  }

  @Test
  void recordsAHostNamespaceWhenTheNetworkIsIsolated() throws IOException {
    Outcome.Accepted accepted =
        accepted(run(ToolRequests.valid().command("python3 -m timeit -n 1 -r 1 -s \"import socket\" \"print(socket.if_nameindex())\""), builder().isolateNetwork(true).build(), ToolExecPipeline.builder()));
    assertThat(stdout(accepted).lines().findFirst()).hasValue("[(1, 'lo')]");
    assertThat(resultText(accepted)).contains("network_enforcement: host_namespace", "network_used: none");
  }
}
