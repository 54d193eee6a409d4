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

import dev.threegate.internal.io.Sha256;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;

/**
 * The sink for one output stream of a run, for anyone writing an {@link Executor}: every byte goes
 * to a file while its SHA-256, size and line count are computed on the fly and the first {@value
 * #HEAD_BYTES} bytes are kept for the excerpt. Memory use is constant whatever the stream's size.
 *
 * <p>At most {@code maxBytes} bytes are captured; the first write past the cap discards the rest,
 * marks the stream truncated and calls the {@code onLimit} callback once (an executor stops the run
 * there). Writes after that are discarded silently. Safe for one writer thread plus a thread that
 * reads the result after {@link #close()}.
 */
public final class StreamCapture extends OutputStream {
  /** How many leading bytes are kept in memory for the excerpt. */
  public static final int HEAD_BYTES = 64 * 1024;

  private final Path file;
  private final OutputStream out;
  private final Sha256 sha256 = new Sha256();
  private final long maxBytes;
  private final Runnable onLimit;
  private final byte[] head = new byte[HEAD_BYTES];
  private int headLength;
  private long bytes;
  private long newlines;
  private byte last = '\n';
  private boolean truncated;
  private boolean closed;
  private CapturedStream result;

  private StreamCapture(Path file, OutputStream out, long maxBytes, Runnable onLimit) {
    this.file = file;
    this.out = out;
    this.maxBytes = maxBytes;
    this.onLimit = onLimit;
  }

  /**
   * Creates the capture file (which must not exist yet) and the sink writing to it.
   *
   * @param file the capture file to create
   * @param maxBytes the most bytes captured, at least 1
   * @param onLimit called once, on the writing thread, when the cap is reached; it must not throw
   * @return the open sink
   * @throws IOException if the file cannot be created
   */
  public static StreamCapture open(Path file, long maxBytes, Runnable onLimit) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(onLimit, "onLimit");
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
    OutputStream out =
        new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 64 * 1024);
    return new StreamCapture(file, out, maxBytes, onLimit);
  }

  @Override
  public synchronized void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] buffer, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (closed) {
      throw new IOException("capture of " + file + " is closed");
    }
    if (truncated || length == 0) {
      return;
    }
    int accepted = (int) Math.min(length, maxBytes - bytes);
    if (accepted > 0) {
      out.write(buffer, offset, accepted);
      sha256.update(buffer, offset, accepted);
      for (int i = offset, end = offset + accepted; i < end; i++) {
        if (buffer[i] == '\n') {
          newlines++;
        }
      }
      if (headLength < HEAD_BYTES) {
        int copied = Math.min(accepted, HEAD_BYTES - headLength);
        System.arraycopy(buffer, offset, head, headLength, copied);
        headLength += copied;
      }
      bytes += accepted;
      last = buffer[offset + accepted - 1];
    }
    if (accepted < length) {
      truncated = true;
      onLimit.run();
    }
  }

  @Override
  public synchronized void flush() throws IOException {
    if (!closed) {
      out.flush();
    }
  }

  /** Flushes and closes the file; the {@link #result()} is available from then on. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    out.close();
    long lines = newlines + (bytes > 0 && last != '\n' ? 1 : 0);
    result = CapturedStream.builder()
        .file(file)
        .bytes(bytes)
        .lines(lines)
        .sha256(sha256.hex())
        .head(Arrays.copyOf(head, headLength))
        .truncated(truncated)
        .build();
  }

  /**
   * Whether the cap was reached.
   *
   * @return {@code true} once bytes were discarded
   */
  public synchronized boolean truncated() {
    return truncated;
  }

  /**
   * The captured stream.
   *
   * @return the file, counts, hash and head
   * @throws IllegalStateException before {@link #close()}
   */
  public synchronized CapturedStream result() {
    if (result == null) {
      throw new IllegalStateException("the capture of " + file + " is still open");
    }
    return result;
  }
}
