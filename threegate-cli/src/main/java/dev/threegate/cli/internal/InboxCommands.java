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
package dev.threegate.cli.internal;

import dev.threegate.Outcome;
import dev.threegate.ToolExecPipeline;
import dev.threegate.cli.internal.Arguments.UsageException;
import dev.threegate.exec.BackendInfo;
import dev.threegate.inbox.Inbox;
import dev.threegate.inbox.InboxResult;
import dev.threegate.inbox.InboxRunner;
import dev.threegate.inbox.PendingReview;
import dev.threegate.inbox.RequestState;
import dev.threegate.inbox.RequestStatus;
import dev.threegate.mcp.ThreeGateMcpServer;
import dev.threegate.policy.Policy;
import dev.threegate.problem.Verdict;
import dev.threegate.request.RequestFormatException;
import dev.threegate.result.ResultVerifier;
import dev.threegate.trust.Approver;
import dev.threegate.trust.Approvers;
import dev.threegate.trust.Keys;
import dev.threegate.trust.Signer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The commands of the inbox, where agents drop drafts and a human approves them: {@code inbox
 * init|list|review|approve|reject|status} and {@code watch}, which runs what was approved until it
 * is stopped. Reviews and listings go to standard output; verdicts and errors to standard error,
 * as the other commands' do ({@code ACCEPT:}, {@code REJECT:}, {@code ERROR:}).
 */
public final class InboxCommands {
  private final PrintStream out;
  private final PrintStream err;
  private final Gate gate;
  private final ApprovalCommands.Confirmation confirmation;
  private final Object watchLock = new Object();
  private InboxRunner runner;
  private CountDownLatch ended;
  private boolean stopRequested;

  /** What the inbox commands take from the runner's own commands, so that both judge and run alike. */
  public interface Gate {
    /**
     * The policy of the command line ({@code --policy}, {@code --require-enforced-limits}).
     *
     * @param arguments the command line
     * @return the policy, read once
     */
    Policy policy(Arguments arguments);

    /**
     * The backend {@code --backend} names, whose rules a request is judged by as its run would.
     *
     * @param arguments the command line
     * @param policy the policy
     * @return the backend; empty without {@code --backend}
     */
    Optional<BackendInfo> backend(Arguments arguments, Policy policy);

    /**
     * The pipeline of the command line, built as {@code run-dir} builds it, what a killed runner
     * left in the results swept, and made the one a shutdown stops.
     *
     * @param arguments the command line
     * @param policy the policy
     * @param results the results directory
     * @return the pipeline
     * @throws IOException if a file it needs cannot be read
     */
    ToolExecPipeline start(Arguments arguments, Policy policy, Path results) throws IOException;
  }

  /**
   * The commands, printing to these streams.
   *
   * @param out where reviews, listings and statuses go
   * @param err where verdicts, progress and errors go
   * @param gate the runner's policy, backend and pipeline
   * @param confirmation who approve asks when no {@code --sha256} is given
   */
  public InboxCommands(PrintStream out, PrintStream err, Gate gate, ApprovalCommands.Confirmation confirmation) {
    this.out = out;
    this.err = err;
    this.gate = gate;
    this.confirmation = confirmation;
  }

  /**
   * Runs one inbox command.
   *
   * @param arguments the command line; its command is {@code inbox <name>} or {@code watch}
   * @return the exit code
   * @throws IOException if the inbox cannot be read or written
   */
  public int run(Arguments arguments) throws IOException {
    return switch (arguments.command()) {
      case "inbox init" -> init(arguments);
      case "inbox list" -> list(arguments);
      case "inbox review" -> review(arguments);
      case "inbox approve" -> approve(arguments);
      case "inbox reject" -> reject(arguments);
      case "inbox status" -> status(arguments);
      case "watch" -> watch(arguments);
      case "mcp" -> mcp(arguments);
      default -> throw new UsageException("unknown command " + arguments.command());
    };
  }

  private int init(Arguments arguments) throws IOException {
    Path dir = Path.of(arguments.positionals().get(0));
    boolean existed = isInbox(dir);
    Inbox.builder(dir).build();
    err.println("ACCEPT: " + (existed ? "the inbox " + dir + " exists; left as it is" : "created the inbox " + dir)
        + " (drafts/, approved/, inputs/, results/, quarantine/, failed/)");
    return CommandLineSpec.OK;
  }

  private int list(Arguments arguments) throws IOException {
    Inbox inbox = open(arguments, Policy.defaults(), Optional.empty());
    Optional<String> state = arguments.option("--state");
    for (RequestStatus status : inbox.list()) {
      if (state.isEmpty() || state.get().equals(status.state().wireName())) {
        out.println(status.requestId() + " " + status.state().wireName() + (status.detail().isEmpty() ? "" : " " + status.detail()));
      }
    }
    return CommandLineSpec.OK;
  }

  private int review(Arguments arguments) throws IOException {
    Policy policy = gate.policy(arguments);
    Inbox inbox = open(arguments, policy, gate.backend(arguments, policy));
    String id = id(arguments);
    Optional<PendingReview> review = readReview(inbox, id);
    if (review.isEmpty()) {
      return CommandLineSpec.RUNTIME_ERROR;
    }
    out.print(review.get().text());
    if (!verdict(id, review.get().verdict())) {
      return CommandLineSpec.REJECTED;
    }
    err.println("ACCEPT: " + id + " passes the policy; the review above is what will run. Approve these bytes with: threegate inbox "
        + "approve " + inbox.directory() + " " + id + " --sha256 " + review.get().sha256() + " --key KEY --as NAME");
    return CommandLineSpec.OK;
  }

  private int approve(Arguments arguments) throws IOException {
    String name = arguments.option("--as").orElseThrow(() -> new UsageException("inbox approve needs --as NAME"));
    Optional<String> reviewedSha256 = arguments.option("--sha256");
    if (reviewedSha256.isEmpty() && !confirmation.available()) {
      throw new UsageException("inbox approve needs --sha256 DIGEST, the sha256 line of the review you read, "
          + "when it cannot ask at a terminal");
    }
    Policy policy = gate.policy(arguments); // read once: the digest recorded is of the policy applied
    Inbox inbox = open(arguments, policy, gate.backend(arguments, policy));
    String id = id(arguments);
    Signer signer = ApprovalCommands.signer(arguments.requiredPath("--key"), arguments.path("--pub"));
    Optional<PendingReview> review = readReview(inbox, id);
    if (review.isEmpty()) {
      return CommandLineSpec.RUNTIME_ERROR;
    }
    out.print(review.get().text());
    if (!verdict(id, review.get().verdict())) {
      err.println("REJECT: not approved: the policy rejects " + id);
      return CommandLineSpec.REJECTED;
    }
    // the bytes approved are the bytes the human read: named by the digest their review showed, or
    // confirmed at the terminal after the review above; the inbox compares them again as it signs
    String sha256 = reviewedSha256.orElse(review.get().sha256());
    if (reviewedSha256.isEmpty() && !confirmation.confirm("Approve these bytes (sha256 " + sha256 + ") as " + name
        + "? Type yes to sign: ")) {
      err.println("REJECT: not approved: not confirmed");
      return CommandLineSpec.REJECTED;
    }
    Verdict verdict;
    try {
      verdict = inbox.approve(id, sha256, Approver.of(name, signer));
    } catch (GeneralSecurityException e) {
      err.println("ERROR: the key cannot sign: " + Messages.plain(e));
      return CommandLineSpec.RUNTIME_ERROR;
    }
    if (!verdict.passed()) {
      err.println("REJECT: not approved: " + id);
      verdict.violations().forEach(v -> err.println(Messages.error(v)));
      return CommandLineSpec.REJECTED;
    }
    err.println("ACCEPT: " + id + " approved by " + name + " with key " + signer.keyId() + "; it waits in "
        + inbox.approved() + " for a runner (threegate watch " + inbox.directory() + ")");
    return CommandLineSpec.OK;
  }

  private int reject(Arguments arguments) throws IOException {
    Inbox inbox = open(arguments, Policy.defaults(), Optional.empty());
    String id = id(arguments);
    String reason = arguments.option("--reason").orElseThrow(() -> new UsageException("inbox reject needs --reason TEXT"));
    Verdict verdict = inbox.reject(id, reason);
    if (!verdict.passed()) {
      err.println("REJECT: not rejected: " + id);
      verdict.violations().forEach(v -> err.println(Messages.error(v)));
      return CommandLineSpec.REJECTED;
    }
    err.println("ACCEPT: " + id + " rejected; it is in " + inbox.quarantine() + " with the reason, for the agent to read");
    return CommandLineSpec.OK;
  }

  private int status(Arguments arguments) throws IOException {
    Inbox inbox = open(arguments, Policy.defaults(), Optional.empty());
    String id = id(arguments);
    Optional<RequestStatus> status = inbox.status(id);
    if (status.isEmpty()) {
      err.println("ERROR: the inbox " + inbox.directory() + " has no request " + id);
      return CommandLineSpec.RUNTIME_ERROR;
    }
    out.println("request: " + id);
    out.println("state: " + status.get().state().wireName());
    if (!status.get().detail().isEmpty()) {
      out.println("detail:");
      status.get().detail().lines().forEach(l -> out.println("  " + l));
    }
    if (status.get().state() != RequestState.DONE) {
      return CommandLineSpec.OK;
    }
    Optional<InboxResult> result;
    try {
      result = inbox.result(id);
    } catch (RuntimeException e) { // a file in results/ that is not a Tool Result
      err.println("REJECT: the Tool Result of " + id + " cannot be read: " + Messages.plain(e));
      return CommandLineSpec.REJECTED;
    }
    if (result.isEmpty()) {
      return CommandLineSpec.OK; // removed meanwhile
    }
    InboxResult done = result.get();
    out.println("result: " + done.file());
    out.println("status: " + done.result().status().orElse("unknown"));
    out.println("exit code: " + done.result().exitCode());
    out.println("verdict: " + (done.verdict().passed() ? "PASSED" : "REJECTED"));
    out.println("attestation: " + done.attestation().map(a -> a.passed() ? "VERIFIED" : "REJECTED")
        .orElse("not checked (no --gate-pub)"));
    excerpt("stdout", done.stdoutExcerpt());
    excerpt("stderr", done.stderrExcerpt());
    if (!done.verdict().passed()) {
      err.println("REJECT: the Tool Result of " + id + " does not validate: " + done.file());
      done.verdict().violations().forEach(v -> err.println(Messages.error(v)));
      return CommandLineSpec.REJECTED;
    }
    if (done.attestation().filter(a -> !a.passed()).isPresent()) {
      err.println("REJECT: the Tool Result of " + id + " does not verify against the gate's key: " + done.file());
      done.attestation().get().violations().forEach(v -> err.println(Messages.error(v)));
      return CommandLineSpec.REJECTED;
    }
    return CommandLineSpec.OK;
  }

  private void excerpt(String name, String text) {
    String body = text.strip();
    if (body.isEmpty()) {
      out.println(name + ": (empty)");
      return;
    }
    out.println(name + ":");
    body.lines().forEach(l -> out.println("  " + l));
  }

  /**
   * {@code watch DIR}: runs the inbox's approved requests as they arrive until {@link
   * #stopWatching()}; what a killed runner left is swept first.
   */
  private int watch(Arguments arguments) throws IOException {
    Path dir = inboxDirectory(arguments);
    Policy policy = gate.policy(arguments);
    Inbox inbox = Inbox.builder(dir).policy(policy).build();
    ToolExecPipeline pipeline = gate.start(arguments, policy, inbox.results());
    int parallelism = arguments.option("--parallelism").map(Integer::parseInt).orElse(1);
    long pollMs = arguments.option("--poll-ms").map(Long::parseLong).orElse(1000L);
    InboxRunner built = InboxRunner.builder(inbox, pipeline).parallelism(parallelism).pollInterval(Duration.ofMillis(pollMs))
        .progress(outcome -> progress(inbox, outcome)).build();
    CountDownLatch end = new CountDownLatch(1);
    synchronized (watchLock) {
      if (stopRequested) {
        return CommandLineSpec.OK;
      }
      runner = built;
      ended = end;
    }
    err.println("watching " + dir + ": " + parallelism + " at a time; SIGTERM or SIGINT stops");
    try {
      built.run();
      err.println("stopped watching " + dir); // before the shutdown, which waits for this, ends the JVM
    } finally {
      end.countDown();
    }
    return CommandLineSpec.OK;
  }

  /** Stops {@code watch}: no request starts any more; the pipeline's shutdown stops those running. */
  public void stopWatching() {
    InboxRunner current;
    synchronized (watchLock) {
      stopRequested = true;
      current = runner;
    }
    if (current != null) {
      current.stop();
    }
  }

  /**
   * Waits until {@code watch}'s runner has returned: every request it started has ended and been
   * settled.
   *
   * @param wait how long to wait at most
   * @return whether it returned in time (true when nothing was watching)
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitWatchEnd(Duration wait) throws InterruptedException {
    CountDownLatch end;
    synchronized (watchLock) {
      end = ended;
    }
    return end == null || end.await(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void progress(Inbox inbox, Outcome outcome) {
    String id = requestId(outcome.source());
    String where;
    try {
      where = inbox.status(id).map(s -> s.state().wireName()).orElse("unknown");
    } catch (IOException | RuntimeException e) {
      where = "unknown";
    }
    synchronized (err) {
      if (outcome instanceof Outcome.Accepted accepted) {
        err.println("ACCEPT: " + id + " -> " + accepted.written().resultFile() + " ("
            + accepted.execution().status().wireName() + ", exit code " + accepted.execution().exitCode() + ")");
      } else if (outcome instanceof Outcome.Rejected rejected) {
        err.println("REJECT: " + id + " (" + where + ")");
        rejected.violations().forEach(v -> err.println(Messages.error(v)));
      } else if (outcome instanceof Outcome.Failed failed) {
        err.println("ERROR: " + id + ": " + Messages.plain(failed.message(), failed.cause())
            + (where.equals(RequestState.APPROVED.wireName()) ? "; it stays approved and runs at the next start"
                : " (" + where + ")"));
      }
    }
  }

  private static String requestId(String source) {
    String name = source.substring(source.lastIndexOf('/') + 1);
    return name.toLowerCase(Locale.ROOT).endsWith(".md") ? name.substring(0, name.length() - 3) : name;
  }

  private Optional<PendingReview> readReview(Inbox inbox, String id) throws IOException {
    Optional<PendingReview> review;
    try {
      review = inbox.review(id);
    } catch (RequestFormatException e) {
      err.println("ERROR: the draft " + id + " is not a Tool Request: " + Messages.plain(e));
      return Optional.empty();
    }
    if (review.isEmpty()) {
      Optional<RequestStatus> status = inbox.status(id);
      err.println("ERROR: " + status.map(s -> id + " is " + s.state().wireName() + ", not pending")
          .orElse("the inbox " + inbox.directory() + " has no request " + id));
    }
    return review;
  }

  private boolean verdict(String id, Verdict verdict) {
    if (verdict.passed()) {
      return true;
    }
    err.println("REJECT: " + id);
    verdict.violations().forEach(v -> err.println(Messages.error(v)));
    return false;
  }

  /**
   * {@code mcp --inbox DIR}: serves the inbox over MCP on this process's standard input and
   * output until the host closes standard input.
   */
  private int mcp(Arguments arguments) throws IOException {
    Path dir = arguments.requiredPath("--inbox");
    if (!isInbox(dir)) {
      throw new UsageException(dir + " is not an inbox (no drafts/ directory in it); create one with threegate inbox init " + dir);
    }
    Policy policy = gate.policy(arguments);
    Inbox inbox = open(dir, arguments, policy, gate.backend(arguments, policy));
    err.println("serving the inbox " + dir + " over MCP on stdio: agents submit, read and list; approval stays with "
        + "threegate inbox approve");
    try {
      ThreeGateMcpServer.serveStdio(inbox, System.in, out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return CommandLineSpec.OK;
  }

  private static String id(Arguments arguments) {
    return arguments.positionals().get(1);
  }

  private static Inbox open(Arguments arguments, Policy policy, Optional<BackendInfo> backend) throws IOException {
    return open(inboxDirectory(arguments), arguments, policy, backend);
  }

  /** The inbox; with {@code --gate-pub} (and {@code --approvers}) it verifies the results it reads. */
  private static Inbox open(Path dir, Arguments arguments, Policy policy, Optional<BackendInfo> backend) throws IOException {
    Inbox.Builder builder = Inbox.builder(dir).policy(policy);
    backend.ifPresent(builder::backend);
    Optional<Path> gatePub = arguments.path("--gate-pub");
    if (gatePub.isPresent()) {
      ResultVerifier.Builder verifier = ResultVerifier.builder(List.of(Keys.readPublicKey(gatePub.get())));
      Optional<Path> approvers = arguments.path("--approvers");
      if (approvers.isPresent()) {
        verifier.approvers(Approvers.read(approvers.get()));
      }
      builder.resultVerifier(verifier.build());
    }
    return builder.build();
  }

  /** The inbox directory; one that does not exist is the operator's mistake, not created silently. */
  private static Path inboxDirectory(Arguments arguments) {
    List<String> positionals = arguments.positionals();
    if (positionals.isEmpty()) {
      throw new UsageException(arguments.command() + " needs the inbox directory");
    }
    Path dir = Path.of(positionals.get(0));
    if (!isInbox(dir)) {
      throw new UsageException(dir + " is not an inbox (no drafts/ directory in it); create one with threegate inbox init " + dir);
    }
    return dir;
  }

  private static boolean isInbox(Path dir) {
    return Files.isDirectory(dir.resolve("drafts"), LinkOption.NOFOLLOW_LINKS)
        && Files.isDirectory(dir.resolve("approved"), LinkOption.NOFOLLOW_LINKS);
  }
}
