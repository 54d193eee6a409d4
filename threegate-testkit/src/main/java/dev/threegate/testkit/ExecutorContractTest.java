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

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.threegate.exec.Artifact;
import dev.threegate.exec.EffectiveLimits;
import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.exec.ExecutionStatus;
import dev.threegate.exec.Executor;
import dev.threegate.request.ToolRequest;
import dev.threegate.request.ToolRequestParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link Executor} must keep, as an abstract JUnit 5 class: extend it, return
 * your executor from {@link #executor()}, and, if your sandbox cannot run the default {@code
 * python3} commands, override {@link #command(Scenario, String)}. The tests call {@code execute} directly
 * with real directories and check that exit codes are data, timeouts end in time and are marked,
 * the output cap holds, files left in {@code /out} are collected with correct hashes, the staged
 * inputs are never changed, the executor can be used from several threads, and nothing it started
 * is left running.
 */
public abstract class ExecutorContractTest {
  /** A fresh directory for each test. */
  @TempDir protected Path temp;

  /** A marker carried by every command, so leftover processes can be found. */
  protected final String marker = "threegate-contract-" + UUID.randomUUID().toString().substring(0, 8);

  private final AtomicInteger runs = new AtomicInteger();

  /** Creates the contract test. */
  protected ExecutorContractTest() {}

  /**
   * The executor under test.
   *
   * @return the executor
   */
  protected abstract Executor executor();

  /** What a contract command does. */
  public enum Scenario {
    /** Prints {@code hello} and a line feed, exits 0. */
    PRINT_HELLO,
    /** Exits with code 3. */
    EXIT_3,
    /** Sleeps far longer than the time limit. */
    SLEEP,
    /** Writes {@code result} and a line feed to {@code /out/result.txt}. */
    WRITE_OUTPUT,
    /** Prints without end. */
    FLOOD_STDOUT,
    /** Prints the content of {@code /in/input.txt}. */
    READ_INPUT,
    /** Tries to append to {@code /in/input.txt}. */
    WRITE_INPUT,
    /**
     * Prints, as one JSON array on one line, the words it received after its own code: {@link
     * #ARGV_WORDS} then the marker.
     */
    PRINT_ARGV
  }

  /**
   * The words {@link Scenario#PRINT_ARGV} passes after its code: spaces, both quotes, an empty
   * argument, and every character a shell would expand, glob, split, assign or drop as a comment.
   * Each must arrive exactly as the {@link dev.threegate.request.Command} grammar reads it.
   */
  public static final String ARGV_WORDS =
      "\"two words\" 'say \"hi\"' \"it's\" \"\" {a,b} {x..z} *.csv /usr/bin/ba?h [x] a~b ~ #note key=value"
          + " '$HOME' '$(id)' '`id`' \\n ! --target prod --dry-run 'a  b' '\\'";

  /**
   * The command for a scenario; every command must carry {@code marker} in its arguments. The
   * defaults are {@code python3 -c …} one-liners without shell syntax.
   *
   * @param scenario what the command must do
   * @param marker a word to carry as an extra argument
   * @return the command line
   */
  protected String command(Scenario scenario, String marker) {
    String code =
        switch (scenario) {
          case PRINT_HELLO -> "print('hello')";
          case EXIT_3 -> "raise SystemExit(3)";
          case SLEEP -> "__import__('time').sleep(120)";
          case WRITE_OUTPUT -> "open('/out/result.txt', 'w').write('result' + chr(10))";
          case FLOOD_STDOUT -> "[__import__('sys').stdout.write('x' * 65536) for _ in iter(int, 1)]";
          case READ_INPUT -> "print(open('/in/input.txt').read(), end='')";
          case WRITE_INPUT -> "open('/in/input.txt', 'a').write('tampered')";
          case PRINT_ARGV -> "import sys, json; print(json.dumps(sys.argv[1:]))";
        };
    return "python3 -c \"" + code + "\" " + (scenario == Scenario.PRINT_ARGV ? ARGV_WORDS + " " : "") + marker;
  }

  /**
   * How long past the time limit a timed-out run may take to return. Generous, so that a busy
   * machine cannot fail the test: the scenario sleeps 120 s, so a run that waited for the tool
   * still fails it, and the status must say the deadline fired.
   *
   * @return 30 seconds by default
   */
  protected Duration timeoutSlack() {
    return Duration.ofSeconds(30);
  }

  /**
   * Runs a scenario.
   *
   * @param scenario what to run
   * @param timeLimitSec the time limit
   * @param maxOutputBytes the output cap
   * @return the spec and the result
   */
  protected Run run(Scenario scenario, long timeLimitSec, long maxOutputBytes) {
    ExecutionSpec spec = spec(scenario, timeLimitSec, maxOutputBytes);
    return new Run(spec, executor().execute(spec));
  }

  /**
   * A spec in fresh directories, with {@code input.txt} staged read-only.
   *
   * @param scenario what to run
   * @param timeLimitSec the time limit
   * @param maxOutputBytes the output cap
   * @return the spec
   */
  protected ExecutionSpec spec(Scenario scenario, long timeLimitSec, long maxOutputBytes) {
    try {
      Path dir = Files.createDirectories(temp.resolve("run-" + runs.incrementAndGet()));
      Path in = Files.createDirectory(dir.resolve("in"));
      Files.writeString(in.resolve("input.txt"), "input " + marker + "\n");
      Files.setPosixFilePermissions(in.resolve("input.txt"), PosixFilePermissions.fromString("r--r--r--"));
      Files.setPosixFilePermissions(in, PosixFilePermissions.fromString("r-xr-xr-x"));
      ToolRequests request = ToolRequests.valid().requestId("TR-contract-" + runs.get())
          .command(command(scenario, marker)).timeLimitSec(timeLimitSec);
      if (scenario == Scenario.READ_INPUT || scenario == Scenario.WRITE_INPUT) {
        request.input("input.txt", ("input " + marker + "\n").getBytes(StandardCharsets.UTF_8));
      }
      if (scenario == Scenario.WRITE_OUTPUT) {
        request.output("/out/result.txt", "the result");
      }
      // The contract is about what an executor runs; its Python one-liners hold characters
      // (__import__, `…`) that a request's Markdown would render, so the command is taken as set.
      ToolRequest parsed = request.toRequest();
      return ExecutionSpec.builder()
          .request(parsed)
          .inputsDir(in)
          .outputsDir(Files.createDirectory(dir.resolve("out")))
          .scratchDir(Files.createDirectory(dir.resolve("scratch")))
          .limits(EffectiveLimits.builder()
              .cpu(1)
              .memoryMb(256)
              .time(Duration.ofSeconds(timeLimitSec))
              .maxOutputBytes(maxOutputBytes)
              .build())
          .build();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * A spec and what the executor returned for it.
   *
   * @param spec what was asked
   * @param result what came back
   */
  protected record Run(ExecutionSpec spec, ExecutionResult result) {}

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /**
   * Verifies a successful run's capture.
   *
   * @throws IOException if the capture cannot be read
   */
  @Test
  public void capturesStdoutWithItsHash() throws IOException {
    ExecutionResult result = run(Scenario.PRINT_HELLO, 60, 1 << 20).result();
    assertThat(result.status()).isEqualTo(ExecutionStatus.COMPLETED);
    assertThat(result.exitCode()).isZero();
    assertThat(read(result.stdout().file())).isEqualTo("hello\n");
    assertThat(result.stdout().bytes()).isEqualTo(6);
    assertThat(result.stdout().sha256()).isEqualTo(ToolRequests.sha256(Files.readAllBytes(result.stdout().file())));
    assertThat(result.backend()).isEqualTo(executor().backend());
  }

  /** Verifies that a non-zero exit is data. */
  @Test
  public void treatsANonZeroExitAsData() {
    ExecutionResult result = run(Scenario.EXIT_3, 60, 1 << 20).result();
    assertThat(result.status()).isEqualTo(ExecutionStatus.NONZERO_EXIT);
    assertThat(result.exitCode()).isEqualTo(3);
  }

  /** Verifies that a timeout ends in time and is marked. */
  @Test
  public void endsATimeoutInTimeAndMarksIt() {
    long start = System.nanoTime();
    ExecutionResult result = run(Scenario.SLEEP, 1, 1 << 20).result();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(result.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(result.exitCode()).isEqualTo(-1);
    assertThat(took).isLessThan(Duration.ofSeconds(1).plus(timeoutSlack()));
  }

  /** Verifies that the output cap holds. */
  @Test
  public void holdsTheOutputCap() {
    long start = System.nanoTime();
    ExecutionResult result = run(Scenario.FLOOD_STDOUT, 30, 256 * 1024).result();
    assertThat(result.status()).isEqualTo(ExecutionStatus.OUTPUT_LIMIT);
    assertThat(result.stdout().bytes()).isLessThanOrEqualTo(256 * 1024);
    assertThat(result.stdout().truncated()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }

  /**
   * Verifies that files left in /out are collected with their hashes.
   *
   * @throws IOException if an artifact cannot be read
   */
  @Test
  public void collectsOutputsWithCorrectHashes() throws IOException {
    assumeTrue(executor().backend().capabilities().fileOutputs(), "this executor collects no files from /out");
    Run run = run(Scenario.WRITE_OUTPUT, 60, 1 << 20);
    assertThat(run.result().status()).isEqualTo(ExecutionStatus.COMPLETED);
    assertThat(run.result().artifacts()).extracting(Artifact::name).containsExactly("result.txt");
    Artifact artifact = run.result().artifacts().get(0);
    assertThat(Files.readAllBytes(artifact.file())).isEqualTo("result\n".getBytes(StandardCharsets.UTF_8));
    assertThat(artifact.bytes()).isEqualTo(7);
    assertThat(artifact.sha256()).isEqualTo(ToolRequests.sha256("result\n".getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Verifies that inputs can be read and the staged copies are never changed.
   *
   * @throws IOException if a file cannot be read
   */
  @Test
  public void readsInputsButNeverChangesThem() throws IOException {
    assumeTrue(executor().backend().capabilities().fileInputs(), "this executor provides no files under /in");
    Run read = run(Scenario.READ_INPUT, 60, 1 << 20);
    assertThat(read(read.result().stdout().file())).isEqualTo("input " + marker + "\n");
    Run write = run(Scenario.WRITE_INPUT, 60, 1 << 20);
    assertThat(read(write.spec().inputsDir().resolve("input.txt"))).isEqualTo("input " + marker + "\n");
    try (var files = Files.list(write.spec().inputsDir())) {
      assertThat(files).hasSize(1);
    }
  }

  /**
   * Verifies that the program receives exactly the argv the policy judged: the words of {@link
   * ExecutionSpec#command()}, however a shell would have read them.
   *
   * @throws IOException if the capture cannot be read
   */
  @Test
  public void runsExactlyTheJudgedArgv() throws IOException {
    Run run = run(Scenario.PRINT_ARGV, 60, 1 << 20);
    assertThat(run.result().status()).as("stderr: %s", read(run.result().stderr().file())).isEqualTo(ExecutionStatus.COMPLETED);
    List<String> argv = run.spec().command().argv();
    assertThat(read(run.result().stdout().file()).strip())
        .isEqualTo(json(argv.subList(3, argv.size())));
  }

  /**
   * A list of strings as Python's {@code json.dumps} writes it (ASCII words only).
   *
   * @param words the words
   * @return the JSON array
   */
  protected static String json(List<String> words) {
    StringBuilder out = new StringBuilder("[");
    for (String word : words) {
      if (out.length() > 1) {
        out.append(", ");
      }
      out.append('"').append(word.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return out.append(']').toString();
  }

  /**
   * Verifies that several threads can use the executor at once.
   *
   * @throws Exception if a run fails
   */
  @Test
  public void canBeUsedFromSeveralThreads() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<ExecutionResult>> futures = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        futures.add(threads.submit(() -> run(Scenario.PRINT_HELLO, 60, 1 << 20).result()));
      }
      for (Future<ExecutionResult> future : futures) {
        ExecutionResult result = future.get();
        assertThat(result.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(read(result.stdout().file())).isEqualTo("hello\n");
      }
    } finally {
      threads.shutdownNow();
    }
  }

  /** Verifies that nothing the executor started outlives {@code execute}. */
  @AfterEach
  public void leavesNothingRunning() {
    assertThat(ProcessHandle.allProcesses()
            .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false)))
        .as("processes left running").isEmpty();
  }
}
