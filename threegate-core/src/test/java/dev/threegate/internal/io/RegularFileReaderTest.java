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
package dev.threegate.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class RegularFileReaderTest {
  @TempDir Path temp;

  private Path fifo(String name) throws Exception {
    Path fifo = temp.resolve(name);
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    Assumptions.assumeTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "needs mkfifo");
    return fifo;
  }

  @Test
  void readsARegularFile() throws IOException {
    Path file = Files.writeString(temp.resolve("a"), "hello", StandardCharsets.UTF_8);
    assertThat(RegularFileReader.readPrefix(file, 100)).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
    assertThat(RegularFileReader.readPrefix(file, 3)).hasSize(4);
  }

  @Test
  void refusesALinkEvenToARegularFile() throws IOException {
    Path target = Files.writeString(temp.resolve("a"), "hello", StandardCharsets.UTF_8);
    Path link = Files.createSymbolicLink(temp.resolve("link"), target);
    assertThatThrownBy(() -> RegularFileReader.readPrefix(link, 100)).isInstanceOf(RegularFileReader.NotRegularException.class);
  }

  @Test
  @Timeout(60)
  void refusesAFifoWithoutBlocking() throws Exception {
    Path fifo = fifo("fifo");
    assertThatThrownBy(() -> RegularFileReader.readPrefix(fifo, 100)).isInstanceOf(RegularFileReader.NotRegularException.class);
  }

  @Test
  @Timeout(60)
  void aFifoSwappedInAfterTheCheckDoesNotHangTheOpen() throws Exception {
    // the open itself, as if the FIFO had replaced the file right after the check
    Path fifo = fifo("swapped");
    assertThatThrownBy(() -> RegularFileReader.open(fifo, Duration.ofMillis(300)))
        .isInstanceOf(RegularFileReader.NotRegularException.class).hasMessageContaining("FIFO");
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("threegate-open") && t.isAlive())
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(Thread.getAllStackTraces().keySet()).as("the blocked opener was let go")
        .noneMatch(t -> t.getName().startsWith("threegate-open") && t.isAlive());
  }

  @Test
  void refusesADirectoryAndADevice() {
    assertThatThrownBy(() -> RegularFileReader.readPrefix(temp, 100)).isInstanceOf(RegularFileReader.NotRegularException.class);
    assertThatThrownBy(() -> RegularFileReader.readPrefix(Path.of("/dev/zero"), 100))
        .isInstanceOf(RegularFileReader.NotRegularException.class);
  }
}
