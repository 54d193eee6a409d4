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

import dev.threegate.Outcome.Stage;
import dev.threegate.exec.EffectiveLimits;
import dev.threegate.exec.OutputBudget;
import dev.threegate.exec.ExecutionException;
import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.internal.result.LimitCoverage;
import dev.threegate.exec.Executor;
import dev.threegate.internal.pipeline.RequestClaim;
import dev.threegate.internal.pipeline.InFlight;
import dev.threegate.internal.io.RegularFileReader;
import dev.threegate.internal.pipeline.RunDirectory;
import dev.threegate.internal.pipeline.StagingSweep;
import dev.threegate.internal.text.Names;
import dev.threegate.policy.Policy;
import dev.threegate.policy.PolicyValidator;
import dev.threegate.problem.Verdict;
import dev.threegate.problem.Violation;
import dev.threegate.quarantine.Quarantine;
import dev.threegate.request.RequestFormatException;
import dev.threegate.request.ToolRequest;
import dev.threegate.request.ToolRequestParser;
import dev.threegate.result.ToolResultWriter;
import dev.threegate.result.WrittenResult;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The TOOL-EXEC gate: parse a Tool Request, judge it, run it, write its Tool Result. Every request
 * ends in exactly one {@link Outcome}; an exception or a {@code null} from any stage, a host's own
 * included, becomes {@link Outcome.Failed} naming the stage, never an escaped exception.
 *
 * <p>Before anything runs, the request must pass the validator bound to the executor's backend
 * (so a request the backend cannot honour is rejected), the request id is claimed in the results
 * directory (a request with a Tool Result there is not run again, and two pipelines never run the
 * same request at once), and the declared inputs are copied into a private directory and verified
 * by hash. The request file and the inputs are opened without following links and without
 * blocking (a FIFO is refused, never waited on) and checked again on the open file; the pipeline
 * reads a request file itself, at most 4 MiB of it, and hands the bytes to {@link
 * ToolRequestParser#parse(String, byte[])}. Built once with {@link #builder()}, immutable (but for {@link #shutdown(Duration)}), and
 * safe to share between threads. Hosts call {@link #sweepStale(Path)} when they start, to remove
 * what a killed process left, and {@link #shutdown(Duration)} when they stop.
 *
 * <pre>{@code
 * ToolExecPipeline gate = ToolExecPipeline.builder()
 *     .validator(PolicyValidator.of(Policy.defaults()))
 *     .executor(executor)
 *     .build();
 * Outcome outcome = gate.run(Path.of("requests/TR-….md"), Path.of("results"));
 * }</pre>
 */
public final class ToolExecPipeline implements AutoCloseable {
  private final ToolRequestParser parser;
  private final PolicyValidator validator;
  private final Executor executor;
  private final ToolResultWriter writer;
  private final PipelineListener listener;
  private final long maxOutputBytes;
  private final OutputBudget outputBudget;
  private final Path workDirectory;
  private final InFlight inFlight = new InFlight();
  /** Request files are read up to this many bytes (one more tells the parser a file is longer). */
  private static final int MAX_REQUEST_READ = 4 * 1024 * 1024;

  private ToolExecPipeline(Builder builder) {
    this.parser = builder.parser;
    this.executor = builder.executor;
    this.validator = builder.validator.forBackend(builder.executor.backend());
    this.writer = builder.writer;
    this.listener = builder.listener;
    this.maxOutputBytes = builder.maxOutputBytes;
    this.outputBudget = builder.outputBudget;
    this.workDirectory = builder.workDirectory;
  }

  /**
   * A builder. Only the executor is required; the parser and writer default to the standard ones,
   * the validator to {@code PolicyValidator.of(Policy.defaults())}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs one request that declares no inputs (a request that declares some is rejected with
   * {@code input.missing}).
   *
   * @param requestFile the Tool Request file
   * @param resultsDir where the Tool Result goes (created when missing)
   * @return the outcome
   */
  public Outcome run(Path requestFile, Path resultsDir) {
    return run(requestFile, Optional.empty(), resultsDir);
  }

  /**
   * Runs one request with its inputs.
   *
   * @param requestFile the Tool Request file
   * @param inputsDir the directory holding the declared inputs by name
   * @param resultsDir where the Tool Result goes (created when missing)
   * @return the outcome
   */
  public Outcome run(Path requestFile, Path inputsDir, Path resultsDir) {
    return run(requestFile, Optional.of(Objects.requireNonNull(inputsDir, "inputsDir")), resultsDir);
  }

  /**
   * Runs every {@code TR-*.md} file of a directory, in name order: results are written, rejected
   * requests are moved into quarantine with their reasons, and a request whose Tool Result already
   * exists is skipped. Failed requests stay where they are, to be run again later.
   *
   * @param requestsDir the directory of requests
   * @param inputsDir the directory of inputs, if any
   * @param resultsDir where the Tool Results go
   * @param quarantine where rejected requests go
   * @param progress called with each outcome as it is known, for progress display
   * @return what was done
   * @throws NotDirectoryException if an inputs directory is given that is not a directory: nothing
   *     runs and nothing is moved
   * @throws IOException if the requests directory cannot be listed
   */
  public BatchReport runDirectory(
      Path requestsDir, Optional<Path> inputsDir, Path resultsDir, Quarantine quarantine, Consumer<Outcome> progress)
      throws IOException {
    return runDirectory(requestsDir, inputsDir, resultsDir, quarantine, 1, progress);
  }

  /**
   * Runs every {@code TR-*.md} file of a directory as {@link #runDirectory(Path, Optional, Path,
   * Quarantine, Consumer)} does, with several requests at once.
   *
   * @param requestsDir the directory of requests
   * @param inputsDir the directory of inputs, if any
   * @param resultsDir where the Tool Results go
   * @param quarantine where rejected requests go
   * @param parallelism how many requests run at once, at least 1
   * @param progress called with each outcome as it is known, from the worker threads, one call at
   *     a time
   * @return what was done, the outcomes in file-name order; always returned, also when the
   *     progress consumer throws (its exceptions are ignored) or the calling thread is interrupted
   *     (the running requests are then stopped, those not started end as {@link Outcome.Failed},
   *     and the interrupt status is set again)
   * @throws NotDirectoryException if an inputs directory is given that is not a directory: nothing
   *     runs and nothing is moved
   * @throws IOException if the requests directory cannot be listed
   */
  public BatchReport runDirectory(
      Path requestsDir, Optional<Path> inputsDir, Path resultsDir, Quarantine quarantine, int parallelism,
      Consumer<Outcome> progress)
      throws IOException {
    Objects.requireNonNull(quarantine, "quarantine");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(inputsDir, "inputsDir");
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be positive: " + parallelism);
    }
    // An operator's mistake is refused before anything runs or moves: a mistyped inputs
    // directory would otherwise turn every request that declares inputs into a rejection.
    if (inputsDir.isPresent() && !Files.isDirectory(inputsDir.get())) {
      throw new NotDirectoryException("the inputs directory " + inputsDir.get() + " does not exist or is not a directory");
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(requestsDir, "TR-*.md")) {
      for (Path file : stream) {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          files.add(file);
        }
      }
    }
    files.sort(null);
    List<Path> skipped = new ArrayList<>();
    List<Path> toRun = new ArrayList<>();
    Set<String> done = requestsWithResults(resultsDir);
    for (Path file : files) {
      (hasResult(file, done) ? skipped : toRun).add(file);
    }
    Outcome[] outcomes = new Outcome[toRun.size()];
    Path[] quarantined = new Path[toRun.size()];
    Object progressLock = new Object();
    ExecutorService workers = Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, toRun.size())), runnable -> {
      Thread thread = new Thread(runnable, "threegate-batch");
      thread.setDaemon(true);
      return thread;
    });
    boolean interrupted = false;
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < toRun.size(); i++) {
        int index = i;
        futures.add(workers.submit(() -> {
          Path file = toRun.get(index);
          Outcome outcome = run(file, inputsDir, resultsDir);
          if (outcome instanceof Outcome.Rejected rejected) {
            try {
              quarantined[index] = quarantine.quarantine(file, rejected.violations());
            } catch (IOException | RuntimeException e) {
              outcome = new Outcome.Failed(rejected.source(), Stage.VALIDATE,
                  "rejected, but could not be quarantined: " + e.getMessage(), Optional.of(e));
            }
          }
          outcomes[index] = outcome;
          synchronized (progressLock) {
            try {
              progress.accept(outcome);
            } catch (RuntimeException e) {
              // progress display only: it cannot change an outcome or stop the batch
            }
          }
        }));
      }
      for (Future<?> future : futures) {
        try {
          if (interrupted) {
            future.cancel(false);
          }
          future.get();
        } catch (InterruptedException e) {
          // Stop: the running requests are interrupted (their sandboxes killed, their claims
          // released) and the rest are not started; the report still says what happened.
          interrupted = true;
          workers.shutdownNow();
        } catch (CancellationException | java.util.concurrent.ExecutionException e) {
          // recorded below as a request without an outcome
        }
      }
    } finally {
      workers.shutdownNow();
      awaitQuietly(workers);
    }
    for (int i = 0; i < outcomes.length; i++) {
      if (outcomes[i] == null) {
        String source = String.valueOf(toRun.get(i).getFileName());
        outcomes[i] = interrupted
            ? new Outcome.Failed(source, Stage.READ, "read: not run: the batch was interrupted", Optional.empty())
            : new Outcome.Failed(source, Stage.READ, "read: the batch worker ended without an outcome", Optional.empty());
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    List<Path> moved = new ArrayList<>();
    for (Path path : quarantined) {
      if (path != null) {
        moved.add(path);
      }
    }
    return new BatchReport(List.of(outcomes), skipped, moved);
  }

  /** Waits for a stopped worker pool, keeping the caller's interrupt status. */
  private static void awaitQuietly(ExecutorService workers) {
    boolean interrupted = Thread.interrupted();
    try {
      while (!workers.isTerminated()) {
        try {
          workers.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Removes what runs of this pipeline's kind left behind when their process died (killed, a power
   * loss): private run directories in the work directory whose owner process is gone, and a result
   * writer's staged files in the results directory when no request is claimed there. Nothing a
   * live run (of this process or another) owns is touched, and nothing published is. Hosts call it
   * when they start; the CLI does.
   *
   * @param resultsDir the results directory whose staging area is swept
   * @return the paths removed
   * @throws IOException if the work directory or the staging area cannot be listed
   */
  public List<Path> sweepStale(Path resultsDir) throws IOException {
    Objects.requireNonNull(resultsDir, "resultsDir");
    List<Path> removed = new ArrayList<>(RunDirectory.sweep(workDirectory));
    removed.addAll(StagingSweep.sweep(resultsDir));
    return removed;
  }

  /**
   * Stops this pipeline: no new request starts (each ends as {@link Outcome.Failed} without being
   * read), and the threads staging inputs or executing are interrupted, so that executors kill
   * their sandboxes; a request whose run has ended is still written. Returns when every request in
   * flight has ended (its claim released and its run directory removed), or when the wait runs out.
   * For a JVM shutdown hook, for instance.
   *
   * @param wait how long to wait for the requests in flight
   * @return whether all of them ended within the wait
   */
  public boolean shutdown(Duration wait) {
    Objects.requireNonNull(wait, "wait");
    return inFlight.shutdown(wait);
  }

  /** {@link #shutdown(Duration) Shuts down}, waiting up to 10 minutes for the requests in flight. */
  @Override
  public void close() {
    shutdown(Duration.ofMinutes(10));
  }

  private boolean hasResult(Path requestFile, Set<String> requestsWithResults) {
    try {
      ToolRequest request = parser.parse(String.valueOf(requestFile.getFileName()), RegularFileReader.readPrefix(requestFile, MAX_REQUEST_READ));
      return request != null && requestsWithResults.contains(request.requestId());
    } catch (IOException | RuntimeException e) {
      return false; // the run itself reports what is wrong with the file
    }
  }

  /** The request ids of the Tool Results in a directory, read from their file names. */
  private static Set<String> requestsWithResults(Path resultsDir) throws IOException {
    Set<String> ids = new HashSet<>();
    if (!Files.isDirectory(resultsDir)) {
      return ids;
    }
    try (Stream<Path> files = Files.list(resultsDir)) {
      files.forEach(f -> Names.requestIdOfResultFile(f.getFileName().toString()).ifPresent(ids::add));
    }
    return ids;
  }

  private Outcome run(Path requestFile, Optional<Path> inputsDir, Path resultsDir) {
    Objects.requireNonNull(requestFile, "requestFile");
    Objects.requireNonNull(resultsDir, "resultsDir");
    String source = String.valueOf(requestFile.getFileName());
    Outcome outcome;
    if (!inFlight.enter()) {
      outcome = failed(source, Stage.READ, "the pipeline is shut down; nothing was read or run", null);
    } else {
      try {
        outcome = runStages(requestFile, source, inputsDir, resultsDir);
      } finally {
        inFlight.leave();
      }
    }
    if (outcome instanceof Outcome.Rejected rejected) {
      notify(l -> l.rejected(source, rejected.violations()));
    } else if (outcome instanceof Outcome.Failed failed) {
      notify(l -> l.failed(failed));
    }
    return outcome;
  }

  private Outcome runStages(Path requestFile, String source, Optional<Path> inputsDir, Path resultsDir) {
    ToolRequest request;
    try {
      request = parser.parse(source, RegularFileReader.readPrefix(requestFile, MAX_REQUEST_READ));
    } catch (RequestFormatException e) {
      List<Violation> problems;
      try {
        problems = validator.validateMalformed(e).violations();
      } catch (RuntimeException validatorFailure) {
        problems = e.problems(); // the parser's problems alone still refuse the request
      }
      return new Outcome.Rejected(source, Optional.empty(), problems);
    } catch (IOException e) {
      return failed(source, Stage.READ, "cannot read the request file: " + e, e);
    } catch (RuntimeException e) {
      return failed(source, Stage.PARSE, "parser " + name(parser) + " threw " + e, e);
    }
    if (request == null) {
      return failed(source, Stage.PARSE, "parser " + name(parser) + " returned null", null);
    }
    notify(l -> l.parsed(request));

    Verdict verdict;
    try {
      verdict = validator.validate(request);
    } catch (RuntimeException e) {
      return failed(source, Stage.VALIDATE, "validator threw " + e, e);
    }
    if (verdict == null) {
      return failed(source, Stage.VALIDATE, "validator returned null", null);
    }
    if (!verdict.passed()) {
      return new Outcome.Rejected(source, Optional.of(request), verdict.violations());
    }
    if (!Names.isSafeRequestId(request.requestId())) {
      return new Outcome.Rejected(source, Optional.of(request), List.of(new Violation("request_id.invalid", "request_id",
          "request_id is not safe to use in file names; the validator let it through")));
    }

    Optional<RequestClaim> claim;
    try {
      claim = RequestClaim.tryAcquire(resultsDir, request.requestId());
    } catch (IOException | RuntimeException e) {
      return failed(source, Stage.CLAIM, "cannot claim request " + request.requestId() + " in " + resultsDir + ": " + e, e);
    }
    if (claim.isEmpty()) {
      return failed(source, Stage.CLAIM, "request " + request.requestId() + " is being run by another pipeline", null);
    }
    RequestClaim held = claim.get();
    try {
      Optional<Path> existing = existingResult(resultsDir, request.requestId());
      if (existing.isPresent()) {
        return failed(source, Stage.CLAIM, "request " + request.requestId() + " already has a Tool Result: " + existing.get().getFileName(), null);
      }
      return runClaimed(request, source, inputsDir, resultsDir);
    } finally {
      try {
        held.close();
      } catch (IOException | RuntimeException e) {
        // The OS releases the lock with the process at the latest; the outcome stands.
        cleanupFailed(source, "cannot release the claim on request " + request.requestId() + ": " + e, e);
      }
    }
  }

  private Outcome runClaimed(ToolRequest request, String source, Optional<Path> inputsDir, Path resultsDir) {
    RunDirectory run;
    try {
      run = RunDirectory.create(workDirectory);
    } catch (IOException | RuntimeException e) {
      return failed(source, Stage.STAGE_INPUTS, "cannot create a private run directory in " + workDirectory + ": " + e, e);
    }
    try {
      List<Violation> inputProblems;
      try {
        inputProblems = inFlight.stoppable(() -> run.stage(request.inputs(), inputsDir));
      } catch (IOException | RuntimeException e) {
        return failed(source, Stage.STAGE_INPUTS, "cannot stage the inputs: " + e, e);
      }
      if (!inputProblems.isEmpty()) {
        return new Outcome.Rejected(source, Optional.of(request), inputProblems);
      }
      ExecutionSpec spec =
          ExecutionSpec.builder()
              .request(request)
              .inputsDir(run.in())
              .outputsDir(run.out())
              .scratchDir(run.scratch())
              .limits(EffectiveLimits.builder()
                  .cpu(request.limits().cpu())
                  .memoryMb(request.limits().memoryMb())
                  .time(Duration.ofSeconds(request.limits().timeSec()))
                  .maxOutputBytes(maxOutputBytes)
                  .outputs(outputBudget)
                  .build())
              .build();
      notify(l -> l.executing(spec));
      ExecutionResult result;
      try {
        result = inFlight.stoppable(() -> executor.execute(spec));
      } catch (ExecutionException e) {
        return failed(source, Stage.EXECUTE, "executor " + executor.backend().name() + " failed: " + e.getMessage(), e);
      } catch (RuntimeException | IOException e) {
        return failed(source, Stage.EXECUTE, "executor " + name(executor) + " threw " + e, e);
      }
      if (result == null) {
        return failed(source, Stage.EXECUTE, "executor " + name(executor) + " returned null", null);
      }
      // every limit of the run is in its result, enforced or not, whatever the executor listed
      ExecutionResult covered = LimitCoverage.complete(result, LimitCoverage.values(spec.limits().cpu(),
          spec.limits().memoryMb(), spec.limits().time().toSeconds(), spec.limits().maxOutputBytes()));
      notify(l -> l.executed(covered));
      WrittenResult written;
      // A result that exists is written whole, even when the pipeline is being shut down: the
      // interrupt status is set aside while writing (an interrupt would close its files midway).
      boolean interrupted = Thread.interrupted();
      try {
        written = writer.write(request, covered, resultsDir);
      } catch (IOException | RuntimeException e) {
        return failed(source, Stage.WRITE, "writer " + name(writer) + " failed: " + e, e);
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
      if (written == null) {
        return failed(source, Stage.WRITE, "writer " + name(writer) + " returned null", null);
      }
      notify(l -> l.written(written));
      return new Outcome.Accepted(request, covered, written);
    } finally {
      try {
        run.close();
      } catch (IOException | RuntimeException e) {
        // Left for the sweep of a later start (see sweepStale); the outcome stands.
        cleanupFailed(source, "cannot remove the private run directory " + run.root() + ": " + e, e);
      }
    }
  }

  private static Optional<Path> existingResult(Path resultsDir, String requestId) {
    if (!Files.isDirectory(resultsDir)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(resultsDir)) {
      return files
          .filter(f -> Names.requestIdOfResultFile(f.getFileName().toString()).filter(requestId::equals).isPresent())
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Outcome.Failed failed(String source, Stage stage, String message, Throwable cause) {
    return new Outcome.Failed(source, stage, stage.name().toLowerCase(Locale.ROOT) + ": " + message, Optional.ofNullable(cause));
  }

  private static String name(Object stage) {
    return stage.getClass().getName();
  }

  private void cleanupFailed(String source, String problem, Exception cause) {
    notify(l -> l.cleanupFailed(source, problem, cause));
  }

  private void notify(Consumer<PipelineListener> event) {
    try {
      event.accept(listener);
    } catch (RuntimeException ignored) {
      // a listener must not change an outcome
    }
  }

  /** Builds a {@link ToolExecPipeline}. */
  public static final class Builder {
    private ToolRequestParser parser = ToolRequestParser.standard();
    private PolicyValidator validator = PolicyValidator.of(Policy.defaults());
    private Executor executor;
    private ToolResultWriter writer = ToolResultWriter.standard();
    private PipelineListener listener = PipelineListener.NONE;
    private long maxOutputBytes = EffectiveLimits.DEFAULT_MAX_OUTPUT_BYTES;
    private OutputBudget outputBudget = OutputBudget.defaults();
    private Path workDirectory = Path.of(System.getProperty("java.io.tmpdir"));

    private Builder() {}

    /**
     * Sets the parser.
     *
     * @param value the parser; the standard one by default
     * @return this builder
     */
    public Builder parser(ToolRequestParser value) {
      parser = Objects.requireNonNull(value, "parser");
      return this;
    }

    /**
     * Sets the validator. It is bound to the executor's backend when the pipeline is built.
     *
     * @param value the validator; {@code PolicyValidator.of(Policy.defaults())} by default
     * @return this builder
     */
    public Builder validator(PolicyValidator value) {
      validator = Objects.requireNonNull(value, "validator");
      return this;
    }

    /**
     * Sets the executor. Required.
     *
     * @param value the executor
     * @return this builder
     */
    public Builder executor(Executor value) {
      executor = Objects.requireNonNull(value, "executor");
      return this;
    }

    /**
     * Sets the result writer.
     *
     * @param value the writer; the standard one by default
     * @return this builder
     */
    public Builder writer(ToolResultWriter value) {
      writer = Objects.requireNonNull(value, "writer");
      return this;
    }

    /**
     * Sets the listener.
     *
     * @param value the listener; {@link PipelineListener#NONE} by default
     * @return this builder
     */
    public Builder listener(PipelineListener value) {
      listener = Objects.requireNonNull(value, "listener");
      return this;
    }

    /**
     * Sets the output cap per stream.
     *
     * @param value bytes, at least 1; 64 MiB by default
     * @return this builder
     */
    public Builder maxOutputBytes(long value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxOutputBytes must be positive: " + value);
      }
      maxOutputBytes = value;
      return this;
    }

    /**
     * Sets what a tool may leave in {@code /out} and how long collecting it may take; usually the
     * policy's ({@code Policy.outputBudget()}). Default: {@link OutputBudget#defaults()}.
     *
     * @param value the budget
     * @return this builder
     */
    public Builder outputBudget(OutputBudget value) {
      outputBudget = Objects.requireNonNull(value, "outputBudget");
      return this;
    }

    /**
     * Sets where private run directories are created.
     *
     * @param value a directory; the system temporary directory by default
     * @return this builder
     */
    public Builder workDirectory(Path value) {
      workDirectory = Objects.requireNonNull(value, "workDirectory");
      return this;
    }

    /**
     * Builds the pipeline.
     *
     * @return the pipeline
     * @throws IllegalStateException if no executor was set
     * @throws NullPointerException if the executor reports no backend
     */
    public ToolExecPipeline build() {
      if (executor == null) {
        throw new IllegalStateException("an executor is required");
      }
      Objects.requireNonNull(executor.backend(), "executor.backend()");
      return new ToolExecPipeline(this);
    }
  }
}
