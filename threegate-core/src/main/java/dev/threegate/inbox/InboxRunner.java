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

import dev.threegate.Outcome;
import dev.threegate.Outcome.Stage;
import dev.threegate.ToolExecPipeline;
import dev.threegate.internal.pipeline.ClaimStep;
import dev.threegate.internal.pipeline.RequestClaim;
import dev.threegate.problem.Violation;
import dev.threegate.quarantine.Quarantine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the approved requests of an {@link Inbox} through a {@link ToolExecPipeline}, at most N at
 * once, as they arrive. A request that runs gets its Tool Result in the results; one the gate
 * rejects (an approval that does not verify or has expired, a policy that changed) moves to the
 * quarantine with its reasons; one the gate could not run moves to {@code failed/} with the reason.
 * A request interrupted by {@link #stop()} stays approved, and runs again when a runner starts:
 * claims are OS locks released with their process, and a result is published whole or not at
 * all, so several runners, and a runner killed and restarted, never publish two results of a
 * request. A run interrupted before its result was published starts again from the beginning:
 * what the tool did in its sandbox before the interruption is lost, and what it did outside
 * (through a network allowlist) may happen twice.
 *
 * <pre>{@code
 * InboxRunner runner = InboxRunner.builder(inbox, gate).parallelism(2).build();
 * Runtime.getRuntime().addShutdownHook(new Thread(runner::stop));
 * runner.run(); // until stopped
 * }</pre>
 *
 * <p>Built once; thread-safe. {@link #run()} may be called by one thread at a time.
 */
public final class InboxRunner {
  private final Inbox inbox;
  private final ToolExecPipeline pipeline;
  private final int parallelism;
  private final Duration pollInterval;
  private final Consumer<Outcome> progress;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final Set<ExecutorService> pools = ConcurrentHashMap.newKeySet();
  private final Object signal = new Object();
  private volatile boolean stopping;

  private InboxRunner(Builder builder) {
    this.inbox = builder.inbox;
    this.pipeline = builder.pipeline;
    this.parallelism = builder.parallelism;
    this.pollInterval = builder.pollInterval;
    this.progress = builder.progress;
  }

  /**
   * A builder of a runner of an inbox's approved requests on a pipeline; use the same policy for
   * both.
   *
   * @param inbox the inbox
   * @param pipeline the pipeline the requests run through
   * @return a new builder
   */
  public static Builder builder(Inbox inbox, ToolExecPipeline pipeline) {
    return new Builder(Objects.requireNonNull(inbox, "inbox"), Objects.requireNonNull(pipeline, "pipeline"));
  }

  /**
   * Runs approved requests as they arrive, until {@link #stop()} is called or the calling thread
   * is interrupted; first removes what a killed run left ({@link ToolExecPipeline#sweepStale}, and
   * the inbox's temporary files older than an hour).
   * Returns when every request it started has ended.
   *
   * @throws IOException if the inbox cannot be listed
   */
  public void run() throws IOException {
    sweep();
    ExecutorService workers = workers();
    Set<String> dispatched = ConcurrentHashMap.newKeySet();
    try {
      while (!stopping && !Thread.currentThread().isInterrupted()) {
        dispatch(workers, dispatched);
        synchronized (signal) {
          if (!stopping) {
            signal.wait(Math.max(1, pollInterval.toMillis()));
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      stopping = true;
      end(workers, dispatched);
    }
  }

  /**
   * Runs every request approved now, at most N at once, and returns when they have ended.
   *
   * @return their outcomes, in the order they ended
   * @throws IOException if the inbox cannot be listed
   */
  public List<Outcome> runApproved() throws IOException {
    sweep();
    List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    ExecutorService workers = workers();
    Set<String> dispatched = ConcurrentHashMap.newKeySet();
    try {
      for (String id : runnable()) {
        if (stopping || Thread.currentThread().isInterrupted()) {
          break;
        }
        inFlight.add(id);
        dispatched.add(id);
        workers.execute(() -> runOne(id).ifPresent(outcomes::add));
      }
      // the pool ends when every task has run, or once stop() has dropped those not started
      workers.shutdown();
      while (!workers.awaitTermination(1, TimeUnit.MINUTES)) {
        // still running
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      end(workers, dispatched);
    }
    return List.copyOf(outcomes);
  }

  /**
   * Stops the runner: no request starts any more, and the requests running are interrupted (their
   * sandboxes killed, their claims released); they stay approved, and run when a runner starts
   * again. {@link #run()} returns once they have ended.
   */
  public void stop() {
    stopping = true;
    pools.forEach(ExecutorService::shutdownNow);
    synchronized (signal) {
      signal.notifyAll();
    }
  }

  private void sweep() throws IOException {
    pipeline.sweepStale(inbox.results());
    inbox.sweepTemporary();
  }

  private ExecutorService workers() {
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, runnable -> {
      Thread thread = new Thread(runnable, "threegate-inbox-runner");
      thread.setDaemon(true);
      return thread;
    });
    pools.add(pool);
    if (stopping) {
      pool.shutdownNow();
    }
    return pool;
  }

  /**
   * Stops the workers (the running requests are interrupted, those not started are dropped) and
   * waits until every one has ended, also when the calling thread is interrupted (its status is
   * set again after); the requests this call dispatched are then no longer in flight here.
   */
  private void end(ExecutorService workers, Set<String> dispatched) {
    workers.shutdownNow();
    boolean interrupted = Thread.interrupted();
    try {
      while (true) {
        try {
          if (workers.awaitTermination(1, TimeUnit.MINUTES)) {
            break;
          }
          workers.shutdownNow();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      pools.remove(workers);
      inFlight.removeAll(dispatched);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void dispatch(ExecutorService workers, Set<String> dispatched) throws IOException {
    for (String id : runnable()) {
      if (inFlight.size() >= parallelism || stopping) {
        return;
      }
      inFlight.add(id);
      dispatched.add(id);
      try {
        workers.submit(() -> {
          runOne(id);
          synchronized (signal) {
            signal.notifyAll();
          }
        });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        return; // stopped meanwhile
      }
    }
  }

  /** The approved requests without a result, not running here or elsewhere, oldest first. */
  private List<String> runnable() throws IOException {
    List<String> out = new ArrayList<>();
    for (RequestStatus status : inbox.approvedNotDone()) {
      if (status.state() == RequestState.APPROVED && !inFlight.contains(status.requestId())) {
        out.add(status.requestId());
      }
    }
    return out;
  }

  /** Runs one request, unless the runner is stopping; empty if it did not start. */
  private Optional<Outcome> runOne(String id) {
    try {
      if (stopping || Thread.currentThread().isInterrupted()) {
        return Optional.empty();
      }
      Path file = inbox.approved().resolve(id + ".md");
      Path inputs = inbox.inputs(id);
      Outcome outcome = Files.isDirectory(inputs, LinkOption.NOFOLLOW_LINKS)
          ? pipeline.run(file, inputs, inbox.results())
          : pipeline.run(file, inbox.results());
      settle(id, file, outcome);
      try {
        progress.accept(outcome);
      } catch (RuntimeException e) {
        // progress display only: it cannot change an outcome or stop the runner
      }
      return Optional.of(outcome);
    } finally {
      inFlight.remove(id);
    }
  }

  /**
   * Moves a request that will not run again out of the approved ones, while holding its claim, so
   * that no runner runs it meanwhile, and only if it has no result.
   */
  private void settle(String id, Path file, Outcome outcome) {
    if (outcome instanceof Outcome.Accepted || outcome instanceof Outcome.Failed failed && retryable(failed)) {
      return; // done, or stays approved: another runner holds it, or this one is stopping
    }
    try {
      Optional<RequestClaim> claim;
      try {
        claim = RequestClaim.tryAcquire(inbox.results(), id);
        if (claim.isEmpty()) {
          return; // another runner holds it: its run decides
        }
      } catch (IOException e) {
        claim = Optional.empty(); // its claim cannot be made: no runner can run it
      }
      try {
        if (inbox.status(id).filter(s -> s.state() == RequestState.DONE).isPresent()) {
          return;
        }
        if (outcome instanceof Outcome.Rejected rejected) {
          Quarantine.in(inbox.quarantine()).quarantine(file, rejected.violations());
        } else if (outcome instanceof Outcome.Failed failed) {
          Quarantine.in(inbox.failed()).quarantine(file, List.of(new Violation("run.failed",
              failed.stage().name().toLowerCase(java.util.Locale.ROOT), failed.message())));
        }
      } finally {
        if (claim.isPresent()) {
          claim.get().close();
        }
      }
    } catch (NoSuchFileException e) {
      // moved by another runner meanwhile
    } catch (IOException e) {
      // it stays approved, to be judged again by the next run; the outcome was reported
    }
  }

  /**
   * Whether a failure leaves the request approved: another run holds it, or this runner or its
   * pipeline is stopping. Any other failure (a claim that cannot be made, a backend that cannot
   * run) would fail again: the request moves to {@code failed/}.
   */
  private boolean retryable(Outcome.Failed failed) {
    return failed.stage() == Stage.CLAIM && failed.message().contains(ClaimStep.HELD)
        || stopping || pipeline.isShutdown() || Thread.currentThread().isInterrupted();
  }

  /** Builds an {@link InboxRunner}; not thread-safe. */
  public static final class Builder {
    private final Inbox inbox;
    private final ToolExecPipeline pipeline;
    private int parallelism = 1;
    private Duration pollInterval = Duration.ofSeconds(1);
    private Consumer<Outcome> progress = outcome -> {};

    private Builder(Inbox inbox, ToolExecPipeline pipeline) {
      this.inbox = inbox;
      this.pipeline = pipeline;
    }

    /**
     * Sets how many requests run at once.
     *
     * @param value at least 1; default 1
     * @return this builder
     */
    public Builder parallelism(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1: " + value);
      }
      this.parallelism = value;
      return this;
    }

    /**
     * Sets how often the approved requests are listed when nothing else wakes the runner.
     *
     * @param value positive; default 1 second
     * @return this builder
     */
    public Builder pollInterval(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("the poll interval must be positive: " + value);
      }
      this.pollInterval = value;
      return this;
    }

    /**
     * Sets who hears each outcome, from the runner's threads, one at a time.
     *
     * @param value the consumer; its exceptions are ignored
     * @return this builder
     */
    public Builder progress(Consumer<Outcome> value) {
      this.progress = Objects.requireNonNull(value, "progress");
      return this;
    }

    /**
     * Builds the runner.
     *
     * @return the runner
     */
    public InboxRunner build() {
      return new InboxRunner(this);
    }
  }
}
