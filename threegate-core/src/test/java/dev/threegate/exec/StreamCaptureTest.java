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
package dev.threegate.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamCaptureTest {

  @Test
  void hashesCountsAndKeepsTheHeadWhileStreamingToAFile(@TempDir Path dir) throws Exception {
    byte[] data = new byte[300_000];
    new Random(7).nextBytes(data);
    data[data.length - 1] = 'x';
    StreamCapture capture = StreamCapture.open(dir.resolve("out"), 1 << 20, () -> {});
    for (int at = 0; at < data.length; at += 1000) {
      capture.write(data, at, Math.min(1000, data.length - at));
    }
    capture.close();
    CapturedStream result = capture.result();
    assertThat(Files.readAllBytes(result.file())).isEqualTo(data);
    assertThat(result.bytes()).isEqualTo(data.length);
    assertThat(result.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
    long newlines = 0;
    for (byte b : data) {
      newlines += b == '\n' ? 1 : 0;
    }
    assertThat(result.lines()).isEqualTo(newlines + 1);
    assertThat(result.head()).hasSize(StreamCapture.HEAD_BYTES).startsWith(java.util.Arrays.copyOf(data, 16));
    assertThat(result.truncated()).isFalse();
  }

  @Test
  void stopsAtTheCapAndCallsBackOnce(@TempDir Path dir) throws IOException {
    AtomicInteger calls = new AtomicInteger();
    StreamCapture capture = StreamCapture.open(dir.resolve("out"), 10, calls::incrementAndGet);
    capture.write("hello\nworld\n".getBytes(StandardCharsets.UTF_8));
    capture.write("more".getBytes(StandardCharsets.UTF_8));
    capture.close();
    assertThat(calls).hasValue(1);
    assertThat(capture.result().bytes()).isEqualTo(10);
    assertThat(capture.result().truncated()).isTrue();
    assertThat(Files.readString(capture.result().file())).isEqualTo("hello\nworl");
    assertThat(capture.result().lines()).isEqualTo(2);
  }

  @Test
  void refusesToReplaceAFileAndToGiveAResultBeforeClose(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("taken"), "x");
    assertThatThrownBy(() -> StreamCapture.open(dir.resolve("taken"), 10, () -> {})).isInstanceOf(IOException.class);
    StreamCapture open = StreamCapture.open(dir.resolve("open"), 10, () -> {});
    assertThatThrownBy(open::result).isInstanceOf(IllegalStateException.class);
    open.close();
    assertThat(open.result().lines()).isZero();
  }
}
