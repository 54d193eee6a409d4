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
package dev.threegate.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lock this process holds stays held for other processes whatever this process probes: on Linux
 * closing any descriptor of a file frees the process's locks on it, so a probe must never open a
 * lock file this process holds. Another process (python3's fcntl.lockf, the same kind of lock the
 * JDK takes) checks from outside.
 */
class ProcessLockTest {
  @TempDir Path temp;

  /** Whether another process can take the lock on a file right now. */
  private static boolean anotherProcessCanLock(Path file) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("python3", "-c",
        "import fcntl,sys\nf=open(sys.argv[1],'r+')\ntry:\n  fcntl.lockf(f,fcntl.LOCK_EX|fcntl.LOCK_NB); print('locked')\nexcept OSError: print('refused')",
        file.toString()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(output).as("python3's answer").isIn("locked", "refused");
    return output.equals("locked");
  }

  private static void requirePython() {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 is not installed here to check the lock from outside");
  }

  @Test
  void aClaimStaysHeldForOtherProcessesWhateverThisProcessProbes() throws Exception {
    requirePython();
    Path results = temp.resolve("results");
    try (RequestClaim claim = RequestClaim.tryAcquire(results, "TR-1").orElseThrow()) {
      Path lock = results.resolve(".threegate/locks/TR-1.lock");
      assertThat(anotherProcessCanLock(lock)).isFalse();
      assertThat(RequestClaim.tryAcquire(results, "TR-1")).as("a second claim in this process").isEmpty();
      assertThat(RequestClaim.anyHeld(results)).isTrue();
      assertThat(anotherProcessCanLock(lock)).as("after this process probed it").isFalse();
    }
    assertThat(anotherProcessCanLock(temp.resolve("results/.threegate/locks/TR-1.lock"))).isTrue();
    Optional<RequestClaim> again = RequestClaim.tryAcquire(results, "TR-1");
    assertThat(again).isPresent();
    again.get().close();
  }

  @Test
  void aRunDirectoryStaysLockedForOtherProcessesWhenThisProcessSweeps() throws Exception {
    requirePython();
    Path work = temp.resolve("work");
    try (RunDirectory run = RunDirectory.create(work)) {
      Path lock;
      try (Stream<Path> files = Files.list(work)) {
        lock = files.filter(p -> p.getFileName().toString().endsWith(".lock")).findFirst().orElseThrow();
      }
      assertThat(anotherProcessCanLock(lock)).isFalse();
      assertThat(RunDirectory.sweep(work)).isEmpty();
      assertThat(anotherProcessCanLock(lock)).as("after this process swept").isFalse();
      assertThat(run.root()).isDirectory();
    }
  }
}
