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
package dev.threegate.langchain4j;

import dev.langchain4j.code.CodeExecutionEngine;
import dev.threegate.inbox.Draft;
import dev.threegate.inbox.Inbox;
import dev.threegate.inbox.InboxResult;
import dev.threegate.inbox.InboxRunner;
import dev.threegate.inbox.PendingReview;
import dev.threegate.inbox.RequestState;
import dev.threegate.inbox.RequestStatus;
import dev.threegate.inbox.Submission;
import dev.threegate.problem.Verdict;
import dev.threegate.problem.Violation;
import dev.threegate.request.Language;
import dev.threegate.request.ResourceLimits;
import dev.threegate.request.RiskAssessment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A LangChain4j {@link CodeExecutionEngine} that runs code only once a human approved it: {@link
 * #execute(String)} drafts a Tool Request whose command runs the code as a file ({@code python3
 * /in/main.py}, the code being {@code main.py}'s content, never part of the command line), asks the
 * host's {@link HumanApproval} about it, and when approved signs the exact bytes reviewed with the
 * approver the human's decision carries, waits for the request to run, and returns its output.
 *
 * <p>How it runs: with a {@link Builder#runner(InboxRunner) runner}, the engine calls {@link
 * InboxRunner#runApproved()} itself once it approved (which runs every request approved at that
 * moment, this one included); without, a runner the host runs separately ({@link InboxRunner#run()},
 * {@code threegate watch}) runs it. Either way the engine then waits for the request's result, up
 * to the {@link Builder#resultTimeout(Duration) result timeout}.
 *
 * <p>Outcomes are answers, as text for the model, never exceptions:
 *
 * <ul>
 *   <li>ran, exit code 0, result valid: the Untrusted Output Statement, then the stdout excerpt
 *       (at most {@link ThreeGateTools#MAX_EXCERPT_BYTES});
 *   <li>refused by the policy, rejected by the human, not decided within the {@link
 *       Builder#approvalTimeout(Duration) approval timeout}, failed, a non-zero exit, an invalid
 *       result, or no result in time: a line beginning {@code Not run:} or {@code The code ran but}
 *       that says why, with the request id.
 * </ul>
 *
 * <p>A draft not decided in time is rejected ({@code not approved within ...}), so that nothing
 * runs after the agent stopped waiting; so is a draft whose {@link HumanApproval} threw. An inbox
 * that cannot be read or written throws {@link UncheckedIOException}, an approver whose key
 * cannot sign {@link IllegalStateException}.
 *
 * <p>Immutable and thread-safe; each call of {@link #execute(String)} blocks until its outcome.
 */
public final class ThreeGateCodeExecutionEngine implements CodeExecutionEngine {
  /** How long the engine waits for the human's decision unless told otherwise: 10 minutes. */
  public static final Duration DEFAULT_APPROVAL_TIMEOUT = Duration.ofMinutes(10);
  /** How long the engine waits for the result once approved unless told otherwise: 5 minutes. */
  public static final Duration DEFAULT_RESULT_TIMEOUT = Duration.ofMinutes(5);

  private final Inbox inbox;
  private final HumanApproval approval;
  private final Language language;
  private final String purpose;
  private final ResourceLimits limits;
  private final Duration approvalTimeout;
  private final Duration resultTimeout;
  private final Duration pollInterval;
  private final Optional<InboxRunner> runner;

  private ThreeGateCodeExecutionEngine(Builder builder) {
    this.inbox = builder.inbox;
    this.approval = builder.approval;
    this.language = builder.language;
    this.purpose = builder.purpose;
    this.limits = builder.limits;
    this.approvalTimeout = builder.approvalTimeout;
    this.resultTimeout = builder.resultTimeout;
    this.pollInterval = builder.pollInterval;
    this.runner = Optional.ofNullable(builder.runner);
  }

  /**
   * A builder; the inbox and the human approval are required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The file the code is written to and the command that runs it, for a language.
   *
   * @param language the language
   * @return the file name under {@code /in} and the command
   */
  static String[] fileAndCommand(Language language) {
    return switch (language) {
      case PYTHON -> new String[] {"main.py", "python3 /in/main.py"};
      case NODE -> new String[] {"main.js", "node /in/main.js"};
      case RUBY -> new String[] {"main.rb", "ruby /in/main.rb"};
      case GO -> new String[] {"main.go", "go run /in/main.go"};
    };
  }

  /**
   * Drafts a request running the code, asks the human, and when approved waits for its output.
   *
   * @param code the code, the content of the file the command runs
   * @return the output after the Untrusted Output Statement, or why there is none
   * @throws UncheckedIOException if the inbox cannot be read or written
   * @throws IllegalStateException if the approver's key cannot sign
   */
  @Override
  public String execute(String code) {
    Objects.requireNonNull(code, "code");
    try {
      return run(code);
    } catch (IOException e) {
      throw new UncheckedIOException("the inbox cannot be read or written", e);
    }
  }

  private String run(String code) throws IOException {
    String[] file = fileAndCommand(language);
    Draft draft = Draft.builder()
        .purpose(purpose)
        .language(language)
        .command(file[1])
        .input(file[0], code.getBytes(StandardCharsets.UTF_8))
        .limits(limits)
        .risk(RiskAssessment.Level.MEDIUM, "runs code an agent wrote; a human reviews it before it runs")
        .build();
    Submission submission = inbox.submit(draft);
    if (submission instanceof Submission.Refused refused) {
      return "Not run: the policy refused the draft; nothing was written.\n" + violations(refused.violations());
    }
    Submission.Submitted submitted = (Submission.Submitted) submission;
    String id = submitted.requestId();
    Optional<PendingReview> review = inbox.review(id);
    if (review.isEmpty()) {
      return "Not run: request " + id + " is no longer pending.\n" + Reports.describe(inbox, id);
    }
    if (!review.get().sha256().equals(submitted.sha256())) {
      // someone rewrote the draft between its writing and its review: it is not this code any more
      inbox.reject(id, "the draft changed after it was written");
      return "Not run: request " + id + " changed after it was written and was rejected.";
    }
    HumanApproval.Decision decision;
    try {
      decision = ask(review.get());
    } catch (TimeoutException e) {
      return gaveUp(id, "not approved within " + approvalTimeout);
    } catch (ExecutionException e) {
      return gaveUp(id, "the human could not be asked: " + e.getCause().getClass().getSimpleName());
    } catch (InterruptedException e) {
      // the rejection is file work, which an interrupted thread cannot do: the flag is set again after it
      try {
        return gaveUp(id, "the agent was interrupted while waiting for approval", true);
      } finally {
        Thread.currentThread().interrupt();
      }
    }
    if (decision instanceof HumanApproval.Reject reject) {
      Verdict rejected = inbox.reject(id, reject.reason());
      return rejected.passed()
          ? "Not run: a human rejected request " + id + ": " + Bounded.line(reject.reason(), 1024)
          : "Not run: request " + id + " could not be rejected.\n" + violations(rejected.violations());
    }
    Verdict approved;
    try {
      approved = inbox.approve(id, review.get().sha256(), ((HumanApproval.Approve) decision).approver());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the approver's key cannot sign request " + id, e);
    }
    if (!approved.passed()) {
      return "Not run: request " + id + " could not be approved; it stays pending.\n" + violations(approved.violations());
    }
    return awaitResult(id);
  }

  private HumanApproval.Decision ask(PendingReview review) throws TimeoutException, ExecutionException, InterruptedException {
    ExecutorService asker = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "threegate-human-approval");
      thread.setDaemon(true);
      return thread;
    });
    try {
      Future<HumanApproval.Decision> decision = asker.submit(() -> Objects.requireNonNull(approval.decide(review), "HumanApproval returned null"));
      return decision.get(approvalTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      asker.shutdownNow();
    }
  }

  /** Rejects a draft the agent stops waiting for; if a human approved it meanwhile, waits for it. */
  private String gaveUp(String id, String reason) throws IOException {
    return gaveUp(id, reason, false);
  }

  private String gaveUp(String id, String reason, boolean interrupted) throws IOException {
    Verdict rejected = inbox.reject(id, reason);
    if (rejected.passed()) {
      return "Not run: request " + id + " was rejected: " + reason + ".";
    }
    Optional<RequestStatus> status = inbox.status(id);
    // approved out of band meanwhile (threegate inbox approve): a human decided, so wait for it
    boolean approvedMeanwhile = status.map(RequestStatus::state)
        .filter(state -> state == RequestState.APPROVED || state == RequestState.RUNNING || state == RequestState.DONE).isPresent();
    if (approvedMeanwhile && !interrupted) {
      return awaitResult(id);
    }
    return "Not run: " + reason + ".\n" + Reports.describe(inbox, id);
  }

  /** The longest wait the builder takes: long enough for a person, short enough to count in nanoseconds. */
  private static final Duration MAX_WAIT = Duration.ofDays(30);

  private String awaitResult(String id) throws IOException {
    if (runner.isPresent()) {
      runner.get().runApproved();
    }
    long deadline = System.nanoTime() + resultTimeout.toNanos();
    RequestStatus status = inbox.status(id).orElseThrow(() -> new IOException("request " + id + " vanished from the inbox"));
    while (!terminal(status.state()) && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(Math.max(1, pollInterval.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      status = inbox.status(id).orElseThrow(() -> new IOException("request " + id + " vanished from the inbox"));
    }
    switch (status.state()) {
      case DONE:
        Optional<InboxResult> result = inbox.result(id);
        if (result.isEmpty()) {
          return "Not run: the result of request " + id + " cannot be read.";
        }
        if (result.get().passed() && result.get().result().exitCode() == 0) {
          String marker = Bounded.marker();
          return Bounded.UNTRUSTED_OUTPUT_STATEMENT + "\nIt is between lines that end in [" + marker + "].\n"
              + "--- stdout (excerpt) [" + marker + "]\n" + Bounded.cut(result.get().stdoutExcerpt(), ThreeGateTools.MAX_EXCERPT_BYTES)
              + "\n--- end of output [" + marker + "]";
        }
        return "The code ran but did not succeed (request " + id + ").\n" + Reports.result(result.get());
      case REJECTED:
      case FAILED:
        return "Not run: request " + id + " was approved but the gate did not run it.\n" + Reports.describe(inbox, id);
      default:
        return "Not run yet: request " + id + " was approved but has no result within " + resultTimeout
            + "; it is " + status.state().wireName() + ". Its result appears in the inbox once a runner runs it.";
    }
  }

  private static boolean terminal(RequestState state) {
    return state == RequestState.DONE || state == RequestState.REJECTED || state == RequestState.FAILED;
  }

  private static String violations(List<Violation> violations) {
    List<String> lines = new ArrayList<>();
    for (Violation v : violations) {
      lines.add("- " + Bounded.line(v.code() + " (" + v.where() + "): " + v.message(), 1024));
    }
    return Bounded.lines(lines, 50).stripTrailing();
  }

  /** Builds a {@link ThreeGateCodeExecutionEngine}; not thread-safe. */
  public static final class Builder {
    private Inbox inbox;
    private HumanApproval approval;
    private Language language = Language.PYTHON;
    private String purpose = "Run code written by an agent.";
    private ResourceLimits limits = Draft.DEFAULT_LIMITS;
    private Duration approvalTimeout = DEFAULT_APPROVAL_TIMEOUT;
    private Duration resultTimeout = DEFAULT_RESULT_TIMEOUT;
    private Duration pollInterval = Duration.ofMillis(100);
    private InboxRunner runner;

    private Builder() {}

    /**
     * Sets the inbox drafts are written to; required.
     *
     * @param value the inbox
     * @return this builder
     */
    public Builder inbox(Inbox value) {
      this.inbox = Objects.requireNonNull(value, "inbox");
      return this;
    }

    /**
     * Sets who decides; required. It holds the human's key, never the agent.
     *
     * @param value the host's human approval
     * @return this builder
     */
    public Builder approval(HumanApproval value) {
      this.approval = Objects.requireNonNull(value, "approval");
      return this;
    }

    /**
     * Sets the language of the code; default {@link Language#PYTHON} ({@code python3
     * /in/main.py}; {@code node /in/main.js}, {@code ruby /in/main.rb}, {@code go run
     * /in/main.go} for the others).
     *
     * @param value the language
     * @return this builder
     */
    public Builder language(Language value) {
      this.language = Objects.requireNonNull(value, "language");
      return this;
    }

    /**
     * Sets the purpose every draft states, one line; default {@code Run code written by an agent.}
     *
     * @param value the purpose
     * @return this builder
     */
    public Builder purpose(String value) {
      this.purpose = Objects.requireNonNull(value, "purpose");
      return this;
    }

    /**
     * Sets the limits every draft asks for; default {@link Draft#DEFAULT_LIMITS}.
     *
     * @param value the limits
     * @return this builder
     */
    public Builder limits(ResourceLimits value) {
      this.limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /**
     * Sets how long the engine waits for the human's decision; default {@link
     * #DEFAULT_APPROVAL_TIMEOUT}. A draft not decided in time is rejected.
     *
     * @param value positive
     * @return this builder
     */
    public Builder approvalTimeout(Duration value) {
      this.approvalTimeout = positive(value, "approvalTimeout");
      return this;
    }

    /**
     * Sets how long the engine waits for the result once it approved; default {@link
     * #DEFAULT_RESULT_TIMEOUT}. A request still waiting then stays approved and runs later.
     *
     * @param value positive
     * @return this builder
     */
    public Builder resultTimeout(Duration value) {
      this.resultTimeout = positive(value, "resultTimeout");
      return this;
    }

    /**
     * Sets how often the engine reads the request's state while it waits; default 100 ms.
     *
     * @param value positive
     * @return this builder
     */
    public Builder pollInterval(Duration value) {
      this.pollInterval = positive(value, "pollInterval");
      return this;
    }

    /**
     * Sets a runner the engine runs approved requests with ({@link InboxRunner#runApproved()})
     * once it approved; default none: a runner the host runs separately runs them.
     *
     * @param value the runner, on the same inbox
     * @return this builder
     */
    public Builder runner(InboxRunner value) {
      this.runner = Objects.requireNonNull(value, "runner");
      return this;
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero() || value.compareTo(MAX_WAIT) > 0) {
        throw new IllegalArgumentException(name + " must be positive and at most " + MAX_WAIT.toDays() + " days: " + value);
      }
      return value;
    }

    /**
     * Builds the engine.
     *
     * @return the engine
     * @throws IllegalStateException if the inbox or the human approval is missing
     */
    public ThreeGateCodeExecutionEngine build() {
      if (inbox == null) {
        throw new IllegalStateException("an inbox is required");
      }
      if (approval == null) {
        throw new IllegalStateException("a HumanApproval is required");
      }
      return new ThreeGateCodeExecutionEngine(this);
    }
  }
}
