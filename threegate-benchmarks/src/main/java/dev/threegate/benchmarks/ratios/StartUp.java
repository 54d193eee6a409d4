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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The command line's start-up: {@code threegate --version} and {@code --help}, and a one-shot
 * {@code threegate run} of {@code examples/hello} in bubblewrap against Anthropic's sandbox-runtime
 * ({@code srt}) running the same script with no network. The CLI runs as {@code ./threegate} runs
 * it: the same JVM options and the same class-data archive, which the launcher is asked to make
 * first; the launcher's own shell is left out. {@code srt} is looked for at {@code $SRT}, then on
 * the PATH, and never installed here: without it the ratio is reported as not measured, saying how
 * to install it.
 */
final class StartUp implements Measure {
  /** The launcher's default JVM options; {@link #launcherFlags} checks that the launcher still says so. */
  private static final String DEFAULT_FLAGS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
  private static final List<String> CDS_FLAGS = List.of("-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
  private static final String REQUEST = "TR-20261126-120000Z-hello.md";
  private static final String GREETING = "Hello from the sandbox!";
  private static final int SHORT_RUNS = 10;
  private static final int RUNS = 7;
  private static final long TIMEOUT_SECONDS = 30;

  @Override
  public String name() {
    return "startup";
  }

  @Override
  public List<Ratio> measure(Path work, Setup setup) throws Exception {
    Path hello = setup.root().resolve("examples/hello");
    List<String> java = javaCommand(setup, work);
    List<Ratio> lines = new ArrayList<>();
    for (String flag : List.of("--version", "--help")) {
      List<String> command = with(java, flag);
      run(command, work, "warm-up " + flag);
      long[] nanos = new long[SHORT_RUNS];
      for (int i = 0; i < SHORT_RUNS; i++) {
        nanos[i] = run(command, work, flag);
      }
      double ms = Stats.medianMillis(nanos);
      System.err.printf(Locale.ROOT, "threegate %s: median %.1f ms of %d%n", flag, ms, SHORT_RUNS);
      lines.add(new Ratio("threegate " + flag + " (median of " + SHORT_RUNS + ")", ms, "ms", "wall time of the whole JVM", "< 200 ms",
          ms < 200, ms < 200 ? "" : "the JVM's own start and the class loading of the command line (java -Xlog:class+load); "
              + load()));
    }

    long[] gate = new long[RUNS];
    run(runCommand(java, hello, work.resolve("warm-up")), work, "warm-up run");
    for (int i = 0; i < RUNS; i++) {
      gate[i] = run(runCommand(java, hello, work.resolve("results-" + i)), work, "run");
    }
    double gateMs = Stats.medianMillis(gate);
    System.err.printf(Locale.ROOT, "threegate run: median %.1f ms of %d%n", gateMs, RUNS);

    Optional<Path> srt = srt();
    String runMeasure = "one-shot threegate run of examples/hello, bubblewrap (median of " + RUNS + ")";
    if (srt.isEmpty()) {
      lines.add(new Ratio(runMeasure, Double.NaN, "x",
          String.format(Locale.ROOT, "srt: not measured, no srt at $SRT or on the PATH (threegate run: %.0f ms); install it outside "
              + "the repository with: npm install --prefix /tmp/srt @anthropic-ai/sandbox-runtime (it needs bubblewrap, socat "
              + "and ripgrep), then SRT=/tmp/srt/node_modules/.bin/srt", gateMs),
          "<= 0.50x", false, "not measured"));
      return lines;
    }
    Path settings = Files.writeString(work.resolve("srt-settings.json"),
        "{\"network\": {\"allowedDomains\": [], \"deniedDomains\": []},"
            + " \"filesystem\": {\"denyRead\": [], \"allowWrite\": [], \"denyWrite\": []}}\n");
    List<String> srtCommand = List.of(srt.get().toString(), "--settings", settings.toString(), "-c",
        "/usr/bin/python3 " + shellQuoted(hello.resolve("hello.py").toString()));
    run(srtCommand, work, "warm-up srt");
    long[] baseline = new long[RUNS];
    for (int i = 0; i < RUNS; i++) {
      baseline[i] = run(srtCommand, work, "srt");
    }
    double srtMs = Stats.medianMillis(baseline);
    System.err.printf(Locale.ROOT, "srt: median %.1f ms of %d%n", srtMs, RUNS);
    double ratio = gateMs / srtMs;
    lines.add(new Ratio(runMeasure, ratio, "x",
        String.format(Locale.ROOT, "srt -c '/usr/bin/python3 hello.py', no network: %.0f ms (threegate run: %.0f ms)", srtMs, gateMs),
        "<= 0.50x", ratio <= 0.5, ratio <= 0.5 ? ""
            : String.format(Locale.ROOT, "the JVM: --version alone takes %.0f ms; picocli's model of the command line (Java 5 "
                + "classes, outside the class-data archive), the request's parsing and judging, bubblewrap's probes and the "
                + "result's writing the rest; %s", lines.get(0).value(), load())));
    return lines;
  }

  /** {@code java} with the launcher's options and archive, made by the launcher if it is missing. */
  private static List<String> javaCommand(Setup setup, Path work) throws IOException, InterruptedException {
    Path launcher = setup.root().resolve("threegate");
    List<String> command = new ArrayList<>(List.of("java"));
    List<String> flags = launcherFlags(launcher);
    run(List.of(launcher.toString(), "--version"), work, "the launcher, which makes the class-data archive"); // once
    Optional<Path> archive;
    try (Stream<Path> files = Files.list(setup.cliJar().getParent())) {
      String prefix = setup.cliJar().getFileName().toString().replaceFirst("\\.jar$", "-");
      archive = files.filter(p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(".jsa"))
          .max(Comparator.comparing(p -> p.toFile().lastModified()));
    }
    if (archive.isPresent()) {
      command.add("-XX:SharedArchiveFile=" + archive.get());
      command.addAll(CDS_FLAGS);
      System.err.println("class-data archive: " + archive.get());
    } else {
      System.err.println("no class-data archive beside " + setup.cliJar() + ": measured without one, as the launcher then runs");
    }
    command.addAll(flags); // after the archive's options, as the launcher puts $JAVA_OPTS
    command.addAll(List.of("-jar", setup.cliJar().toString()));
    return List.copyOf(command);
  }

  /** The launcher's default JVM options, or $JAVA_OPTS as it would use them. */
  private static List<String> launcherFlags(Path launcher) throws IOException {
    String script = Files.readString(launcher, StandardCharsets.UTF_8);
    if (!script.contains("${JAVA_OPTS:-" + DEFAULT_FLAGS + "}") || !CDS_FLAGS.stream().allMatch(script::contains)) {
      throw new IllegalStateException(launcher + " no longer starts java with " + DEFAULT_FLAGS + " and " + CDS_FLAGS
          + ": change StartUp as the launcher changed");
    }
    String opts = System.getenv().getOrDefault("JAVA_OPTS", "");
    return Arrays.asList((opts.isBlank() ? DEFAULT_FLAGS : opts).trim().split("\\s+"));
  }

  private static List<String> runCommand(List<String> java, Path hello, Path results) {
    return with(java, "run", "--request", hello.resolve(REQUEST).toString(), "--inputs-dir", hello.toString(), "--backend",
        "bubblewrap", "--results-dir", results.toString());
  }

  private static List<String> with(List<String> command, String... more) {
    List<String> all = new ArrayList<>(command);
    all.addAll(List.of(more));
    return all;
  }

  /** The load average now, against the CPUs: start-up times grow with it. */
  private static String load() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).split(" ");
      return "load " + fields[0] + " on " + Runtime.getRuntime().availableProcessors() + " CPUs at the end of the measure";
    } catch (IOException | RuntimeException e) {
      return "load unknown";
    }
  }

  /** {@code $SRT}, else {@code srt} on the PATH. */
  private static Optional<Path> srt() {
    String given = System.getenv("SRT");
    if (given != null && !given.isBlank()) {
      Path p = Path.of(given);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "srt"))) {
        return Optional.of(Path.of(dir, "srt"));
      }
    }
    return Optional.empty();
  }

  private static String shellQuoted(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /**
   * Runs a command to its end, its output to files in {@code work}, and returns its wall time.
   *
   * @throws IllegalStateException if it fails, or for srt, if the script's greeting is missing
   */
  private static long run(List<String> command, Path work, String what) throws IOException, InterruptedException {
    Path out = work.resolve("out.txt");
    Path err = work.resolve("err.txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectInput(ProcessBuilder.Redirect.from(
        Path.of("/dev/null").toFile())).redirectOutput(out.toFile()).redirectError(err.toFile());
    long t0 = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(what + " did not end in " + TIMEOUT_SECONDS + " s: " + command);
    }
    long nanos = System.nanoTime() - t0;
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    if (process.exitValue() != 0 || (what.endsWith("srt") && !stdout.contains(GREETING))) {
      throw new IllegalStateException(what + " failed (exit code " + process.exitValue() + "): " + command + "\n" + stdout
          + Files.readString(err, StandardCharsets.UTF_8));
    }
    return nanos;
  }
}
