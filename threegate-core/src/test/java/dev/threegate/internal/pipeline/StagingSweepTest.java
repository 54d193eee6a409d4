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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staging sweep removes a dead writer's files, and only while no request is claimed. */
class StagingSweepTest {
  @TempDir Path results;

  @Test
  void whileARequestIsClaimedTheStagingIsLeftAndOnceReleasedItIsSwept() throws IOException {
    Path staging = Files.createDirectories(results.resolve(".threegate/staging"));
    Path file = Files.writeString(staging.resolve("0c9d.stdout.txt"), "partial");
    Path dir = Files.createDirectories(staging.resolve("0c9d.out/sub"));
    Files.createDirectories(results.resolve(".threegate/locks/not-a-lock.lock"));
    Optional<RequestClaim> claim = RequestClaim.tryAcquire(results, "TR-1");
    assertThat(claim).isPresent();
    assertThat(RequestClaim.tryAcquire(results, "TR-1")).as("held in this process").isEmpty();
    boolean proc = Files.isDirectory(Path.of("/proc/self/fd"));
    if (proc) {
      assertThat(openFilesNamed("TR-1.lock")).as("a refused claim leaves no file open").isOne();
    }
    assertThat(RequestClaim.anyHeld(results)).isTrue();
    assertThat(StagingSweep.sweep(results)).isEmpty();
    assertThat(file).exists();
    claim.get().close();
    if (proc) {
      assertThat(openFilesNamed("TR-1.lock")).isZero();
    }
    assertThat(RequestClaim.anyHeld(results)).isFalse();
    assertThat(StagingSweep.sweep(results)).containsExactlyInAnyOrder(file, dir.getParent());
    assertThat(staging).isEmptyDirectory();
    assertThat(StagingSweep.sweep(results)).isEmpty();
  }

  @Test
  void withoutAStagingDirectoryNothingIsSweptAndNothingIsHeld() throws IOException {
    assertThat(StagingSweep.sweep(results)).isEmpty();
    assertThat(RequestClaim.anyHeld(results)).isFalse();
    assertThat(results.resolve(".threegate")).doesNotExist();
  }

  /** How many descriptors of this process are open on a file of this name (Linux). */
  private static long openFilesNamed(String name) throws IOException {
    try (java.util.stream.Stream<Path> all = Files.list(Path.of("/proc/self/fd"))) {
      return all.filter(fd -> {
        try {
          return Files.readSymbolicLink(fd).toString().endsWith("/" + name);
        } catch (IOException e) {
          return false; // closed while listing
        }
      }).count();
    }
  }
}
