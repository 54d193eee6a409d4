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

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.threegate.exec.EffectiveLimits;
import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.exec.ExecutionStatus;
import dev.threegate.exec.LimitEnforcement;
import dev.threegate.exec.NetworkEnforcement;
import dev.threegate.request.ToolRequestParser;
import dev.threegate.testkit.ToolRequests;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the sandbox keeps out, proven with real processes. */
class BubblewrapSandboxTest {
  private final String marker = "threegate-bwrap-" + UUID.randomUUID().toString().substring(0, 8);
  private final AtomicInteger runs = new AtomicInteger();
  @TempDir Path temp;

  @BeforeAll
  static void requireBubblewrap() {
    BubblewrapExecutor.Availability availability = BubblewrapExecutor.probe();
    assumeTrue(availability.available(), availability.message());
  }

  private ExecutionResult run(BubblewrapExecutor executor, String python, long timeSec, long memoryMb) throws IOException {
    return new SandboxRuns(temp.resolve("run-" + runs.incrementAndGet()), marker).run(executor, python, timeSec, memoryMb);
  }

  private ExecutionResult run(String python) throws IOException {
    return run(BubblewrapExecutor.builder().build(), python, 30, 256);
  }

  private static String stdout(ExecutionResult result) throws IOException {
    return Files.readString(result.stdout().file(), StandardCharsets.UTF_8);
  }

  /** What a run that must complete printed; a run that did not complete fails with its status and stderr. */
  private static String printed(ExecutionResult result) throws IOException {
    assertThat(result.status()).as("status (exit code %d, anomalies %s, stderr: %s)", result.exitCode(), result.anomalies(),
        stderr(result)).isEqualTo(ExecutionStatus.COMPLETED);
    return stdout(result);
  }

  private static String stderr(ExecutionResult result) throws IOException {
    return Files.readString(result.stderr().file(), StandardCharsets.UTF_8);
  }

  @AfterEach
  void nothingIsLeftRunning() {
    assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false)))
        .as("processes left running").isEmpty();
  }

  @Test
  void cannotReachAServerOnTheHostsLoopback() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(200);
      ExecutionResult result = run("__import__('socket').create_connection(('127.0.0.1', " + server.getLocalPort() + "), 3)");
      assertThat(result.status()).isEqualTo(ExecutionStatus.NONZERO_EXIT);
      assertThat(stderr(result)).contains("ConnectionRefusedError");
      assertThat(result.network()).isEqualTo(NetworkEnforcement.HOST_NAMESPACE);
      try (Socket accepted = server.accept()) {
        throw new AssertionError("the sandbox reached the host's server: " + accepted);
      } catch (SocketTimeoutException expected) {
        // nothing connected
      }
    }
    ExecutionResult interfaces = run("print(__import__('socket').if_nameindex())");
    assertThat(printed(interfaces).strip()).isEqualTo("[(1, 'lo')]");
  }

  @Test
  void seesOnlyUsrInOutAndTmp() throws IOException {
    ExecutionResult root = run("print(sorted(__import__('os').listdir('/')))");
    assertThat(printed(root).strip()).isEqualTo("['bin', 'dev', 'in', 'lib', 'lib64', 'out', 'proc', 'sbin', 'tmp', 'usr']");
    String project = Path.of("").toAbsolutePath().toString();
    ExecutionResult hidden = run("print([__import__('os').path.exists(p) for p in ['" + project + "', '/root', '/etc/shadow', '/etc', '/home']])");
    assertThat(printed(hidden).strip()).isEqualTo("[False, False, False, False, False]");
    ExecutionResult uid = run("print(__import__('os').getuid(), __import__('os').getgid())");
    assertThat(printed(uid).strip()).isEqualTo("65534 65534");
    assertThat(uid.limits()).anySatisfy(l -> assertThat(l.limit()).isEqualTo("sandbox_uid"));
  }

  @Test
  void inIsReadOnly() throws IOException {
    ExecutionResult result = run("open('/in/input.txt', 'a').write('tampered')");
    assertThat(result.status()).isEqualTo(ExecutionStatus.NONZERO_EXIT);
    assertThat(stderr(result)).contains("Read-only file system");
    ExecutionResult create = run("open('/in/new.txt', 'w')");
    assertThat(stderr(create)).contains("Read-only file system");
  }

  @Test
  void aLargeAllocationUnderASmallLimitIsKilledNotHung() throws IOException {
    // Not TIMED_OUT: the memory limit, not the 30 s time limit, ended the run.
    ExecutionResult result = run(BubblewrapExecutor.builder().build(), "bytearray(512 * 1024 * 1024)", 30, 128);
    assertThat(result.status()).isIn(ExecutionStatus.KILLED, ExecutionStatus.NONZERO_EXIT);
    LimitEnforcement memory = result.limits().stream().filter(l -> l.limit().equals("memory_mb")).findFirst().orElseThrow();
    assertThat(memory.value()).isEqualTo(128);
    assertThat(memory.enforced()).isTrue();
    if (memory.enforcedBy().startsWith("cgroup")) {
      assertThat(result.status()).isEqualTo(ExecutionStatus.KILLED);
      assertThat(result.anomalies()).anyMatch(a -> a.contains("memory limit of 128 MiB was reached"));
    } else {
      assertThat(stderr(result)).contains("MemoryError");
    }
  }

  @Test
  void aForkBombIsStoppedByTheProcessLimitAndLeavesNothingRunning() throws IOException {
    BubblewrapExecutor executor = BubblewrapExecutor.builder().maxProcesses(32).build();
    // Forks until fork fails, each child holding its slot; bounded at 1000 children so that a host
    // where the limit is missing sees the test fail, not a real fork bomb.
    String bomb = "exec('import os, time\\nn = 0\\nerr = 0\\ntry:\\n  while n < 1000:\\n    if os.fork() == 0:\\n"
        + "      time.sleep(120); os._exit(0)\\n    n += 1\\nexcept OSError as e:\\n  err = e.errno\\nprint(n, err)')";
    SandboxRuns runs = new SandboxRuns(temp.resolve("bomb"), marker);
    ExecutionSpec spec = runs.spec(bomb, 60, 256);
    LimitEnforcement planned = SandboxRuns.limit(executor.enforceableLimits(spec), "processes");
    assumeTrue(planned.enforced(), "nothing on this host can enforce a process limit: " + planned);
    long before = ProcessHandle.current().descendants().count();

    ExecutionResult result = executor.execute(spec);

    // the tool itself finished (no deadline, no kill) and reported that fork failed with EAGAIN
    // (11) before it had 32 processes: the limit, not the loop's bound, stopped it
    assertThat(result.status()).as(stderr(result)).isEqualTo(ExecutionStatus.COMPLETED);
    String[] reported = stdout(result).strip().split(" ");
    assertThat(reported).as(stdout(result)).hasSize(2);
    assertThat(Integer.parseInt(reported[1])).as("errno of the failed fork").isEqualTo(11);
    assertThat(Integer.parseInt(reported[0])).as("children forked").isBetween(1, 31);
    LimitEnforcement processes = SandboxRuns.limit(result, "processes");
    assertThat(processes.value()).isEqualTo(32);
    assertThat(processes.enforced()).isTrue();
    assertThat(processes.enforcedBy()).isEqualTo(planned.enforcedBy());
    // the children sleeping for 120 s did not survive the run (the check after each test looks
    // for them on the whole host)
    assertThat(ProcessHandle.current().descendants().count()).as("processes started by this test still running").isEqualTo(before);
  }

  @Test
  void aFileLargerThanTheLimitCannotBeWritten() throws IOException {
    ExecutionResult result = run(BubblewrapExecutor.builder().maxFileBytes(4096).build(),
        "open('/out/big.bin', 'wb').write(bytes(100000))", 30, 256);
    assertThat(result.status()).isNotEqualTo(ExecutionStatus.COMPLETED);
    assertThat(result.artifacts()).allSatisfy(a -> assertThat(a.bytes()).isLessThanOrEqualTo(4096));
    assertThat(result.limits()).anySatisfy(l -> {
      assertThat(l.limit()).isEqualTo("file_size_bytes");
      assertThat(l.value()).isEqualTo(4096);
      assertThat(l.enforcedBy()).contains("RLIMIT_FSIZE");
    });
  }

  @Test
  void saysPlainlyWhenBubblewrapIsMissing() {
    BubblewrapExecutor.Availability missing = BubblewrapExecutor.probe(temp.resolve("no-bwrap"));
    assertThat(missing.available()).isFalse();
    assertThat(missing.message()).contains("bubblewrap is not installed", "apt-get install -y bubblewrap");
  }

  @Test
  void aTimeoutLeavesNoProcessBehind() throws IOException {
    long start = System.nanoTime();
    ExecutionResult result = run(BubblewrapExecutor.builder().build(),
        "[__import__('os').fork() for _ in range(3)] and __import__('time').sleep(600)", 1, 256);
    assertThat(result.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    // Far below the children's 600 s sleep, far above the 1 s limit: only a run that waited for them fails.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(120));
  }
}
