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
package dev.threegate.bubblewrap.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading what bwrap and the prelude reported, as bwrap 0.8.0 writes it. */
class SandboxStatusTest {
  @TempDir Path temp;

  private SandboxStatus read(String prelude, String json) throws IOException {
    Path p = temp.resolve("prelude");
    Path j = temp.resolve("json");
    Files.writeString(p, prelude);
    if (json != null) {
      Files.writeString(j, json);
    }
    return SandboxStatus.read(p, j);
  }

  @Test
  void aToolThatRanHasItsExitCode() throws IOException {
    SandboxStatus status = read("", "{ \"child-pid\": 26824, \"cgroup-namespace\": 4026532182 }\n{ \"exit-code\": 3 }\n");
    assertThat(status.childStarted()).isTrue();
    assertThat(status.toolRan()).isTrue();
    assertThat(status.toolExitCode()).isEqualTo(OptionalInt.of(3));
    assertThat(status.preludeError()).isEmpty();
  }

  @Test
  void aSetupFailureLeavesOnlyTheChild() throws IOException {
    SandboxStatus status = read("", "{ \"child-pid\": 26830, \"mnt-namespace\": 4026532179 }\n");
    assertThat(status.childStarted()).isTrue();
    assertThat(status.toolRan()).isFalse();
  }

  @Test
  void nothingWrittenMeansNothingStarted() throws IOException {
    SandboxStatus status = read("cannot join /sys/fs/cgroup/pids/x/cgroup.procs\n", null);
    assertThat(status.childStarted()).isFalse();
    assertThat(status.toolRan()).isFalse();
    assertThat(status.preludeError()).isEqualTo("cannot join /sys/fs/cgroup/pids/x/cgroup.procs");
  }
}
