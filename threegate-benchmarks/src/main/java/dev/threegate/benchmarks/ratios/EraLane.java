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

import dev.threegate.Outcome;
import dev.threegate.ToolExecPipeline;
import dev.threegate.era.EraExecutor;
import dev.threegate.testkit.AgentSimulator;
import dev.threegate.testkit.ToolRequests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ERA lane's own cost: requests run one after another through the pipeline and {@link
 * EraExecutor} against the testkit's {@code agent} simulator, which records how long each call
 * spent inside {@code agent}; the gate's own time is the wall time minus that. Run without volumes
 * (one {@code vm temp}) and with an input (create, run, clean), on the work directory's file
 * system and, when it exists, on tmpfs ({@code /dev/shm}), where a durable write costs nothing and
 * only the gate's own work remains.
 */
public final class EraLane implements Measure {
  private static final int REQUESTS = 40;
  private static final int WARM_UP = 40;
  private static final double TARGET_MS = 5;

  @Override
  public String name() {
    return "era";
  }

  @Override
  public List<Ratio> measure(Path work, Setup setup) throws Exception {
    List<Ratio> lines = new ArrayList<>();
    String fileSystem = Files.getFileStore(work).type();
    Path shm = Path.of("/dev/shm");
    if (!fileSystem.equals("tmpfs") && Files.isDirectory(shm) && Files.isWritable(shm)) {
      Path tmpfs = Files.createTempDirectory(shm, "ratios-era-");
      try {
        lines.addAll(lane(tmpfs, "tmpfs", false));
      } finally {
        Ratios.delete(tmpfs);
      }
    }
    lines.addAll(lane(work, fileSystem, false));
    lines.addAll(lane(work, fileSystem, true));
    return lines;
  }

  private static List<Ratio> lane(Path work, String fileSystem, boolean volumes) throws IOException {
    List<Ratio> lines = new ArrayList<>();
    Path dir = Files.createDirectories(work.resolve(volumes ? "volumes" : "plain"));
    Path times = dir.resolve("agent-times");
    EraExecutor era = EraExecutor.builder()
        .agent(AgentSimulator.install(dir.resolve("bin")))
        .stateDirectory(dir.resolve("state"))
        .environment(AgentSimulator.TIMES, times.toString())
        .environment(AgentSimulator.LOCK, dir.resolve("agent.lock").toString())
        .build();
    Path requests = Files.createDirectories(dir.resolve("requests"));
    Path inputs = Files.createDirectories(dir.resolve("inputs"));
    Path results = Files.createDirectories(dir.resolve("results"));
    byte[] script = "print(6 * 7)\n".getBytes(StandardCharsets.US_ASCII);
    Files.write(inputs.resolve("hello.py"), script);
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < WARM_UP + REQUESTS; i++) {
      ToolRequests request = ToolRequests.valid().requestId(String.format(Locale.ROOT, "TR-20261201-120000Z-era-%03d", i));
      if (volumes) {
        request.command("python3 /in/hello.py").input("hello.py", script);
      }
      files.add(request.writeTo(requests));
    }
    try (ToolExecPipeline pipeline = ToolExecPipeline.builder().executor(era).build()) {
      long wall = 0;
      long cpu = 0;
      for (int i = 0; i < files.size(); i++) {
        if (i == WARM_UP) {
          Files.deleteIfExists(times);
          cpu = -Stats.jvmCpuNanos();
        }
        long start = System.nanoTime();
        Outcome outcome = pipeline.run(files.get(i), inputs, results);
        long took = System.nanoTime() - start;
        if (!(outcome instanceof Outcome.Accepted)) {
          throw new IllegalStateException("the ERA lane did not accept " + files.get(i).getFileName() + ": " + outcome);
        }
        if (i >= WARM_UP) {
          wall += took;
        }
      }
      cpu += Stats.jvmCpuNanos();
      double[] agent = agentTime(times);
      double ownMs = (wall / 1e6 - agent[0]) / REQUESTS;
      double calls = agent[1] / REQUESTS;
      String what = volumes ? "with an input (volumes)" : "without volumes";
      System.err.printf(Locale.ROOT, "era %s, %s: wall %.1f ms, inside agent %.1f ms, %.0f calls for %d requests%n",
          fileSystem, what, wall / 1e6, agent[0], agent[1], REQUESTS);
      lines.add(new Ratio("ERA lane own cost per request, " + what + ", " + fileSystem, ownMs, "ms",
          String.format(Locale.ROOT, "wall %.1f ms per request, of which %.1f ms inside agent; the gate's JVM used %.1f ms of CPU",
              wall / 1e6 / REQUESTS, agent[0] / REQUESTS, cpu / 1e6 / REQUESTS),
          "<= 5 ms", ownMs <= TARGET_MS, ownMs <= TARGET_MS ? "" : String.format(Locale.ROOT,
              "the JVM's CPU, %.1f ms a request (agent's process start and capture, the output's frame, parse, validate,"
                  + " the durable result; the JIT compiler's share included), which on 2 busy CPUs also waits for a CPU",
              cpu / 1e6 / REQUESTS)));
      int expected = volumes ? 3 : 1;
      lines.add(new Ratio("agent calls per request, " + what + ", " + fileSystem, calls, "calls",
          volumes ? "create, run, clean" : "one vm temp", "= " + expected, calls == expected, ""));
    }
    return lines;
  }

  /** The time spent inside agent, in milliseconds, and the number of calls, from the simulator's record. */
  private static double[] agentTime(Path times) throws IOException {
    double total = 0;
    int calls = 0;
    for (String line : Files.readAllLines(times, StandardCharsets.US_ASCII)) {
      String[] f = line.split(" ");
      total += (Double.parseDouble(f[1]) - Double.parseDouble(f[0])) * 1000;
      calls++;
    }
    return new double[] {total, calls};
  }
}
