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
import dev.threegate.internal.result.ResultIndex;
import dev.threegate.quarantine.Quarantine;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A directory of requests run through a {@link ToolExecPipeline}: every {@code TR-*.md} regular
 * file, in name order, several at once if asked. A request whose Tool Result already exists is
 * skipped, a rejected request is moved into quarantine with its reasons, a failed request stays
 * where it is, to be run again later.
 *
 * <pre>{@code
 * BatchReport report = Batch.builder(gate)
 *     .requestsDir(requests).resultsDir(results).quarantine(Quarantine.in(rejected))
 *     .parallelism(4)
 *     .build()
 *     .run();
 * }</pre>
 *
 * <p>Built once, immutable; {@link #run()} may be called again (requests done by then are
 * skipped). Stopping the pipeline ({@link ToolExecPipeline#shutdown}) ends the requests of a
 * running batch that have not started as {@link Outcome.Failed}.
 */
public final class Batch {
  private final ToolExecPipeline pipeline;
  private final Path requestsDir;
  private final Path resultsDir;
  private final Quarantine quarantine;
  private final Optional<Path> inputsDir;
  private final int parallelism;
  private final Consumer<Outcome> progress;

  private Batch(Builder builder) {
    this.pipeline = builder.pipeline;
    this.requestsDir = builder.requestsDir;
    this.resultsDir = builder.resultsDir;
    this.quarantine = builder.quarantine;
    this.inputsDir = builder.inputsDir;
    this.parallelism = builder.parallelism;
    this.progress = builder.progress;
  }

  /**
   * A builder of a batch on a pipeline. The requests directory, the results directory and the
   * quarantine are required.
   *
   * @param pipeline the pipeline every request runs through
   * @return a new builder
   */
  public static Builder builder(ToolExecPipeline pipeline) {
    return new Builder(Objects.requireNonNull(pipeline, "pipeline"));
  }

  /**
   * Runs the batch.
   *
   * @return what was done, the outcomes in file-name order; always returned, also when the progress
   *     consumer throws (its exceptions are ignored) or the calling thread is interrupted (the
   *     running requests are then stopped, those not started end as {@link Outcome.Failed}, and
   *     the interrupt status is set again)
   * @throws NotDirectoryException if an inputs directory is given that is not a directory: nothing
   *     runs and nothing is moved
   * @throws IOException if the requests directory cannot be listed
   */
  public BatchReport run() throws IOException {
    // An operator's mistake is refused before anything runs or moves: a mistyped inputs
    // directory would otherwise turn every request that declares inputs into a rejection.
    if (inputsDir.isPresent() && !Files.isDirectory(inputsDir.get())) {
      throw new NotDirectoryException("the inputs directory " + inputsDir.get() + " does not exist or is not a directory");
    }
    List<Path> skipped = new ArrayList<>();
    List<Path> toRun = new ArrayList<>();
    for (Path file : requestFiles()) {
      (hasResult(file) ? skipped : toRun).add(file);
    }
    Outcome[] outcomes = new Outcome[toRun.size()];
    Path[] quarantined = new Path[toRun.size()];
    boolean interrupted = runAll(toRun, outcomes, quarantined);
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

  /** Runs the requests on a pool of workers; returns whether the calling thread was interrupted. */
  private boolean runAll(List<Path> toRun, Outcome[] outcomes, Path[] quarantined) {
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
          Outcome outcome = runOne(toRun.get(index), quarantined, index);
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
          // recorded by the caller as a request without an outcome
        }
      }
    } finally {
      workers.shutdownNow();
      awaitQuietly(workers);
    }
    return interrupted;
  }

  private Outcome runOne(Path file, Path[] quarantined, int index) {
    Outcome outcome = pipeline.run(file, inputsDir, resultsDir);
    if (outcome instanceof Outcome.Rejected rejected) {
      try {
        quarantined[index] = quarantine.quarantine(file, rejected.violations());
      } catch (IOException | RuntimeException e) {
        outcome = new Outcome.Failed(rejected.source(), Stage.VALIDATE,
            "validate: rejected, but could not be quarantined: " + e.getMessage(), Optional.of(e));
      }
    }
    return outcome;
  }

  private List<Path> requestFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(requestsDir, "TR-*.md")) {
      for (Path file : stream) {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          files.add(file);
        }
      }
    }
    files.sort(null);
    return files;
  }

  /**
   * Whether a request already has a Tool Result, by its entry in the results directory's index
   * (built by one listing when the directory has none): a batch's cost does not grow with the
   * results it keeps.
   */
  private boolean hasResult(Path file) {
    Optional<String> id = pipeline.requestId(file);
    try {
      return id.isPresent() && ResultIndex.find(resultsDir, id.get()).isPresent();
    } catch (IOException | RuntimeException e) {
      return false; // its claim looks again, and reports what it cannot read
    }
  }

  /** Waits for a stopped worker pool, keeping the caller's interrupt status. */
  private static void awaitQuietly(ExecutorService workers) {
    boolean interrupted = Thread.interrupted();
    try {
      while (!workers.isTerminated()) {
        try {
          workers.awaitTermination(1, TimeUnit.SECONDS);
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

  /** Builds a {@link Batch}; not thread-safe. */
  public static final class Builder {
    private final ToolExecPipeline pipeline;
    private Path requestsDir;
    private Path resultsDir;
    private Quarantine quarantine;
    private Optional<Path> inputsDir = Optional.empty();
    private int parallelism = 1;
    private Consumer<Outcome> progress = outcome -> {};

    private Builder(ToolExecPipeline pipeline) {
      this.pipeline = pipeline;
    }

    /**
     * Sets the directory whose {@code TR-*.md} files run. Required.
     *
     * @param value the requests directory
     * @return this builder
     */
    public Builder requestsDir(Path value) {
      requestsDir = Objects.requireNonNull(value, "requestsDir");
      return this;
    }

    /**
     * Sets where the Tool Results go, and where a request's existing result is looked for.
     * Required.
     *
     * @param value the results directory (created when missing)
     * @return this builder
     */
    public Builder resultsDir(Path value) {
      resultsDir = Objects.requireNonNull(value, "resultsDir");
      return this;
    }

    /**
     * Sets where rejected requests are moved, with their reasons. Required.
     *
     * @param value the quarantine
     * @return this builder
     */
    public Builder quarantine(Quarantine value) {
      quarantine = Objects.requireNonNull(value, "quarantine");
      return this;
    }

    /**
     * Sets the directory holding the declared inputs by name. By default there is none, and a
     * request that declares inputs is rejected ({@code input.missing}).
     *
     * @param value the inputs directory; {@link #run()} refuses one that is not a directory
     * @return this builder
     */
    public Builder inputsDir(Path value) {
      inputsDir = Optional.of(Objects.requireNonNull(value, "inputsDir"));
      return this;
    }

    /**
     * Sets how many requests run at once.
     *
     * @param value at least 1; 1 by default
     * @return this builder
     */
    public Builder parallelism(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("parallelism must be positive: " + value);
      }
      parallelism = value;
      return this;
    }

    /**
     * Sets what is told each outcome as it is known, for a progress display: called from the
     * worker threads, one call at a time; its exceptions are ignored. It sees the batch's outcome,
     * which is {@link Outcome.Failed} for a rejected request that could not be quarantined.
     *
     * @param value the consumer; none by default
     * @return this builder
     */
    public Builder progress(Consumer<Outcome> value) {
      progress = Objects.requireNonNull(value, "progress");
      return this;
    }

    /**
     * Builds the batch.
     *
     * @return the batch
     * @throws IllegalStateException if the requests directory, the results directory or the
     *     quarantine is missing
     */
    public Batch build() {
      if (requestsDir == null || resultsDir == null || quarantine == null) {
        throw new IllegalStateException("a batch needs requestsDir, resultsDir and quarantine");
      }
      return new Batch(this);
    }
  }
}
