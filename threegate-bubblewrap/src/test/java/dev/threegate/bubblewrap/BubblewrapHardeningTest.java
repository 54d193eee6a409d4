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

import static dev.threegate.bubblewrap.SandboxRuns.limit;
import static dev.threegate.bubblewrap.SandboxRuns.stderr;
import static dev.threegate.bubblewrap.SandboxRuns.stdout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionStatus;
import dev.threegate.exec.LimitEnforcement;
import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the tool cannot do inside the sandbox, tried for real: each attempt must fail with EPERM. */
class BubblewrapHardeningTest {
  /** Calls a libc function through ctypes and prints its errno (0 when it succeeded). */
  private static final String LIBC =
      "import ctypes, os; c = ctypes.CDLL(None, use_errno=True); ";

  @TempDir Path temp;
  private SandboxRuns runs;

  @BeforeAll
  static void requireBubblewrap() {
    BubblewrapExecutor.Availability availability = BubblewrapExecutor.probe();
    assumeTrue(availability.available(), availability.message());
  }

  @BeforeEach
  void setUp() {
    runs = new SandboxRuns(temp, "threegate-harden-" + UUID.randomUUID().toString().substring(0, 8));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unshare a user namespace | c.unshare(0x10000000)",
      "unshare a mount namespace | c.unshare(0x00020000)",
      "mount a tmpfs | c.mount(b'none', b'/tmp', b'tmpfs', 0, None)",
      "umount /in | c.umount2(b'/in', 2)",
      "ptrace itself | c.ptrace(0, 0, 0, 0)",
      "setns | c.setns(0, 0)",
      "pivot_root | c.syscall(155 if os.uname().machine == 'x86_64' else 41, b'/tmp', b'/tmp')",
      "add a key | c.syscall(248 if os.uname().machine == 'x86_64' else 217, b'user', b'k', b'v', 1, -3)",
      "bpf | c.syscall(321 if os.uname().machine == 'x86_64' else 280, 0, 0, 0)",
      "perf_event_open | c.syscall(298 if os.uname().machine == 'x86_64' else 241, 0, 0, -1, -1, 0)",
      "userfaultfd | c.syscall(323 if os.uname().machine == 'x86_64' else 282, 0)",
      "reboot | c.reboot(0x01234567)",
  })
  void aPrivilegedSyscallFailsWithEperm(String what, String call) throws IOException {
    ExecutionResult result = runs.run(LIBC + "r = " + call + "; print(r, ctypes.get_errno())");
    assertThat(stdout(result).strip()).as(what + ": " + stderr(result)).isEqualTo("-1 1");
  }

  @Test
  void theUnshareProgramCannotCreateAUserNamespace() throws IOException {
    ExecutionResult result = runs.run("import subprocess, sys; p = subprocess.run(['/usr/bin/unshare', '-U', '/usr/bin/true'],"
        + " capture_output=True, text=True); print(p.returncode, p.stderr.strip())");
    assertThat(stdout(result)).startsWith("1 unshare: unshare failed: Operation not permitted");
    LimitEnforcement userns = limit(result, "nested_user_namespaces");
    assertThat(userns.enforcedBy()).isEqualTo("bwrap --disable-userns");
  }

  @Test
  void recordsTheSeccompFilter() throws IOException {
    ExecutionResult result = runs.run("print(open('/proc/self/status').read())");
    assertThat(stdout(result)).containsPattern("Seccomp:\\s+2");
    LimitEnforcement seccomp = limit(result, "seccomp_denied_syscalls");
    assertThat(seccomp.enforced()).isTrue();
    assertThat(seccomp.value()).isGreaterThan(40);
    assertThat(seccomp.enforcedBy()).contains("seccomp filter (EPERM)", "bwrap --seccomp");
  }

  @Test
  void ordinarySyscallsStillWork() throws IOException {
    ExecutionResult result = runs.run("import os, threading, subprocess; t = threading.Thread(target=print, args=('thread',)); t.start(); t.join();"
        + " print(subprocess.run(['/usr/bin/echo', 'child'], capture_output=True, text=True).stdout.strip()); print(os.getpid())");
    assertThat(result.status()).isEqualTo(ExecutionStatus.COMPLETED);
    assertThat(stdout(result)).startsWith("thread\nchild\n");
  }

  @Test
  void theSandboxsProcessesShowNoHostPath() throws IOException {
    ExecutionResult result = runs.run("import os; print(repr([open('/proc/%s/cmdline' % p, 'rb').read() for p in os.listdir('/proc') if p.isdigit()]))");
    String seen = stdout(result);
    assertThat(seen).contains("bwrap", "--args");
    assertThat(seen).doesNotContain(temp.toString(), "/sys/fs/cgroup", "/tmp/", "scratch", "threegate-sandbox");
    ExecutionResult environ = runs.run("print(open('/proc/1/environ', 'rb').read())");
    assertThat(stdout(environ)).doesNotContain(temp.toString());
  }

  @Test
  void noInheritedDescriptorReachesTheTool() throws IOException {
    ExecutionResult result = runs.run("import os; print(sorted(int(f) for f in os.listdir('/proc/self/fd')))");
    // 0-2, plus the descriptor listdir itself opened
    assertThat(stdout(result).strip()).isEqualTo("[0, 1, 2, 3]");
  }

  @Test
  void tmpIsBoundedByTheMemoryLimit() throws IOException {
    ExecutionResult result = runs.run(BubblewrapExecutor.builder().build(),
        "f = open('/tmp/fill', 'wb'); [f.write(bytes(1 << 20)) or f.flush() for i in range(256)]", 30, 64);
    assertThat(result.status()).isNotEqualTo(ExecutionStatus.COMPLETED);
    assertThat(stderr(result)).doesNotContain("SyntaxError");
    LimitEnforcement tmp = limit(result, "tmp_bytes");
    assertThat(tmp.value()).isEqualTo(64L << 20);
    assertThat(tmp.enforcedBy()).startsWith("tmpfs size on /tmp (bwrap --size)");
    if (!limit(result, "memory_mb").enforcedBy().startsWith("cgroup")) {
      assertThat(stderr(result)).contains("No space left on device");
    }
  }

  @Test
  void nothingElseIsWritableOutsideOutAndTheBoundedTmpfs() throws IOException {
    ExecutionResult result = runs.run("import os; print([d for d in ['/', '/dev', '/usr', '/in', '/proc', '/dev/shm', '/tmp', '/out']"
        + " if os.access(d, os.W_OK)])");
    assertThat(stdout(result).strip()).isEqualTo("['/dev/shm', '/tmp', '/out']");
    for (String path : new String[] {"/x", "/dev/x"}) {
      ExecutionResult attempt = runs.run("open('" + path + "', 'w')");
      assertThat(stderr(attempt)).contains("Read-only file system");
    }
    assertThat(limit(result, "dev_shm_bytes").value()).isEqualTo(64L << 20);
  }

  @Test
  void theCapabilityToEnforceEveryLimitMatchesWhatARunRecords() throws IOException {
    BubblewrapExecutor executor = BubblewrapExecutor.builder().build();
    var limits = executor.enforceableLimits(runs.spec("print(1)", 30, 256));
    assertThat(executor.backend().capabilities().enforcesAllLimits())
        .isEqualTo(limits.stream().allMatch(LimitEnforcement::enforced));
    BubblewrapExecutor strict = BubblewrapExecutor.builder().requireEnforcedLimits(true).build();
    if (executor.backend().capabilities().enforcesAllLimits()) {
      assertThat(runs.run(strict, "print(1)", 30, 256).limits()).allMatch(LimitEnforcement::enforced);
    } else {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> runs.run(strict, "print(1)", 30, 256))
          .isInstanceOf(dev.threegate.exec.ExecutionException.class).hasMessageContaining("the run was not started");
    }
  }
}
