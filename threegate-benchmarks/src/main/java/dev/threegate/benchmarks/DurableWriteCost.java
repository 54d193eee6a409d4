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
package dev.threegate.benchmarks;

import dev.threegate.exec.EffectiveLimits;
import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.request.ToolRequest;
import dev.threegate.request.ToolRequestParser;
import dev.threegate.result.ToolResultWriter;
import dev.threegate.testkit.FakeExecutor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * What durability costs: the time to write a small Tool Result (stdout, stderr, one artifact,
 * everything forced to the device), and the raw cost of one file written with and without
 * {@code force} plus a directory {@code force}, in the same directory. A plain measured loop, not
 * JMH: {@code java -cp threegate-benchmarks/target/benchmarks.jar
 * dev.threegate.benchmarks.DurableWriteCost <dir> [writes]}.
 */
public final class DurableWriteCost {
  private DurableWriteCost() {}

  /**
   * Runs the measurement.
   *
   * @param args the directory to write in, and optionally the number of writes (default 300)
   * @throws IOException if the directory cannot be used
   */
  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory(Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir")), "durable-");
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    ToolRequest base = ToolRequestParser.standard().parse("TR.md", Fixtures.typical());
    Path run = Files.createDirectories(dir.resolve("run"));
    ExecutionResult result = FakeExecutor.builder().stdout("mean 3.5\nmedian 3\n").file("stats.json", "{\"mean\": 3.5}").build()
        .execute(ExecutionSpec.builder()
            .request(base)
            .inputsDir(Files.createDirectories(run.resolve("in")))
            .outputsDir(Files.createDirectories(run.resolve("out")))
            .scratchDir(Files.createDirectories(run.resolve("scratch")))
            .limits(EffectiveLimits.builder()
                .cpu(1)
                .memoryMb(512)
                .time(Duration.ofSeconds(60))
                .maxOutputBytes(1 << 20)
                .build())
            .build());
    Path results = Files.createDirectories(dir.resolve("results"));
    long[] writes = new long[n];
    for (int i = 0; i < n; i++) {
      ToolRequest request = WriterBenchmarks.withId(base, "TR-durable-" + i);
      long start = System.nanoTime();
      ToolResultWriter.standard().write(request, result, results);
      writes[i] = System.nanoTime() - start;
    }
    report("write a small Tool Result", writes);
    Path raw = Files.createDirectories(dir.resolve("raw"));
    for (boolean force : new boolean[] {false, true}) {
      long[] times = new long[n];
      for (int i = 0; i < n; i++) {
        long start = System.nanoTime();
        try (FileChannel file = FileChannel.open(raw.resolve(force + "-" + i), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          file.write(ByteBuffer.wrap(new byte[2048]));
          if (force) {
            file.force(true);
          }
        }
        if (force) {
          try (FileChannel directory = FileChannel.open(raw, StandardOpenOption.READ)) {
            directory.force(true);
          }
        }
        times[i] = System.nanoTime() - start;
      }
      report(force ? "2 KiB file, force, directory force" : "2 KiB file, no force", times);
    }
    WriterBenchmarks.delete(dir);
  }

  private static void report(String what, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "%-36s median %.3f ms, p90 %.3f ms, p99 %.3f ms (%d runs)%n", what,
        sorted[sorted.length / 2] / 1e6, sorted[sorted.length * 9 / 10] / 1e6, sorted[sorted.length * 99 / 100] / 1e6,
        sorted.length);
  }
}
