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
package dev.threegate.bubblewrap;

import dev.threegate.exec.EffectiveLimits;
import dev.threegate.exec.ExecutionException;
import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.exec.LimitEnforcement;
import dev.threegate.request.ToolRequestParser;
import dev.threegate.testkit.ToolRequests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs one python snippet in the sandbox and prints what happened, one fact a line, for {@link
 * BubblewrapNonRootTest}, which starts it in a JVM of another (non-root) user. Arguments: a run
 * directory (with {@code in}, {@code out}, {@code scratch}), memory MiB, time s, max processes,
 * whether every limit must be enforced, the snippet, and optionally {@code egress}: then the run has
 * {@code network: allowlist} for {@code allowed.test} on the port of an HTTP server this JVM starts
 * on 127.0.0.1 ({@code PORT} in the snippet), and the destinations are printed.
 */
public final class NonRootRunMain {
  private NonRootRunMain() {}

  /** Answers every connection with {@code HTTP/1.1 200} and the body {@code ok}. */
  private static void serveOk(java.net.ServerSocket server) {
    while (true) {
      try (java.net.Socket client = server.accept()) {
        client.setSoTimeout(30_000);
        java.io.InputStream in = client.getInputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
          matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        client.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
            .getBytes(StandardCharsets.US_ASCII));
      } catch (java.io.IOException e) {
        return;
      }
    }
  }

  /**
   * Runs it.
   *
   * @param args as described above
   * @throws Exception on any failure, which the parent sees as a non-zero exit
   */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long memoryMb = Long.parseLong(args[1]);
    long timeSec = Long.parseLong(args[2]);
    boolean egress = args.length > 6 && args[6].equals("egress");
    java.net.ServerSocket server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    Thread serving = new Thread(() -> serveOk(server));
    serving.setDaemon(true);
    serving.start();
    BubblewrapExecutor executor = BubblewrapExecutor.builder()
        .maxProcesses(Long.parseLong(args[3]))
        .requireEnforcedLimits(Boolean.parseBoolean(args[4]))
        .egress(Egress.builder()
            .resolver(host -> java.util.List.of(java.net.InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})))
            .allowPrivateDestinations(true)
            .build())
        .build();
    String python = args[5].replace("PORT", Integer.toString(server.getLocalPort()));
    var request = ToolRequests.valid().command("python3 -c \"" + python + "\"").timeLimitSec(timeSec).toRequest();
    if (egress) {
      request = request.newBuilder()
          .network(dev.threegate.request.NetworkMode.ALLOWLIST)
          .networkAllowlist(java.util.List.of("allowed.test:" + server.getLocalPort()))
          .build();
    }
    ExecutionSpec spec = ExecutionSpec.builder()
        .request(request)
        .inputsDir(dir.resolve("in"))
        .outputsDir(dir.resolve("out"))
        .scratchDir(dir.resolve("scratch"))
        .limits(EffectiveLimits.builder()
            .cpu(1)
            .memoryMb(memoryMb)
            .time(Duration.ofSeconds(timeSec))
            .maxOutputBytes(1 << 20)
            .build())
        .build();
    System.out.println("UID " + ProcessHandle.current().info().user().orElse("?"));
    System.out.println("ENFORCES_ALL " + executor.backend().capabilities().enforcesAllLimits());
    try {
      ExecutionResult result = executor.execute(spec);
      System.out.println("STATUS " + result.status().name());
      System.out.println("EXIT " + result.exitCode());
      for (LimitEnforcement limit : result.limits()) {
        System.out.println("LIMIT " + limit.limit() + " " + limit.value() + " " + (limit.enforced() ? limit.enforcedBy() : "NOT"));
      }
      result.anomalies().forEach(a -> System.out.println("ANOMALY " + a));
      System.out.println("NETWORK " + result.network().wireName());
      result.networkDestinations().forEach(d -> System.out.println(
          "DESTINATION " + d.host() + ":" + (d.port() == server.getLocalPort() ? "PORT" : d.port()) + " " + d.allowed() + " " + d.reason()));
      Files.readString(result.stdout().file(), StandardCharsets.UTF_8).lines().forEach(l -> System.out.println("STDOUT " + l));
      Files.readString(result.stderr().file(), StandardCharsets.UTF_8).lines().forEach(l -> System.out.println("STDERR " + l));
    } catch (ExecutionException e) {
      System.out.println("REFUSED " + e.getMessage());
    }
  }
}
