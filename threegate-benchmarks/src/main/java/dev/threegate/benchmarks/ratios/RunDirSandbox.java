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
package dev.threegate.benchmarks.ratios;

import dev.threegate.Batch;
import dev.threegate.BatchReport;
import dev.threegate.Outcome;
import dev.threegate.ToolExecPipeline;
import dev.threegate.bubblewrap.BubblewrapExecutor;
import dev.threegate.bubblewrap.internal.Cgroup;
import dev.threegate.quarantine.Quarantine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The throughput of {@code run-dir} with the bubblewrap backend (docs/cli.md#throughput: copies of
 * {@code examples/hello}, 4 jobs, through {@link Batch}, which {@code run-dir} runs) against the
 * bare sandbox: the very command line the backend gives bwrap, recorded from a run of it (bwrap's
 * argv, its options file and its seccomp program, through a recording {@code bwrap} set with
 * {@link BubblewrapExecutor.Builder#bwrap(Path)}), launched by a shell from Java with the same
 * parallelism, each run in a fresh cgroup of the same limits as the backend's ({@link Cgroup}),
 * output to files. Rounds of each alternate; the line is the ratio of the median throughputs.
 */
public final class RunDirSandbox implements Measure {
  private static final int REQUESTS = 200;
  /** Requests run first and not measured, so that the rounds see compiled code. */
  private static final int WARMUP = 40;
  private static final int JOBS = 4;
  private static final long BUDGET_NANOS = 100_000_000_000L;
  private static final int MAX_ROUNDS = 3;
  private static final double TARGET = 0.9;
  private static final Path BWRAP = Path.of("/usr/bin/bwrap");
  /** The backend's defaults (BubblewrapExecutor.builder()): the process limit of its cgroup. */
  private static final long MAX_PROCESSES = 256;

  @Override
  public String name() {
    return "rundir";
  }

  @Override
  public List<Ratio> measure(Path work, Setup setup) throws Exception {
    BubblewrapExecutor.Availability availability = BubblewrapExecutor.probe();
    if (!availability.available()) {
      throw new IllegalStateException("cannot measure run-dir with bubblewrap: " + availability.message());
    }
    Path example = setup.root().resolve("examples/hello");
    String request = Files.readString(example.resolve("TR-20261126-120000Z-hello.md"), StandardCharsets.UTF_8);
    Recorded recorded = record(work, example, request);
    System.err.println("rundir: the backend runs bwrap " + String.join(" ", recorded.argv) + " with " + recorded.options.size()
        + " options (" + String.join(" ", recorded.options) + ") and a seccomp program of " + recorded.seccomp.length + " bytes");
    long memoryBytes = 256L << 20; // the request's memory_limit_mb
    List<Double> gate = new ArrayList<>();
    List<Double> bare = new ArrayList<>();
    List<Double> gateCpu = new ArrayList<>();
    List<Double> bareCpu = new ArrayList<>();
    runDir(work.resolve("warmup"), example, request, WARMUP);
    bareSandbox(work.resolve("bare-warmup"), example, recorded, memoryBytes, WARMUP);
    long deadline = System.nanoTime() + BUDGET_NANOS;
    for (int round = 0; round < MAX_ROUNDS && (round < 1 || System.nanoTime() < deadline); round++) {
      Round g = runDir(work.resolve("round-" + round), example, request, REQUESTS);
      Round b = bareSandbox(work.resolve("bare-" + round), example, recorded, memoryBytes, REQUESTS);
      gate.add(g.perSecond);
      bare.add(b.perSecond);
      gateCpu.add(g.cpuMillisEach);
      bareCpu.add(b.cpuMillisEach);
      System.err.printf(Locale.ROOT, "rundir: round %d: run-dir %.1f requests/s (JVM CPU %.1f ms each), bare sandbox %.1f runs/s (%.1f ms)%n",
          round, g.perSecond, g.cpuMillisEach, b.perSecond, b.cpuMillisEach);
    }
    double gateRate = Stats.median(gate);
    double bareRate = Stats.median(bare);
    double ratio = gateRate / bareRate;
    boolean met = ratio >= TARGET;
    return List.of(new Ratio(
        "run-dir, bubblewrap, " + REQUESTS + " copies of examples/hello, " + JOBS + " jobs: throughput, median of " + gate.size() + " rounds",
        ratio, "x",
        String.format(Locale.ROOT, "the backend's bwrap command line and interpreter, a cgroup each, %d at once from Java: %.1f runs/s against %.1f requests/s",
            JOBS, bareRate, gateRate),
        String.format(Locale.ROOT, ">= %.1fx", TARGET), met,
        met ? "" : String.format(Locale.ROOT, "the gate's own CPU, %.1f ms per request against %.1f ms for the bare launcher, competes with the "
            + "sandboxes for %d CPUs: parse, validate, stage and hash the input, a process and three threads per run, the scan of "
            + "the process group at its end, the durable result", Stats.median(gateCpu), Stats.median(bareCpu),
            Runtime.getRuntime().availableProcessors())));
  }

  /** One round: runs per second, and the CPU time of this JVM per run in milliseconds. */
  private record Round(double perSecond, double cpuMillisEach) {}

  /** The bwrap command line of one run of the backend, as it reached bwrap. */
  private record Recorded(List<String> argv, List<String> options, byte[] seccomp) {}

  /** Runs one request through the backend with a bwrap that records its command line first. */
  private static Recorded record(Path work, Path example, String request) throws IOException {
    Path dir = Files.createDirectories(work.resolve("record"));
    Path recorder = dir.resolve("bwrap");
    Files.writeString(recorder, "#!/bin/sh\n"
        + "# records the sandbox's command line: bwrap's argv, its options (fd 4) and seccomp program (fd 5)\n"
        + "if [ \"$1\" = --args ]; then\n"
        + "  printf '%s\\0' \"$@\" > '" + dir + "/argv'\n"
        + "  cat /proc/self/fd/4 > '" + dir + "/options'\n"
        + "  if [ -e /proc/self/fd/5 ]; then cat /proc/self/fd/5 > '" + dir + "/seccomp'; else : > '" + dir + "/seccomp'; fi\n"
        + "fi\n"
        + "exec " + BWRAP + " \"$@\"\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(recorder, PosixFilePermissions.fromString("rwx------"));
    Path requests = Files.createDirectories(dir.resolve("requests"));
    Files.writeString(requests.resolve("TR-20261126-120000Z-record.md"), request.replace("TR-20261126-120000Z-hello", "TR-20261126-120000Z-record"),
        StandardCharsets.UTF_8);
    try (ToolExecPipeline pipeline = ToolExecPipeline.builder()
        .executor(BubblewrapExecutor.builder().bwrap(recorder).build())
        .workDirectory(Files.createDirectories(dir.resolve("work")))
        .build()) {
      accepted(Batch.builder(pipeline).requestsDir(requests).resultsDir(dir.resolve("results"))
          .quarantine(Quarantine.in(dir.resolve("quarantine"))).inputsDir(example).parallelism(1).build().run(), 1);
    }
    List<String> argv = nulSeparated(Files.readAllBytes(dir.resolve("argv")));
    List<String> options = nulSeparated(Files.readAllBytes(dir.resolve("options")));
    return new Recorded(argv, options, Files.readAllBytes(dir.resolve("seccomp")));
  }

  /** One round of run-dir: its throughput in requests per second. */
  private static Round runDir(Path dir, Path example, String request, int count) throws IOException {
    Path requests = Files.createDirectories(dir.resolve("requests"));
    for (int i = 0; i < count; i++) {
      String id = String.format(Locale.ROOT, "TR-20261126-120000Z-batch-%03d", i);
      Files.writeString(requests.resolve(id + ".md"), request.replace("TR-20261126-120000Z-hello", id), StandardCharsets.UTF_8);
    }
    // as run-dir builds it: the bubblewrap backend with its defaults, the default policy, a batch of JOBS workers
    try (ToolExecPipeline pipeline = ToolExecPipeline.builder()
        .executor(BubblewrapExecutor.builder().build())
        .workDirectory(Files.createDirectories(dir.resolve("work")))
        .build()) {
      Batch batch = Batch.builder(pipeline).requestsDir(requests).resultsDir(dir.resolve("results"))
          .quarantine(Quarantine.in(dir.resolve("quarantine"))).inputsDir(example).parallelism(JOBS).build();
      long cpu = Stats.jvmCpuNanos();
      long start = System.nanoTime();
      BatchReport report = batch.run();
      long nanos = System.nanoTime() - start;
      accepted(report, count);
      return new Round(count / (nanos / 1e9), (Stats.jvmCpuNanos() - cpu) / 1e6 / count);
    }
  }


  private static void accepted(BatchReport report, int expected) {
    long accepted = report.outcomes().stream().filter(o -> o instanceof Outcome.Accepted a && a.execution().exitCode() == 0).count();
    if (accepted != expected) {
      throw new IllegalStateException("run-dir accepted " + accepted + " of " + expected + " requests with exit 0: "
          + report.outcomes().stream().filter(o -> !(o instanceof Outcome.Accepted)).findFirst().map(Object::toString).orElse(""));
    }
  }

  /**
   * One round of the bare sandbox: each of JOBS threads creates a cgroup, launches {@code sh}, which
   * joins it and execs bwrap with the recorded command line, waits, and removes the cgroup.
   */
  private static Round bareSandbox(Path dir, Path example, Recorded recorded, long memoryBytes, int count) throws Exception {
    List<Path> workers = new ArrayList<>();
    for (int w = 0; w < JOBS; w++) {
      Path worker = Files.createDirectories(dir.resolve("worker-" + w));
      Path in = Files.createDirectories(worker.resolve("in"));
      Files.copy(example.resolve("hello.py"), in.resolve("hello.py"));
      Path out = Files.createDirectories(worker.resolve("out"));
      Files.write(worker.resolve("options"), nul(boundTo(recorded.options, in, out)));
      Files.write(worker.resolve("seccomp"), recorded.seccomp);
      workers.add(worker);
    }
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(JOBS);
    try {
      long cpu = Stats.jvmCpuNanos();
      long start = System.nanoTime();
      List<Future<Integer>> done = new ArrayList<>();
      for (Path worker : workers) {
        done.add(pool.submit(() -> {
          int runs = 0;
          while (next.getAndIncrement() < count) {
            launch(worker, recorded, memoryBytes);
            runs++;
          }
          return runs;
        }));
      }
      int runs = 0;
      for (Future<Integer> f : done) {
        runs += f.get();
      }
      long nanos = System.nanoTime() - start;
      return new Round(runs / (nanos / 1e9), (Stats.jvmCpuNanos() - cpu) / 1e6 / runs);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void launch(Path worker, Recorded recorded, long memoryBytes) throws IOException, InterruptedException {
    Optional<Cgroup> cgroup = Cgroup.create(memoryBytes, MAX_PROCESSES, 1);
    try {
      List<String> command = new ArrayList<>(List.of("/bin/sh", "-c",
          "d=$1; shift; while [ \"$1\" != -- ]; do echo $$ > \"$1\" || exit 125; shift; done; shift; "
              + "exec \"$@\" 3>\"$d/status.json\" 4<\"$d/options\" 5<\"$d/seccomp\"",
          "bare-sandbox", worker.toString()));
      cgroup.ifPresent(c -> c.procsFiles().forEach(p -> command.add(p.toString())));
      command.add("--");
      command.add(BWRAP.toString());
      command.addAll(recorded.argv);
      Process process = new ProcessBuilder(command)
          .directory(worker.toFile())
          .redirectOutput(worker.resolve("stdout").toFile())
          .redirectError(worker.resolve("stderr").toFile())
          .start();
      int exit = process.waitFor();
      if (exit != 0) {
        throw new IllegalStateException("the bare sandbox exited " + exit + ": " + Files.readString(worker.resolve("stderr")));
      }
    } finally {
      cgroup.ifPresent(Cgroup::close);
    }
  }

  /** The recorded options with the run's own /in and /out replaced by a worker's. */
  private static List<String> boundTo(List<String> options, Path in, Path out) {
    List<String> bound = new ArrayList<>(options);
    for (int i = 0; i + 2 < bound.size(); i++) {
      if (bound.get(i).equals("--ro-bind") || bound.get(i).equals("--bind")) {
        if (bound.get(i + 2).equals("/in")) {
          bound.set(i + 1, in.toString());
        } else if (bound.get(i + 2).equals("/out")) {
          bound.set(i + 1, out.toString());
        }
      }
    }
    return bound;
  }

  private static List<String> nulSeparated(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.endsWith("\0")) {
      text = text.substring(0, text.length() - 1);
    }
    return Arrays.asList(text.split("\0", -1));
  }

  private static byte[] nul(List<String> values) {
    StringBuilder out = new StringBuilder();
    for (String value : values) {
      out.append(value).append('\0');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
