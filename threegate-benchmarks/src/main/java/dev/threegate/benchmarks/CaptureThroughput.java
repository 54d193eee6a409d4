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

import dev.threegate.exec.StreamCapture;
import dev.threegate.process.ProcessResult;
import dev.threegate.process.ProcessRunner;
import dev.threegate.process.ProcessSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Capture throughput for a 1 GiB stream, compared with {@code sha256sum} on the same bytes, and
 * the heap it needs. Run it with a small heap ({@code -Xmx64m}) to show that memory does not grow
 * with the stream. Prints one line per measurement.
 */
public final class CaptureThroughput {
  private static final long GIB = 1L << 30;

  private CaptureThroughput() {}

  /**
   * Runs the measurement.
   *
   * @param args ignored
   * @throws Exception if a measurement fails
   */
  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("threegate-capture-");
    try {
      byte[] block = new byte[1 << 20];
      new Random(42).nextBytes(block);
      Path source = dir.resolve("source.bin");
      try (OutputStream out = Files.newOutputStream(source)) {
        for (long written = 0; written < GIB; written += block.length) {
          out.write(block);
        }
      }
      for (int round = 1; round <= 3; round++) {
        double sha256sum = sha256sum(source, dir);
        double capture = capture(block, dir.resolve("capture-" + round));
        double pipe = throughProcess(source, dir, round);
        System.out.printf("round %d: sha256sum %.0f MiB/s; StreamCapture %.0f MiB/s (%.0f %%); from a process through ProcessRunner %.0f MiB/s (%.0f %%)%n",
            round, sha256sum, capture, 100 * capture / sha256sum, pipe, 100 * pipe / sha256sum);
      }
      System.out.printf("max heap %d MiB; peak heap used %d MiB%n", Runtime.getRuntime().maxMemory() >> 20, peakHeap() >> 20);
    } finally {
      WriterBenchmarks.delete(dir);
    }
  }

  /** 1 GiB of the same block through a capture: file + SHA-256 + line count + head. */
  private static double capture(byte[] block, Path file) throws IOException {
    long start = System.nanoTime();
    StreamCapture capture = StreamCapture.open(file, 2 * GIB, () -> {});
    try (capture) {
      for (long written = 0; written < GIB; written += block.length) {
        capture.write(block, 0, block.length);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (capture.result().bytes() != GIB) {
      throw new IllegalStateException("captured " + capture.result().bytes());
    }
    Files.delete(file);
    return 1024 / seconds;
  }

  /** {@code cat} of the 1 GiB file, captured through the process runner's pipes. */
  private static double throughProcess(Path source, Path dir, int round) {
    long start = System.nanoTime();
    ProcessResult result = ProcessRunner.standard().run(ProcessSpec.builder()
        .command(List.of("/bin/cat", source.toString()))
        .workingDirectory(dir)
        .environment(Map.of("PATH", "/usr/bin:/bin"))
        .timeout(Duration.ofMinutes(5))
        .stdoutFile(dir.resolve("out-" + round))
        .stderrFile(dir.resolve("err-" + round))
        .maxOutputBytes(2 * GIB)
        .build());
    double seconds = (System.nanoTime() - start) / 1e9;
    if (result.stdout().bytes() != GIB) {
      throw new IllegalStateException("captured " + result.stdout().bytes());
    }
    try {
      Files.delete(result.stdout().file());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return 1024 / seconds;
  }

  private static double sha256sum(Path source, Path dir) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process process = new ProcessBuilder("sha256sum", source.toString()).redirectOutput(dir.resolve("sum").toFile()).start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException("sha256sum failed");
    }
    return 1024 / ((System.nanoTime() - start) / 1e9);
  }

  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
