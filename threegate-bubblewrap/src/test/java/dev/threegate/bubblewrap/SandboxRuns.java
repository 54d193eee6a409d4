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
import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.exec.LimitEnforcement;
import dev.threegate.request.ToolRequestParser;
import dev.threegate.testkit.ToolRequests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs python snippets in a real sandbox, each in its own directories under a test's temp dir. */
final class SandboxRuns {
  private final Path temp;
  private final String marker;
  private final AtomicInteger runs = new AtomicInteger();

  SandboxRuns(Path temp, String marker) {
    this.temp = temp;
    this.marker = marker;
  }

  ExecutionSpec spec(String python, long timeSec, long memoryMb) throws IOException {
    Path dir = Files.createDirectories(temp.resolve("run-" + runs.incrementAndGet()));
    Path in = Files.createDirectory(dir.resolve("in"));
    Files.writeString(in.resolve("input.txt"), "input\n");
    Files.setPosixFilePermissions(in, PosixFilePermissions.fromString("r-xr-xr-x"));
    String command = "python3 -c \"" + python + "\" " + marker;
    var request = ToolRequests.valid().command(command).timeLimitSec(timeSec).toRequest();
    return ExecutionSpec.builder()
        .request(request)
        .inputsDir(in)
        .outputsDir(Files.createDirectory(dir.resolve("out")))
        .scratchDir(Files.createDirectory(dir.resolve("scratch")))
        .limits(EffectiveLimits.builder()
            .cpu(1)
            .memoryMb(memoryMb)
            .time(Duration.ofSeconds(timeSec))
            .maxOutputBytes(1 << 20)
            .build())
        .build();
  }

  ExecutionResult run(BubblewrapExecutor executor, String python, long timeSec, long memoryMb) throws IOException {
    return executor.execute(spec(python, timeSec, memoryMb));
  }

  ExecutionResult run(String python) throws IOException {
    return run(BubblewrapExecutor.builder().build(), python, 30, 256);
  }

  static String stdout(ExecutionResult result) throws IOException {
    return Files.readString(result.stdout().file(), StandardCharsets.UTF_8);
  }

  static String stderr(ExecutionResult result) throws IOException {
    return Files.readString(result.stderr().file(), StandardCharsets.UTF_8);
  }

  static LimitEnforcement limit(ExecutionResult result, String name) {
    return limit(result.limits(), name);
  }

  static LimitEnforcement limit(java.util.List<LimitEnforcement> limits, String name) {
    return limits.stream().filter(l -> l.limit().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no limit " + name + " in " + limits));
  }
}
