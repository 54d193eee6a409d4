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
import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.exec.Executor;
import dev.threegate.exec.ScriptedExecutor;
import dev.threegate.policy.Policy;
import dev.threegate.problem.Verdict;
import dev.threegate.problem.Violation;
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
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Races, crashes, stops and hostile entries: each request still ends once, in the state it is said to be in. */
@Timeout(120)
class InboxRaceTest {
  @TempDir Path temp;
  private final KeyPair doeKeys = Keys.generate(KeyAlgorithm.ECDSA_P256);
  private final Approver doe = Approver.of("j.doe", Signer.of(doeKeys.getPrivate(), doeKeys.getPublic()));
  private final Approvers approvers = Approvers.builder().trust("j.doe", doeKeys.getPublic()).build();

  private Inbox inbox() throws Exception {
    return Inbox.builder(temp.resolve("inbox")).policy(Policy.strict()).backend(ScriptedExecutor.BACKEND).build();
  }

  private ToolExecPipeline gate(Executor executor) {
    return ToolExecPipeline.builder().policy(Policy.strict()).approvers(approvers).executor(executor)
        .workDirectory(temp.resolve("work")).build();
  }

  private static Draft.Builder draft(String purpose) {
    return Draft.builder().purpose(purpose).language(Language.PYTHON).command("python3 /in/main.py")
        .input("main.py", "print(1)\n".getBytes(StandardCharsets.UTF_8))
        .risk(RiskAssessment.Level.LOW, "prints one");
  }

  private String approved(Inbox inbox, String purpose) throws Exception {
    Submission.Submitted s = (Submission.Submitted) inbox.submit(draft(purpose).build());
    assertThat(inbox.approve(s.requestId(), s.sha256(), doe).passed()).isTrue();
    return s.requestId();
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
    }
  }

  static final class Counting implements Executor {
    final ScriptedExecutor delegate = ScriptedExecutor.printing("ran\n");
    final ConcurrentHashMap<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    volatile Runnable during = () -> {};

    @Override
    public ExecutionResult execute(ExecutionSpec spec) {
      runs.computeIfAbsent(spec.request().requestId(), k -> new AtomicInteger()).incrementAndGet();
      during.run();
      return delegate.execute(spec);
    }

    @Override
    public BackendInfo backend() {
      return delegate.backend();
    }
  }

  @Test
  void aRejectionWhileAnApprovalIsBeingSignedIsToldSoAndTheRequestEndsApprovedOnly() throws Exception {
    Inbox inbox = inbox();
    Submission.Submitted s = (Submission.Submitted) inbox.submit(draft("race").build());
    AtomicReference<Verdict> rejected = new AtomicReference<>();
    Signer real = Signer.of(doeKeys.getPrivate(), doeKeys.getPublic());
    Signer rejectingMeanwhile = new Signer() {
      @Override
      public PublicKey publicKey() {
        return real.publicKey();
      }

      @Override
      public byte[] sign(byte[] message) throws java.security.GeneralSecurityException {
        try {
          rejected.set(inbox.reject(s.requestId(), "second reviewer: no"));
        } catch (java.io.IOException e) {
          throw new IllegalStateException(e);
        }
        return real.sign(message);
      }
    };
    assertThat(inbox.approve(s.requestId(), s.sha256(), Approver.of("j.doe", rejectingMeanwhile)).passed()).isTrue();
    assertThat(rejected.get().violations()).extracting(Violation::code).containsExactly("inbox.decision_in_progress");
    assertThat(inbox.status(s.requestId()).orElseThrow().state()).isEqualTo(RequestState.APPROVED);
    assertThat(names(inbox.quarantine())).isEmpty();
  }

  @Test
  void aDraftLeftBesideItsApprovedRequestIsApprovedEverywhereAndSweptLater() throws Exception {
    Inbox inbox = inbox();
    Submission.Submitted s = (Submission.Submitted) inbox.submit(draft("crash").build());
    Path draftFile = inbox.drafts().resolve(s.fileName());
    byte[] bytes = Files.readAllBytes(draftFile);
    assertThat(inbox.approve(s.requestId(), s.sha256(), doe).passed()).isTrue();
    Files.write(draftFile, bytes); // what an approval killed before removing the draft leaves
    assertThat(inbox.status(s.requestId()).orElseThrow().state()).isEqualTo(RequestState.APPROVED);
    assertThat(inbox.list()).extracting(RequestStatus::state).containsExactly(RequestState.APPROVED);
    assertThat(inbox.pending()).isEmpty();
    assertThat(inbox.review(s.requestId())).isEmpty();
    assertThat(inbox.approve(s.requestId(), s.sha256(), doe).violations()).extracting(Violation::code).containsExactly("inbox.not_pending");
    Files.setLastModifiedTime(draftFile, java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(7200)));
    assertThat(inbox.sweepTemporary()).contains(draftFile);
    Counting executor = new Counting();
    AtomicReference<RequestState> whileRunning = new AtomicReference<>();
    executor.during = () -> {
      try {
        whileRunning.set(inbox.status(s.requestId()).orElseThrow().state());
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    };
    InboxRunner.builder(inbox, gate(executor)).build().runApproved();
    assertThat(whileRunning.get()).isEqualTo(RequestState.RUNNING);
    assertThat(executor.runs.get(s.requestId()).get()).isEqualTo(1);
  }

  @Test
  void aRunnerLeavesARequestAnotherIsRunningAlone() throws Exception {
    Inbox inbox = inbox();
    String id = approved(inbox, "two runners, two clocks");
    CountDownLatch claimed = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    ToolExecPipeline a = ToolExecPipeline.builder().policy(Policy.strict()).approvers(approvers)
        .executor(ScriptedExecutor.printing("ran\n")).workDirectory(temp.resolve("wa"))
        .addStepAfter(Outcome.Stage.CLAIM, chain -> {
          claimed.countDown();
          try {
            proceed.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return chain.proceed();
        }).build();
    // runner B's clock is two days later: to B the approval has expired
    ToolExecPipeline b = ToolExecPipeline.builder().policy(Policy.strict()).approvers(approvers)
        .clock(Clock.fixed(Instant.now().plus(Duration.ofDays(2)), ZoneOffset.UTC))
        .executor(ScriptedExecutor.printing("ran\n")).workDirectory(temp.resolve("wb")).build();
    AtomicReference<List<Outcome>> fromA = new AtomicReference<>();
    Thread runnerA = new Thread(() -> {
      try {
        fromA.set(InboxRunner.builder(inbox, a).build().runApproved());
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    });
    runnerA.start();
    claimed.await();
    assertThat(inbox.status(id).orElseThrow().state()).isEqualTo(RequestState.RUNNING);
    assertThat(InboxRunner.builder(inbox, b).build().runApproved()).isEmpty();
    assertThat(names(inbox.quarantine())).isEmpty();
    proceed.countDown();
    runnerA.join();
    assertThat(fromA.get()).singleElement().isInstanceOf(Outcome.Accepted.class);
    assertThat(inbox.status(id).orElseThrow().state()).isEqualTo(RequestState.DONE);
    assertThat(InboxRunner.builder(inbox, b).build().runApproved()).isEmpty();
  }

  @Test
  void hostileEntriesInTheResultsEndTheRequestAsFailedInsteadOfRetryingForever() throws Exception {
    Inbox inbox = inbox();
    String locked = approved(inbox, "a directory where its lock goes");
    Files.createDirectories(inbox.results().resolve(".threegate/locks/" + locked + ".lock"));
    String named = approved(inbox, "a directory named like its result");
    Files.createDirectories(inbox.results().resolve("TS-20000101-000000Z-" + named + ".md"));
    Counting executor = new Counting();
    InboxRunner runner = InboxRunner.builder(inbox, gate(executor)).build();
    assertThat(runner.runApproved()).hasSize(2).allMatch(Outcome.Failed.class::isInstance);
    assertThat(inbox.status(locked).orElseThrow().state()).isEqualTo(RequestState.FAILED);
    assertThat(inbox.status(named).orElseThrow().state()).isEqualTo(RequestState.FAILED);
    assertThat(runner.runApproved()).isEmpty();
    assertThat(executor.runs).isEmpty();
  }

  @Test
  void noRequestStartsAfterStopAndAnInterruptedRunnerRunsTheRestLater() throws Exception {
    Inbox inbox = inbox();
    for (int i = 0; i < 3; i++) {
      approved(inbox, "stop " + i);
    }
    Counting executor = new Counting();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    executor.during = () -> {
      started.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    InboxRunner runner = InboxRunner.builder(inbox, gate(executor)).parallelism(1).build();
    AtomicReference<List<Outcome>> out = new AtomicReference<>();
    Thread thread = new Thread(() -> {
      try {
        out.set(runner.runApproved());
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    });
    thread.start();
    started.await();
    runner.stop();
    thread.join();
    release.countDown();
    assertThat(executor.runs).hasSize(1);
    assertThat(inbox.list()).extracting(RequestStatus::state).doesNotContain(RequestState.RUNNING, RequestState.FAILED);

    executor.during = () -> {};
    InboxRunner interrupted = InboxRunner.builder(inbox, gate(executor)).parallelism(1).build();
    Thread.currentThread().interrupt();
    assertThat(interrupted.runApproved()).isEmpty();
    assertThat(Thread.interrupted()).isTrue();
    long left = inbox.list().stream().filter(r -> r.state() == RequestState.APPROVED).count();
    assertThat(left).isGreaterThanOrEqualTo(2);
    assertThat(interrupted.runApproved()).hasSize((int) left).allMatch(Outcome.Accepted.class::isInstance);
    assertThat(inbox.list()).extracting(RequestStatus::state).containsOnly(RequestState.DONE);
  }

  @Test
  void whatAnAgentSendsComesBackBoundedAndFast() throws Exception {
    Inbox inbox = inbox();
    Submission.Refused refused = (Submission.Refused) inbox.submit(draft("\u00e9".repeat(4_000_000) + "\n").build());
    assertThat(refused.violations()).extracting(Violation::code).containsExactly("draft.field_too_long");
    assertThat(refused.violations().get(0).message()).hasSizeLessThan(300);
    Submission.Refused longLine = (Submission.Refused) inbox.submit(draft("x\n" + "\u00e9".repeat(4000)).build());
    assertThat(longLine.violations().get(0).message()).hasSizeLessThan(300);
    Submission.Refused markup = (Submission.Refused) inbox.submit(draft("p").risk(RiskAssessment.Level.LOW, "ok <!--").build());
    assertThat(markup.violations()).extracting(Violation::code).containsExactly("draft.unrepresentable");
    Submission.Refused malformed = (Submission.Refused) inbox.submit(draft("p").command("python3 /in/main.py \u202e").build());
    assertThat(malformed.violations()).extracting(Violation::code).doesNotContain("approval.missing");
  }

  @Test
  void aReviewedDigestInCapitalsIsTheSameDigest() throws Exception {
    Inbox inbox = inbox();
    Submission.Submitted s = (Submission.Submitted) inbox.submit(draft("caps").build());
    assertThat(inbox.approve(s.requestId(), s.sha256().toUpperCase(java.util.Locale.ROOT), doe).passed()).isTrue();
  }

  @Test
  void theStatusOfARequestDoesNotListTheQuarantine() throws Exception {
    Inbox inbox = inbox();
    String id = approved(inbox, "among many rejected");
    for (int i = 0; i < 2000; i++) {
      Files.writeString(inbox.quarantine().resolve("TR-other-" + i + ".md.reject.txt"), "x");
    }
    // a request moved to the quarantine twice: the latest reasons are its state's detail
    Files.writeString(inbox.quarantine().resolve(id + ".md"), "first");
    Files.writeString(inbox.quarantine().resolve(id + ".md.reject.txt"), "first reasons");
    Files.writeString(inbox.quarantine().resolve(id + ".md.1"), "second");
    Files.writeString(inbox.quarantine().resolve(id + ".md.1.reject.txt"), "second reasons");
    assertThat(inbox.status(id).orElseThrow().detail()).isEqualTo("second reasons");
  }
}
