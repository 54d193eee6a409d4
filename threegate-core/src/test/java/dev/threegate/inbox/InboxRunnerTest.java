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
package dev.threegate.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.Outcome;
import dev.threegate.ToolExecPipeline;
import dev.threegate.exec.BackendInfo;
import dev.threegate.exec.ExecutionException;
import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.exec.Executor;
import dev.threegate.exec.ScriptedExecutor;
import dev.threegate.policy.Policy;
import dev.threegate.request.Language;
import dev.threegate.request.RiskAssessment;
import dev.threegate.trust.Approver;
import dev.threegate.trust.Approvers;
import dev.threegate.trust.KeyAlgorithm;
import dev.threegate.trust.Keys;
import dev.threegate.trust.Signer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runners of an inbox: many at once, stopped, failing, late: each request ends once, where it says. */
@Timeout(120)
class InboxRunnerTest {
  @TempDir Path temp;
  private final KeyPair doeKeys = Keys.generate(KeyAlgorithm.ECDSA_P256);
  private final Approver doe = Approver.of("j.doe", Signer.of(doeKeys.getPrivate(), doeKeys.getPublic()));
  private final Approvers approvers = Approvers.builder().trust("j.doe", doeKeys.getPublic()).build();

  private Inbox inbox(Clock clock) throws Exception {
    return Inbox.builder(temp.resolve("inbox")).policy(Policy.strict()).backend(ScriptedExecutor.BACKEND).clock(clock).build();
  }

  private ToolExecPipeline gate(Executor executor, Clock clock) {
    return ToolExecPipeline.builder().policy(Policy.strict()).approvers(approvers).executor(executor).clock(clock)
        .workDirectory(temp.resolve("work")).build();
  }

  private static Draft draft(String purpose) {
    return Draft.builder().purpose(purpose).language(Language.PYTHON).command("python3 /in/main.py")
        .input("main.py", "print(1)\n".getBytes(StandardCharsets.UTF_8))
        .risk(RiskAssessment.Level.LOW, "prints one").build();
  }

  private String submitAndApprove(Inbox inbox, String purpose) throws Exception {
    Submission.Submitted submitted = (Submission.Submitted) inbox.submit(draft(purpose));
    assertThat(inbox.approve(submitted.requestId(), submitted.sha256(), doe).passed()).isTrue();
    return submitted.requestId();
  }

  /** Counts runs, by request id. */
  private static final class Counting implements Executor {
    final ScriptedExecutor delegate = ScriptedExecutor.printing("ran\n");
    final ConcurrentHashMap<String, AtomicInteger> runs = new ConcurrentHashMap<>();

    @Override
    public ExecutionResult execute(ExecutionSpec spec) {
      runs.computeIfAbsent(spec.request().requestId(), k -> new AtomicInteger()).incrementAndGet();
      return delegate.execute(spec);
    }

    @Override
    public BackendInfo backend() {
      return delegate.backend();
    }
  }

  @Test
  void agentsAndRunnersSharingAnInboxLoseAndDoubleRunNothing() throws Exception {
    Inbox inbox = inbox(Clock.systemUTC());
    ExecutorService agents = Executors.newFixedThreadPool(4);
    List<Future<String>> ids = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      int n = i;
      ids.add(agents.submit(() -> submitAndApprove(inbox, "Request " + n + ".")));
    }
    Set<String> submitted = ConcurrentHashMap.newKeySet();
    for (Future<String> id : ids) {
      submitted.add(id.get());
    }
    agents.shutdown();
    assertThat(submitted).hasSize(24);

    Counting executor = new Counting();
    List<InboxRunner> runners = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      InboxRunner runner = InboxRunner.builder(inbox, gate(executor, Clock.systemUTC())).parallelism(2)
          .pollInterval(Duration.ofMillis(20)).build();
      runners.add(runner);
      Thread thread = new Thread(() -> {
        try {
          runner.run();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      thread.start();
      threads.add(thread);
    }
    while (inbox.list().stream().anyMatch(s -> s.state() != RequestState.DONE)) {
      Thread.sleep(20);
    }
    runners.forEach(InboxRunner::stop);
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(executor.runs.keySet()).isEqualTo(submitted);
    assertThat(executor.runs.values()).allMatch(count -> count.get() == 1);
    assertThat(inbox.list()).hasSize(24).allMatch(s -> s.state() == RequestState.DONE);
  }

  @Test
  void aStoppedRunnerLeavesWhatItInterruptedApprovedAndARestartRunsIt() throws Exception {
    Inbox inbox = inbox(Clock.systemUTC());
    String id = submitAndApprove(inbox, "Blocks until stopped.");
    CountDownLatch started = new CountDownLatch(1);
    Executor blocking = new Executor() {
      @Override
      public ExecutionResult execute(ExecutionSpec spec) {
        started.countDown();
        try {
          Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ExecutionException("interrupted: the sandbox was killed");
        }
        throw new AssertionError("unreachable");
      }

      @Override
      public BackendInfo backend() {
        return ScriptedExecutor.BACKEND;
      }
    };
    InboxRunner runner = InboxRunner.builder(inbox, gate(blocking, Clock.systemUTC())).build();
    Thread thread = new Thread(() -> {
      try {
        runner.run();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    thread.start();
    assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
    assertThat(inbox.status(id).orElseThrow().state()).isEqualTo(RequestState.RUNNING);
    runner.stop();
    thread.join();
    assertThat(inbox.status(id).orElseThrow().state()).isEqualTo(RequestState.APPROVED);

    List<Outcome> again = InboxRunner.builder(inbox, gate(ScriptedExecutor.printing("ok\n"), Clock.systemUTC())).build().runApproved();
    assertThat(again).singleElement().isInstanceOf(Outcome.Accepted.class);
    assertThat(inbox.status(id).orElseThrow().state()).isEqualTo(RequestState.DONE);
  }

  @Test
  void aRequestTheGateCannotRunIsFailedWithTheReasonAndNotRetried() throws Exception {
    Inbox inbox = inbox(Clock.systemUTC());
    String id = submitAndApprove(inbox, "Meets a broken backend.");
    Executor broken = new Executor() {
      @Override
      public ExecutionResult execute(ExecutionSpec spec) {
        throw new ExecutionException("the sandbox cannot start: no such binary");
      }

      @Override
      public BackendInfo backend() {
        return ScriptedExecutor.BACKEND;
      }
    };
    InboxRunner runner = InboxRunner.builder(inbox, gate(broken, Clock.systemUTC())).build();
    assertThat(runner.runApproved()).singleElement().isInstanceOf(Outcome.Failed.class);
    RequestStatus status = inbox.status(id).orElseThrow();
    assertThat(status.state()).isEqualTo(RequestState.FAILED);
    assertThat(status.detail()).contains("run.failed", "no such binary");
    assertThat(runner.runApproved()).isEmpty();
    assertThat(Files.exists(Approver.bundleFile(inbox.failed().resolve(id + ".md")))).isTrue();
  }

  @Test
  void anApprovalTooOldWhenARunnerGetsToItIsRejectedNotRun() throws Exception {
    Instant approvedAt = Instant.parse("2026-11-30T10:00:00Z");
    Inbox inbox = inbox(Clock.fixed(approvedAt, ZoneOffset.UTC));
    String id = submitAndApprove(inbox, "Approved, then forgotten.");
    Counting executor = new Counting();
    Clock later = Clock.fixed(approvedAt.plus(Duration.ofDays(2)), ZoneOffset.UTC);
    List<Outcome> outcomes = InboxRunner.builder(inbox, gate(executor, later)).build().runApproved();
    assertThat(outcomes).singleElement().isInstanceOf(Outcome.Rejected.class);
    assertThat(executor.runs).isEmpty();
    RequestStatus status = inbox.status(id).orElseThrow();
    assertThat(status.state()).isEqualTo(RequestState.REJECTED);
    assertThat(status.detail()).contains("approval.");
  }

  @Test
  void anApprovalAmongAnAgentsInputsApprovesNothing() throws Exception {
    Inbox inbox = inbox(Clock.systemUTC());
    Submission.Submitted first = (Submission.Submitted) inbox.submit(draft("The target."));
    // an agent cannot sign as j.doe; the best it has is an approval of another request, attached as an input
    String other = submitAndApprove(inbox, "Approved by a human.");
    byte[] stolen = Files.readAllBytes(Approver.bundleFile(inbox.approved().resolve(other + ".md")));
    Submission carrier = inbox.submit(Draft.builder().purpose("Carries an approval.").language(Language.PYTHON)
        .command("python3 /in/main.py").input("main.py", new byte[] {'1'})
        .input(first.requestId() + ".md.approval.sigstore.json", stolen)
        .risk(RiskAssessment.Level.LOW, "none").build());
    assertThat(carrier.submitted()).isTrue();
    Counting executor = new Counting();
    InboxRunner.builder(inbox, gate(executor, Clock.systemUTC())).build().runApproved();
    assertThat(executor.runs.keySet()).containsExactly(other);
    assertThat(inbox.status(first.requestId()).orElseThrow().state()).isEqualTo(RequestState.PENDING);
    assertThat(inbox.status(((Submission.Submitted) carrier).requestId()).orElseThrow().state()).isEqualTo(RequestState.PENDING);
  }
}
