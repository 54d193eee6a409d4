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

import dev.threegate.exec.BackendInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Building the executor starts nothing; what it describes is found out once, on first use. */
class BubblewrapExecutorBuildTest {
  @TempDir Path temp;

  /** A stand-in for bwrap that appends its arguments, one call a line, to {@code calls}. */
  private Path recordingBwrap() throws IOException {
    Path script = temp.resolve("bwrap");
    Files.writeString(script, "#!/bin/sh\necho \"$@\" >> '" + calls() + "'\necho 'bubblewrap 9.9.9'\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  private Path calls() {
    return temp.resolve("calls");
  }

  private List<String> recordedCalls() throws IOException {
    return Files.exists(calls()) ? Files.readAllLines(calls(), StandardCharsets.UTF_8) : List.of();
  }

  @Test
  void buildingStartsNoProcess() throws IOException {
    Path bwrap = recordingBwrap();
    BubblewrapExecutor.builder().bwrap(bwrap).build();
    BubblewrapExecutor.builder().bwrap(bwrap).maxProcesses(8).requireEnforcedLimits(true).build();
    assertThat(recordedCalls()).isEmpty();
  }

  @Test
  void theBackendIsFoundOutOnFirstUseOnce() throws Exception {
    BubblewrapExecutor executor = BubblewrapExecutor.builder().bwrap(recordingBwrap()).build();
    assertThat(recordedCalls()).isEmpty();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<BackendInfo>> answers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        answers.add(pool.submit(() -> {
          start.await();
          return executor.backend();
        }));
      }
      start.countDown();
      BackendInfo first = answers.get(0).get(60, TimeUnit.SECONDS);
      for (Future<BackendInfo> answer : answers) {
        assertThat(answer.get(60, TimeUnit.SECONDS)).isSameAs(first);
      }
      assertThat(first.version()).isEqualTo("bubblewrap 9.9.9");
    } finally {
      pool.shutdownNow();
    }
    assertThat(executor.backend().version()).isEqualTo("bubblewrap 9.9.9");
    assertThat(recordedCalls()).containsExactly("--version");
  }

  @Test
  void probingStillRunsBubblewrap() throws IOException {
    Path bwrap = recordingBwrap();
    BubblewrapExecutor.Availability availability = BubblewrapExecutor.probe(bwrap);
    assertThat(availability.available()).isTrue();
    assertThat(recordedCalls()).singleElement().asString().startsWith("--unshare-all").endsWith("-- /usr/bin/true");
  }
}
