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
package dev.threegate.process;

import dev.threegate.exec.ExecutionException;
import dev.threegate.exec.StreamCapture;
import dev.threegate.process.internal.CapturePumps;
import dev.threegate.process.internal.ProcessTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecuteResultHandler;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;

/**
 * Runs one host process the way a sandbox executor needs it (trusted computing base):
 *
 * <ul>
 *   <li>argv is passed element by element, never parsed or quoted, with exactly the environment
 *       given;
 *   <li>on Linux the process leads a new session ({@code setsid}), so everything it starts can be
 *       found and killed by process group, even after its parent has exited;
 *   <li>stdout and stderr are streamed to files through {@link StreamCapture} (SHA-256 on the fly,
 *       a bounded head in memory, constant memory whatever the size); the first byte past the cap
 *       kills the process tree;
 *   <li>when the timeout runs out the whole tree is killed with SIGKILL (a child that ignores
 *       SIGTERM does not delay it); a descendant that keeps the output pipes open after the child
 *       exited is killed too;
 *   <li>a non-zero exit is data; when {@link #run} returns, nothing it started is still running
 *       (unless {@link ProcessSpec#keepDescendants()} keeps what a normal exit left) and none of
 *       its threads is left.
 * </ul>
 *
 * Immutable and thread-safe.
 */
public final class ProcessRunner {
  private static final long SAMPLE_MILLIS = 50;
  private static final long KILL_WAIT_MILLIS = 10_000;
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private final Optional<Path> setsid;

  private ProcessRunner(Optional<Path> setsid) {
    this.setsid = setsid;
  }

  /**
   * The standard runner: a new session per process where {@code /usr/bin/setsid} exists.
   *
   * @return the runner
   */
  public static ProcessRunner standard() {
    return new ProcessRunner(Files.isExecutable(SETSID) ? Optional.of(SETSID) : Optional.empty());
  }

  /**
   * Runs a process to its end.
   *
   * @param spec what to run
   * @return how it ended, with its captured streams
   * @throws ExecutionException if the program cannot be found or started, the working directory
   *     does not exist, the capture files cannot be created or written (a full disk: the process
   *     tree is then killed), or the calling thread is interrupted (the process tree is then killed and the
   *     interrupt status set again)
   */
  public ProcessResult run(ProcessSpec spec) {
    return run(spec, () -> false);
  }

  /**
   * Runs a process to its end, also stopping it when a condition becomes true: for output the
   * process writes somewhere else than its stdout and stderr (such as a guest's log files). The
   * condition is checked about every 50 ms; when it holds, the process tree is killed and the run
   * ends as {@link ProcessResult.Termination#OUTPUT_LIMIT}.
   *
   * @param spec what to run
   * @param outputLimitReached the condition; it must be fast and must not throw
   * @return how it ended, with its captured streams
   * @throws ExecutionException as {@link #run(ProcessSpec)} does
   */
  public ProcessResult run(ProcessSpec spec, BooleanSupplier outputLimitReached) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(outputLimitReached, "outputLimitReached");
    Path program = resolve(spec.command().get(0), spec.environment());
    if (!Files.isDirectory(spec.workingDirectory())) {
      throw new ExecutionException("cannot run " + program.getFileName() + ": the working directory "
          + spec.workingDirectory() + " does not exist or is not a directory");
    }
    CommandLine command;
    if (setsid.isPresent()) {
      command = new CommandLine(setsid.get().toString());
      command.addArgument(program.toString(), false);
    } else {
      command = new CommandLine(program.toString());
    }
    for (String argument : spec.command().subList(1, spec.command().size())) {
      command.addArgument(argument, false);
    }

    ProcessTree tree = new ProcessTree(setsid.isPresent());
    AtomicBoolean outputLimit = new AtomicBoolean();
    Runnable onCap = () -> {
      outputLimit.set(true);
      tree.killAll();
    };
    StreamCapture stdout;
    StreamCapture stderr;
    try {
      stdout = StreamCapture.open(spec.stdoutFile(), spec.maxOutputBytes(), onCap);
    } catch (IOException e) {
      throw new ExecutionException("cannot create the capture file " + spec.stdoutFile() + ": " + e, e);
    }
    try {
      stderr = StreamCapture.open(spec.stderrFile(), spec.maxOutputBytes(), onCap);
    } catch (IOException e) {
      ExecutionException failure = new ExecutionException("cannot create the capture file " + spec.stderrFile() + ": " + e, e);
      discard(stdout, spec.stdoutFile(), failure);
      throw failure;
    }
    CapturePumps pumps = new CapturePumps(stdout, stderr, tree);
    List<Thread> threads = new CopyOnWriteArrayList<>();
    DefaultExecutor executor =
        DefaultExecutor.builder()
            .setWorkingDirectory(spec.workingDirectory())
            .setExecuteStreamHandler(pumps)
            .setThreadFactory(
                runnable -> {
                  Thread thread = new Thread(runnable, "threegate-process");
                  thread.setDaemon(true);
                  threads.add(thread);
                  return thread;
                })
            .get();
    executor.setExitValues(null);
    executor.setProcessDestroyer(tree);

    CountDownLatch ended = new CountDownLatch(1);
    DefaultExecuteResultHandler handler = new DefaultExecuteResultHandler() {
      @Override
      public void onProcessComplete(int exitValue) {
        super.onProcessComplete(exitValue);
        ended.countDown();
      }

      @Override
      public void onProcessFailed(ExecuteException e) {
        super.onProcessFailed(e);
        ended.countDown();
      }
    };
    long start = System.nanoTime();
    long deadline = start + spec.timeout().toNanos();
    boolean timedOut = false;
    List<String> anomalies = new ArrayList<>();
    try {
      executor.execute(command, spec.environment(), handler);
      while (!handler.hasResult()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          timedOut = true;
          tree.killAll();
          break;
        }
        ended.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(SAMPLE_MILLIS)), TimeUnit.NANOSECONDS);
        tree.sample();
        if (!handler.hasResult() && outputLimitReached.getAsBoolean()) {
          outputLimit.set(true);
          tree.killAll();
          break;
        }
      }
    } catch (InterruptedException e) {
      tree.killAll();
      finish(ended, handler, threads, pumps, stdout, stderr, new ArrayList<>());
      Thread.currentThread().interrupt();
      throw new ExecutionException("interrupted while running " + program.getFileName() + "; the process tree was killed", e);
    } catch (IOException e) {
      tree.killAll();
      finish(ended, handler, threads, pumps, stdout, stderr, new ArrayList<>());
      throw new ExecutionException("cannot start " + program + ": " + e.getMessage(), e);
    }
    List<IOException> closeFailures = new ArrayList<>();
    boolean finished = finish(ended, handler, threads, pumps, stdout, stderr, closeFailures);
    long end = System.nanoTime();
    boolean normalExit = !timedOut && !outputLimit.get() && handler.hasResult();
    int killed = spec.keepDescendants() && normalExit ? 0 : tree.killAll();
    if (killed > 0) {
      anomalies.add(killed + " process(es) the tool left running were killed");
    }
    if (!finished) {
      anomalies.add("the process did not end within " + KILL_WAIT_MILLIS + " ms of being killed");
    }
    anomalies.addAll(pumps.anomalies());
    pumps.failure().ifPresent(e -> anomalies.add("reading the output failed: " + e.getMessage()));

    ExecuteException failure = handler.hasResult() ? handler.getException() : null;
    if (failure != null && failure.getCause() instanceof IOException cause) {
      throw new ExecutionException("cannot start " + program + ": " + cause.getMessage(), failure);
    }
    Optional<IOException> captureFailure = pumps.writeFailure().or(() -> closeFailures.stream().findFirst());
    if (captureFailure.isPresent()) {
      ExecutionException broken = new ExecutionException("the output of " + program.getFileName()
          + " could not be captured (the process tree was killed): " + captureFailure.get().getMessage(), captureFailure.get());
      closeFailures.stream().filter(e -> e != captureFailure.get()).forEach(broken::addSuppressed);
      throw broken;
    }
    ProcessResult.Termination termination =
        outputLimit.get()
            ? ProcessResult.Termination.OUTPUT_LIMIT
            : timedOut ? ProcessResult.Termination.TIMED_OUT : ProcessResult.Termination.EXITED;
    int exitCode =
        termination != ProcessResult.Termination.EXITED
            ? -1
            : handler.hasResult() ? handler.getExitValue() : -1;
    return ProcessResult.builder()
        .exitCode(exitCode)
        .termination(termination)
        .runtime(Duration.ofNanos(end - start))
        .stdout(stdout.result())
        .stderr(stderr.result())
        .anomalies(anomalies)
        .build();
  }

  /** Waits for the process, the pumps and the executor thread; closes the captures. */
  private static boolean finish(
      CountDownLatch ended, DefaultExecuteResultHandler handler, List<Thread> threads, CapturePumps pumps,
      StreamCapture stdout, StreamCapture stderr, List<IOException> closeFailures) {
    boolean interrupted = Thread.interrupted();
    boolean done = true;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(KILL_WAIT_MILLIS);
    try {
      while (!handler.hasResult() && System.nanoTime() < deadline) {
        try {
          ended.await(SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      done = handler.hasResult() && pumps.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      for (Thread thread : threads) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        try {
          thread.join(Math.max(1, left));
        } catch (InterruptedException e) {
          interrupted = true;
        }
        done &= !thread.isAlive();
      }
    } finally {
      close(stdout, closeFailures);
      close(stderr, closeFailures);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    return done;
  }

  /** Closes a capture; a failure (the last bytes could not be flushed) is collected. */
  private static void close(StreamCapture capture, List<IOException> failures) {
    try {
      capture.close();
    } catch (IOException e) {
      failures.add(e);
    }
  }

  /** Closes and deletes a capture that will not be used, keeping problems with the failure. */
  private static void discard(StreamCapture capture, Path file, Exception failure) {
    try {
      capture.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  /** Finds the program: a path as given, or a bare name on the environment's PATH. */
  private static Path resolve(String program, Map<String, String> environment) {
    if (program.contains("/")) {
      Path path = Path.of(program).toAbsolutePath();
      if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
        throw new ExecutionException("cannot run " + program + ": not an executable file");
      }
      return path;
    }
    String searchPath = environment.getOrDefault("PATH", "");
    for (String dir : searchPath.split(":")) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate.toAbsolutePath();
      }
    }
    throw new ExecutionException("cannot find " + program + " on PATH " + searchPath);
  }
}
