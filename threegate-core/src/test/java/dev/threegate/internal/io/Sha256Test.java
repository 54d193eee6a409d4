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

import dev.threegate.request.InputFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {
  private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @TempDir Path temp;

  @Test
  void hashesAsFipsSays() {
    assertThat(Sha256.hex(new byte[0])).isEqualTo(EMPTY);
    assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC);
    assertThat(new Sha256().hex()).isEqualTo(EMPTY);
  }

  @Test
  void chunksHashAsTheWhole() {
    byte[] bytes = new byte[300_001];
    new Random(7).nextBytes(bytes);
    Sha256 chunked = new Sha256();
    for (int offset = 0; offset < bytes.length; offset += 4093) {
      int length = Math.min(4093, bytes.length - offset);
      if (offset % 2 == 0) {
        chunked.update(bytes, offset, length);
      } else {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        chunked.update(buffer);
        assertThat(buffer.hasRemaining()).isFalse();
      }
    }
    assertThat(chunked.hex()).isEqualTo(Sha256.hex(bytes)).matches("[0-9a-f]{64}");
  }

  @Test
  void finishingStartsANewHash() {
    Sha256 sha = new Sha256();
    sha.update("abc".getBytes(StandardCharsets.US_ASCII), 0, 3);
    assertThat(sha.hex()).isEqualTo(ABC);
    assertThat(sha.hex()).isEqualTo(EMPTY);
  }

  @Test
  void everyFileHashAgreesWithTheBytesHash() throws IOException {
    byte[] bytes = new byte[200_000];
    new Random(11).nextBytes(bytes);
    Path file = Files.write(temp.resolve("f"), bytes);
    assertThat(SafeFiles.sha256(file)).isEqualTo(Sha256.hex(bytes));
    assertThat(SafeFiles.copyHashed(file, temp.resolve("copy"))).isEqualTo(Sha256.hex(bytes));
    assertThat(SafeFiles.copyHashedDurably(file, temp.resolve("durable"))).isEqualTo(Sha256.hex(bytes));
    assertThat(InputFile.of("f", bytes).sha256()).isEqualTo(Sha256.hex(bytes));
  }
}
