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
package dev.threegate.process.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The process tree read down from the child through /proc agrees with the JDK's reading of every process. */
class ProcessTreeTest {
  @Test
  void findsChildrenAndGrandchildrenAsTheJdkDoes() throws Exception {
    // bash, two children (a subshell and sleep), a grandchild (the subshell's sleep)
    Process p = new ProcessBuilder("bash", "-c", "( sleep 30; true ) & sleep 30 & wait").start();
    try {
      Set<Long> jdk = Set.of();
      Set<Long> walked = Set.of();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        jdk = p.descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
        walked = ProcessTree.descendants(p).stream().map(ProcessHandle::pid).collect(Collectors.toSet());
        if (jdk.size() == 3 && jdk.equals(walked)) {
          break;
        }
        Thread.sleep(20);
      }
      assertThat(walked).hasSize(3).isEqualTo(jdk);
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void anEndedProcessHasNone() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor(10, TimeUnit.SECONDS);
    assertThat(ProcessTree.descendants(p)).isEmpty();
  }
}
