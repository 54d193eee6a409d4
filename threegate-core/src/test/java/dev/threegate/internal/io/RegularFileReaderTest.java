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
import java.util.stream.Stream;
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
    while (blockedOpeners() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(blockedOpeners()).as("the blocked opener was let go").isZero();
  }

  @Test
  void opensManyFilesOnAFewReusedThreads() throws Exception {
    Path file = Files.writeString(temp.resolve("a"), "hello", StandardCharsets.UTF_8);
    int started = RegularFileReader.openersStarted();
    for (int i = 0; i < 200; i++) {
      assertThat(RegularFileReader.readPrefix(file, 100)).hasSize(5);
    }
    assertThat(RegularFileReader.openersStarted() - started)
        .as("helper threads started for 200 opens: they are reused, not one per file").isLessThan(50);
  }

  /** Helper threads still inside an open system call. */
  private static long blockedOpeners() {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(e -> e.getKey().getName().startsWith("threegate-open"))
        .filter(e -> Stream.of(e.getValue()).anyMatch(f -> f.getClassName().endsWith("UnixNativeDispatcher") && f.getMethodName().startsWith("open")))
        .count();
  }

  @Test
  void refusesADirectoryAndADevice() {
    assertThatThrownBy(() -> RegularFileReader.readPrefix(temp, 100)).isInstanceOf(RegularFileReader.NotRegularException.class);
    assertThatThrownBy(() -> RegularFileReader.readPrefix(Path.of("/dev/zero"), 100))
        .isInstanceOf(RegularFileReader.NotRegularException.class);
  }
}
