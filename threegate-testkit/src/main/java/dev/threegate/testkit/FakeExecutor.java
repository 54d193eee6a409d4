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
package dev.threegate.testkit;

import dev.threegate.exec.BackendInfo;
import dev.threegate.exec.Capabilities;
import dev.threegate.exec.CapturedStream;
import dev.threegate.exec.EffectiveLimits;
import dev.threegate.exec.ExecutionException;
import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.exec.ExecutionStatus;
import dev.threegate.exec.Executor;
import dev.threegate.exec.Isolation;
import dev.threegate.exec.LimitEnforcement;
import dev.threegate.exec.NetworkEnforcement;
import dev.threegate.exec.OutputFiles;
import dev.threegate.exec.StreamCapture;
import dev.threegate.request.Backend;
import dev.threegate.request.Command;
import dev.threegate.request.Language;
import dev.threegate.request.ToolRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An {@link Executor} for unit tests, shaped like OkHttp's MockWebServer: script its answers, run
 * the code under test, then inspect what it was asked. It runs nothing: each answer is written for
 * real through {@link StreamCapture} and into {@code /out}, so the results carry true sizes and
 * SHA-256 and the real writer and validator work on them unchanged. Thread-safe.
 *
 * <pre>{@code
 * FakeExecutor fake = FakeExecutor.builder().stdout("hello\n").build();       // a fixed answer
 * FakeExecutor queued = FakeExecutor.builder().build()
 *     .enqueue(FakeExecutor.answer().stdout("first\n"))
 *     .enqueue(FakeExecutor.answer().exitCode(2).stderr("boom\n"));          // in order, then the default
 * FakeExecutor scripted = FakeExecutor.builder()
 *     .respond(spec -> FakeExecutor.answer().stdout(spec.request().command())).build();
 * ...
 * FakeExecutor.Execution first = fake.takeExecution();                       // what it was asked
 * }</pre>
 *
 * <p>Its backend is named {@code fake} and stands in for ERA ({@link Builder#kind(Backend)}); by
 * default it declares microVM isolation, every language, file inputs and outputs, so that any
 * policy lets requests through to it (set {@link
 * Builder#capabilities(Capabilities)} to test capability rejections).
 */
public final class FakeExecutor implements Executor {
  private final BackendInfo backend;
  private final Function<ExecutionSpec, Answer> responder;
  private final Queue<Answer> queue = new ConcurrentLinkedQueue<>();
  private final List<Execution> executions = new CopyOnWriteArrayList<>();
  private final BlockingQueue<Execution> untaken = new LinkedBlockingQueue<>();

  private FakeExecutor(Builder builder, Function<ExecutionSpec, Answer> responder) {
    this.backend = BackendInfo.builder()
        .name("fake")
        .version("1")
        .capabilities(builder.capabilities)
        .kind(builder.kind)
        .build();
    this.responder = responder;
  }

  /**
   * A builder whose default answer is an empty, successful run.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A new answer: an empty, successful run. Set what it should hold.
   *
   * @return a new answer
   */
  public static Answer answer() {
    return new Answer();
  }

  /**
   * Queues an answer for the next execution; queued answers are used in order before the default.
   *
   * @param answer the answer
   * @return this fake
   */
  public FakeExecutor enqueue(Answer answer) {
    queue.add(Objects.requireNonNull(answer, "answer").copy());
    return this;
  }

  @Override
  public BackendInfo backend() {
    return backend;
  }

  @Override
  public ExecutionResult execute(ExecutionSpec spec) {
    Objects.requireNonNull(spec, "spec");
    Execution execution = new Execution(spec.request(), spec.limits(), inputsOf(spec.inputsDir()));
    executions.add(execution);
    untaken.add(execution);
    Answer answer = Optional.ofNullable(queue.poll()).orElseGet(() -> Objects.requireNonNull(responder.apply(spec), "responder returned null"));
    if (!answer.latency.isZero()) {
      try {
        Thread.sleep(answer.latency.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ExecutionException("interrupted during the fake's latency", e);
      }
    }
    if (answer.failure != null) {
      throw new ExecutionException(answer.failure);
    }
    try {
      CapturedStream stdout = capture(spec, "stdout", answer.stdout);
      CapturedStream stderr = capture(spec, "stderr", answer.stderr);
      for (Map.Entry<String, byte[]> file : answer.files.entrySet()) {
        Path target = spec.outputsDir().resolve(file.getKey()).normalize();
        if (!target.startsWith(spec.outputsDir())) {
          throw new IllegalArgumentException("a fake output must stay inside /out: " + file.getKey());
        }
        Files.createDirectories(target.getParent());
        Files.write(target, file.getValue());
      }
      OutputFiles out = OutputFiles.collect(spec.outputsDir(), spec.limits().outputs());
      ExecutionStatus status = stdout.truncated() || stderr.truncated() ? ExecutionStatus.OUTPUT_LIMIT : answer.status;
      int exitCode = status == ExecutionStatus.OUTPUT_LIMIT || status == ExecutionStatus.TIMED_OUT ? -1 : answer.exitCode;
      return ExecutionResult.builder()
          .status(status)
          .exitCode(exitCode)
          .runtime(answer.runtime)
          .stdout(stdout)
          .stderr(stderr)
          .artifacts(out.artifacts())
          .backend(backend)
          .limits(java.util.stream.Stream.concat(
              java.util.stream.Stream.of(
                  new LimitEnforcement("time_sec", spec.limits().time().toSeconds(), "fake (nothing ran)"),
                  new LimitEnforcement("output_bytes", spec.limits().maxOutputBytes(), "threegate capture cap")),
              out.limits().stream()).toList())
          .network(NetworkEnforcement.BACKEND)
          .anomalies(out.anomalies())
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CapturedStream capture(ExecutionSpec spec, String name, byte[] bytes) throws IOException {
    StreamCapture capture = StreamCapture.open(spec.scratchDir().resolve("fake-" + name + "-" + System.nanoTime()), spec.limits().maxOutputBytes(), () -> {});
    try (capture) {
      capture.write(bytes);
    }
    return capture.result();
  }

  private static Map<String, String> inputsOf(Path inputsDir) {
    Map<String, String> inputs = new TreeMap<>();
    if (!Files.isDirectory(inputsDir)) {
      return inputs;
    }
    try (var files = Files.list(inputsDir)) {
      for (Path file : files.toList()) {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          inputs.put(file.getFileName().toString(), OutputFiles.sha256(file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return inputs;
  }

  /**
   * Every execution so far, in order.
   *
   * @return the executions
   */
  public List<Execution> executions() {
    return List.copyOf(executions);
  }

  /**
   * The next execution not yet taken, waiting up to 10 seconds for one.
   *
   * @return the execution
   * @throws AssertionError if none came within 10 seconds
   */
  public Execution takeExecution() {
    try {
      Execution next = untaken.poll(10, TimeUnit.SECONDS);
      if (next == null) {
        throw new AssertionError("the fake executor was not asked to run anything within 10 seconds");
      }
      return next;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for an execution", e);
    }
  }

  /**
   * What the fake was asked to run.
   *
   * @param request the approved request
   * @param limits the effective limits
   * @param inputs the staged inputs it saw under {@code /in}: name to SHA-256
   */
  public record Execution(ToolRequest request, EffectiveLimits limits, Map<String, String> inputs) {
    /**
     * Checks and copies the components.
     *
     * @param request the request
     * @param limits the limits
     * @param inputs the inputs seen
     */
    public Execution {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(limits, "limits");
      inputs = Map.copyOf(inputs);
    }

    /**
     * The command that was asked for.
     *
     * @return the request's command
     */
    public String command() {
      return request.command();
    }

    /**
     * The argv a real executor would have run: the command's words under the {@link Command}
     * grammar.
     *
     * @return the argv
     */
    public List<String> argv() {
      return Command.parse(request.command()).argv();
    }
  }

  /** One scripted answer: what the "tool" printed, left in {@code /out} and how it ended. */
  public static final class Answer {
    private byte[] stdout = new byte[0];
    private byte[] stderr = new byte[0];
    private int exitCode;
    private ExecutionStatus status = ExecutionStatus.COMPLETED;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private Duration latency = Duration.ZERO;
    private Duration runtime = Duration.ofMillis(10);
    private String failure;

    private Answer() {}

    private Answer copy() {
      Answer copy = new Answer();
      copy.stdout = stdout.clone();
      copy.stderr = stderr.clone();
      copy.exitCode = exitCode;
      copy.status = status;
      files.forEach((k, v) -> copy.files.put(k, v.clone()));
      copy.latency = latency;
      copy.runtime = runtime;
      copy.failure = failure;
      return copy;
    }

    /**
     * Sets the standard output.
     *
     * @param text UTF-8 text
     * @return this answer
     */
    public Answer stdout(String text) {
      return stdout(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sets the standard output.
     *
     * @param bytes the bytes
     * @return this answer
     */
    public Answer stdout(byte[] bytes) {
      stdout = bytes.clone();
      return this;
    }

    /**
     * Sets the standard error.
     *
     * @param text UTF-8 text
     * @return this answer
     */
    public Answer stderr(String text) {
      stderr = text.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    /**
     * Ends the run with an exit code: 0 is {@code completed}, anything else {@code nonzero_exit}.
     *
     * @param code the exit code
     * @return this answer
     */
    public Answer exitCode(int code) {
      exitCode = code;
      status = code == 0 ? ExecutionStatus.COMPLETED : ExecutionStatus.NONZERO_EXIT;
      return this;
    }

    /**
     * Ends the run as a timeout: status {@code timed_out}, exit code -1.
     *
     * @return this answer
     */
    public Answer timedOut() {
      status = ExecutionStatus.TIMED_OUT;
      exitCode = -1;
      return this;
    }

    /**
     * Ends the run as killed (for example by a memory limit): status {@code killed}, exit code 137.
     *
     * @return this answer
     */
    public Answer killed() {
      status = ExecutionStatus.KILLED;
      exitCode = 137;
      return this;
    }

    /**
     * Prints more than the output cap on stdout, so the run stops at the cap ({@code output_limit}).
     *
     * @param limits the limits of the run, for the cap
     * @return this answer
     */
    public Answer overflowing(EffectiveLimits limits) {
      return stdout(new byte[(int) Math.min(Integer.MAX_VALUE - 8, limits.maxOutputBytes() + 1)]);
    }

    /**
     * Leaves a file in {@code /out}.
     *
     * @param name its path relative to {@code /out}
     * @param content its bytes
     * @return this answer
     */
    public Answer file(String name, byte[] content) {
      files.put(Objects.requireNonNull(name, "name"), content.clone());
      return this;
    }

    /**
     * Leaves a text file in {@code /out}.
     *
     * @param name its path relative to {@code /out}
     * @param text its UTF-8 content
     * @return this answer
     */
    public Answer file(String name, String text) {
      return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Waits before answering, as a real sandbox would take time.
     *
     * @param value the delay
     * @return this answer
     */
    public Answer latency(Duration value) {
      latency = Objects.requireNonNull(value, "latency");
      runtime = runtime.plus(value);
      return this;
    }

    /**
     * Fails as broken infrastructure: {@code execute} throws an {@link ExecutionException}.
     *
     * @param message the failure's message
     * @return this answer
     */
    public Answer infrastructureFailure(String message) {
      failure = Objects.requireNonNull(message, "message");
      return this;
    }
  }

  /** Builds a {@link FakeExecutor}. */
  public static final class Builder {
    private final Answer fixed = new Answer();
    private Optional<Function<ExecutionSpec, Answer>> responder = Optional.empty();
    private Capabilities capabilities =
        Capabilities.builder(Isolation.MICROVM)
            .languages(EnumSet.allOf(Language.class))
            .maxCommandBytes(64 * 1024)
            .fileInputs(true)
            .fileOutputs(true)
            .build();
    private Backend kind = Backend.ERA;

    private Builder() {}

    /**
     * Sets the backend the fake stands in for: requests naming another are rejected unless the
     * policy allows the substitution. Default: {@link Backend#ERA}, the backend a request names
     * when it names none.
     *
     * @param value the backend
     * @return this builder
     */
    public Builder kind(Backend value) {
      Objects.requireNonNull(value, "kind");
      if (value == Backend.MONTY) {
        throw new IllegalArgumentException("no executor runs the Monty lane");
      }
      kind = value;
      return this;
    }

    /**
     * Sets the default answer's stdout.
     *
     * @param text UTF-8 text
     * @return this builder
     */
    public Builder stdout(String text) {
      fixed.stdout(text);
      return this;
    }

    /**
     * Sets the default answer's stderr.
     *
     * @param text UTF-8 text
     * @return this builder
     */
    public Builder stderr(String text) {
      fixed.stderr(text);
      return this;
    }

    /**
     * Sets the default answer's exit code.
     *
     * @param code the exit code
     * @return this builder
     */
    public Builder exitCode(int code) {
      fixed.exitCode(code);
      return this;
    }

    /**
     * Adds a file to the default answer's {@code /out}.
     *
     * @param name its path relative to {@code /out}
     * @param text its UTF-8 content
     * @return this builder
     */
    public Builder file(String name, String text) {
      fixed.file(name, text);
      return this;
    }

    /**
     * Answers every execution that has no queued answer with a function of what was asked.
     *
     * @param value the function; it must not return {@code null}
     * @return this builder
     */
    public Builder respond(Function<ExecutionSpec, Answer> value) {
      responder = Optional.of(Objects.requireNonNull(value, "respond"));
      return this;
    }

    /**
     * Sets what the fake declares it can honour.
     *
     * @param value the capabilities
     * @return this builder
     */
    public Builder capabilities(Capabilities value) {
      capabilities = Objects.requireNonNull(value, "capabilities");
      return this;
    }

    /**
     * Builds the fake.
     *
     * @return the fake
     */
    public FakeExecutor build() {
      Answer snapshot = fixed.copy();
      return new FakeExecutor(this, responder.orElse(spec -> snapshot.copy()));
    }
  }
}
