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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The gate's own cost against what it wraps, in one run: each measure's figures as ratios against
 * baselines measured in the same run, with the target and, where it is missed, the measured cause.
 * Run by {@code threegate-benchmarks/ratios [name ...]}; prints a Markdown table on standard output
 * and progress on standard error. Exits 1 when a measure could not run, else 0.
 */
public final class Ratios {
  private Ratios() {}

  /** The measures, in the order they run. */
  static List<Measure> all() {
    return List.of(
        new EraLane(),
        new DurablePipeline(),
        new RunDirSandbox(),
        new StartUp(),
        new ArchiveScale());
  }

  /**
   * Runs the measures named in the arguments, or all of them.
   *
   * @param args the project root, then optionally measure names
   * @throws IOException if the work directory cannot be made
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: Ratios ROOT [MEASURE ...]; measures: " + all().stream().map(Measure::name).toList());
      System.exit(64);
    }
    Path root = Path.of(args[0]).toAbsolutePath().normalize();
    Path workRoot = Path.of(System.getProperty("java.io.tmpdir"));
    Setup setup = new Setup(root, root.resolve("threegate-cli/target/threegate.jar"), workRoot);
    List<String> names = List.of(args).subList(1, args.length);
    Map<String, Measure> byName = new LinkedHashMap<>();
    all().forEach(m -> byName.put(m.name(), m));
    for (String name : names) {
      if (!byName.containsKey(name)) {
        System.err.println("no measure named " + name + "; measures: " + byName.keySet());
        System.exit(64);
      }
    }
    List<Ratio> lines = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    long started = System.nanoTime();
    for (Measure measure : byName.values()) {
      if (!names.isEmpty() && !names.contains(measure.name())) {
        continue;
      }
      Path work = Files.createTempDirectory(workRoot, "ratios-" + measure.name() + "-");
      long t0 = System.nanoTime();
      System.err.println("== " + measure.name());
      try {
        lines.addAll(measure.measure(work, setup));
      } catch (Exception e) {
        failures.add(measure.name() + ": " + e);
        e.printStackTrace();
      } finally {
        delete(work);
      }
      System.err.printf(Locale.ROOT, "== %s took %.1f s%n", measure.name(), (System.nanoTime() - t0) / 1e9);
    }
    System.out.println("| measure | figure | compared with | target | met | cause of a gap |");
    System.out.println("|---|---|---|---|---|---|");
    for (Ratio r : lines) {
      System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", r.measure(), r.figure(), r.comparedWith(), r.target(),
          r.met() ? "yes" : "**no**", r.cause());
    }
    System.out.printf(Locale.ROOT, "%nall measures took %.1f s%n", (System.nanoTime() - started) / 1e9);
    for (String failure : failures) {
      System.out.println("could not measure: " + failure);
    }
    System.exit(failures.isEmpty() ? 0 : 1);
  }

  static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e);
    }
  }
}
