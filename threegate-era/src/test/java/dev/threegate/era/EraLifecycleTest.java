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
import dev.threegate.policy.Policy;
import dev.threegate.policy.PolicyValidator;
import dev.threegate.result.ToolResultValidator;
import dev.threegate.testkit.AgentSimulator;
import dev.threegate.testkit.ToolRequests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A VM that {@code vm create} made is cleaned whatever fails or interrupts, and what goes wrong
 * while cleaning is recorded, never lost. The agent is the simulator behind a script that can make
 * {@code vm create} hang (before or after it reports the id) or {@code vm clean} fail.
 */
class EraLifecycleTest {
  @TempDir Path temp;
  private final String marker = "threegate-life-" + UUID.randomUUID().toString().substring(0, 8);
  private int requests;

  /** The simulator behind a script with faults chosen by environment variables. */
  private Path agent() throws IOException {
    Path simulator = AgentSimulator.install(temp.resolve("sim"));
    Path script = Files.createDirectories(temp.resolve("bin")).resolve("agent");
    Files.writeString(script, """
        #!/usr/bin/env bash
        sim='%s'
        case "${2:-}" in
          create)
            if [[ -n "${FAULT_CREATE_HANGS_SILENTLY:-}" ]]; then "$sim" "$@" > /dev/null; exec -a "$MARKER" sleep 600; fi
            if [[ -n "${FAULT_CREATE_HANGS:-}" ]]; then "$sim" "$@"; exec -a "$MARKER" sleep 600; fi ;;
          clean)
            if [[ -n "${FAULT_CLEAN_FAILS:-}" ]]; then
              echo "2026-01-01T00:00:00Z ERROR command failed error=\\"simulated clean failure\\"" >&2; exit 1
            fi ;;
        esac
        exec "$sim" "$@"
        """.formatted(simulator), StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  private EraExecutor.Builder builder() throws IOException {
    return EraExecutor.builder()
        .temporaryVms(false) // the three-call lifecycle; TemporaryVmTest has vm temp's
        .agent(agent())
        .stateDirectory(temp.resolve("state"))
        .environment(AgentSimulator.LOCK, temp.resolve("agent.lock").toString())
        .environment("MARKER", marker);
  }

  private Outcome run(EraExecutor executor, String command) {
    Path file = ToolRequests.valid().requestId("TR-" + marker + "-" + (++requests)).command(command).writeTo(temp.resolve("requests"));
    return ToolExecPipeline.builder()
        .executor(executor)
        .validator(PolicyValidator.of(Policy.defaults()))
        .workDirectory(temp.resolve("work"))
        .build()
        .run(file, temp.resolve("results"));
  }

  private List<Path> vms() throws IOException {
    Path vms = temp.resolve("state/vms");
    if (!Files.isDirectory(vms)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(vms)) {
      return list.toList();
    }
  }

  @AfterEach
  void nothingIsLeftRunning() {
    assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false)))
        .as("processes left running").isEmpty();
  }

  @Test
  void aCreateThatHangsAfterReportingItsIdIsKilledAndItsVmCleaned() throws IOException {
    Outcome outcome = run(builder().createTimeout(Duration.ofSeconds(2)).environment("FAULT_CREATE_HANGS", "1").build(), "python3 -c pass");
    assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.message()).contains("vm create did not return within 2000 ms"));
    assertThat(vms()).as("VMs left").isEmpty();
  }

  @Test
  void aCreateThatHangsBeforeReportingItsIdHasItsVmFoundAndCleaned() throws IOException {
    // Another VM, made before this request, must survive: only the create's own VM is cleaned.
    Files.createDirectories(temp.resolve("state/vms/python-1000000000000000000/out"));
    Outcome outcome =
        run(builder().createTimeout(Duration.ofSeconds(2)).environment("FAULT_CREATE_HANGS_SILENTLY", "1").build(), "python3 -c pass");
    assertThat(outcome).isInstanceOf(Outcome.Failed.class);
    assertThat(vms()).extracting(p -> p.getFileName().toString()).containsExactly("python-1000000000000000000");
  }

  @Test
  void anInterruptedCreateLeavesNoVm() throws Exception {
    EraExecutor executor = builder().environment("FAULT_CREATE_HANGS_SILENTLY", "1").build();
    AtomicReference<Outcome> outcome = new AtomicReference<>();
    Thread thread = new Thread(() -> outcome.set(run(executor, "python3 -c pass")));
    thread.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (vms().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(vms()).as("the create made its VM").isNotEmpty();
    thread.interrupt();
    thread.join(30_000);
    assertThat(thread.isAlive()).isFalse();
    assertThat(outcome.get()).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.message()).contains("interrupted"));
    assertThat(vms()).as("VMs left").isEmpty();
  }

  @Test
  void aCleanFailureAfterAGoodRunIsAnAnomalyOfThePublishedResult() throws IOException {
    Outcome outcome = run(builder().environment("FAULT_CLEAN_FAILS", "1").build(), "python3 -c pass " + marker);
    assertThat(outcome).isInstanceOfSatisfying(Outcome.Accepted.class, accepted -> {
      assertThat(accepted.execution().anomalies()).anyMatch(a -> a.contains("vm clean") && a.contains("simulated clean failure"));
      assertThat(ToolResultValidator.verifyingArtifacts().validate(accepted.written().resultFile()).violations()).isEmpty();
      try {
        assertThat(Files.readString(accepted.written().resultFile())).contains("vm clean");
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void aCleanFailureAfterAFailedRunIsSuppressedByTheFirstError() throws IOException {
    Outcome outcome =
        run(builder().environment("FAULT_CLEAN_FAILS", "1").environment(AgentSimulator.KRUNVM, "lock").build(), "python3 -c pass");
    assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
      assertThat(f.message()).contains("krunvm", "Couldn't acquire lock file").doesNotContain("simulated clean failure");
      assertThat(f.cause()).hasValueSatisfying(cause -> assertThat(cause.getSuppressed())
          .anySatisfy(s -> assertThat(s).hasMessageContaining("simulated clean failure")));
    });
  }

  @Test
  void theSweepCleansTheVmsOfARunWhoseProcessDiedAndNothingElse() throws Exception {
    EraExecutor executor = builder().build();
    Path owners = Files.createDirectories(temp.resolve("state/threegate/owners"));
    Files.createDirectories(temp.resolve("state/vms/python-1764678044018167000/out"));
    Files.createDirectories(temp.resolve("state/vms/python-1764678099000000000/out"));
    // the record of a run killed outright: written, its lock gone with its process
    Files.writeString(owners.resolve("dead.owner"), "pid=999999\nvm=python-1764678044018167000\n");
    // the record of a live run: its lock is held
    Path live = Files.writeString(owners.resolve("live.owner"), "pid=1\nvm=python-1764678099000000000\n");
    // another process holding the record's lock (a POSIX lock, like the JVM's)
    Process holder = new ProcessBuilder("python3", "-c",
        "import fcntl, sys, time\nf = open(sys.argv[1], 'a')\nfcntl.lockf(f, fcntl.LOCK_EX)\nprint('locked', flush=True)\ntime.sleep(600)",
        live.toString(), marker).start();
    try {
      assertThat(new String(holder.getInputStream().readNBytes(6), StandardCharsets.UTF_8)).isEqualTo("locked");
      assertThat(lockFree(live)).isFalse();
      assertThat(executor.sweepStale()).containsExactly("python-1764678044018167000");
      assertThat(vms()).extracting(p -> p.getFileName().toString()).containsExactly("python-1764678099000000000");
      assertThat(owners.resolve("dead.owner")).doesNotExist();
      assertThat(live).exists();
    } finally {
      holder.destroyForcibly();
      holder.waitFor();
    }
  }

  @Test
  void aRunLeavesNoOwnerRecordOnceItsVmIsCleaned() throws IOException {
    Outcome outcome = run(builder().build(), "python3 -c pass " + marker);
    assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
    assertThat(vms()).isEmpty();
    try (Stream<Path> owners = Files.list(temp.resolve("state/threegate/owners"))) {
      assertThat(owners).isEmpty();
    }
  }

  private static boolean lockFree(Path file) {
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
      java.nio.channels.FileLock lock = channel.tryLock();
      if (lock != null) {
        lock.release();
        return true;
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }
}
