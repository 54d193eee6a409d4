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

import java.nio.file.Path;
import java.util.Objects;

/**
 * One output stream of a run, as captured: the whole stream in a file, with its size, line count
 * and SHA-256 computed while it was written, and the first bytes kept for the excerpt.
 *
 * @param file the file holding every captured byte
 * @param bytes how many bytes the tool wrote to the stream, as captured (at most the output cap)
 * @param lines how many lines: line feeds, plus one when the last line has none
 * @param sha256 the SHA-256 of the captured bytes, 64 lowercase hex digits
 * @param head the first captured bytes (at most {@link StreamCapture#HEAD_BYTES}), for the excerpt
 * @param truncated whether the stream reached the output cap and the rest was discarded
 */
public record CapturedStream(Path file, long bytes, long lines, String sha256, byte[] head, boolean truncated) {
  /**
   * Checks and copies the components.
   *
   * @param file the capture file
   * @param bytes the byte count
   * @param lines the line count
   * @param sha256 the hash
   * @param head the first bytes
   * @param truncated whether the cap was reached
   */
  public CapturedStream {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sha256, "sha256");
    head = head.clone();
    if (bytes < 0 || lines < 0 || head.length > bytes) {
      throw new IllegalArgumentException("inconsistent stream counts: bytes=" + bytes + " lines=" + lines + " head=" + head.length);
    }
  }

  /**
   * The first captured bytes.
   *
   * @return a copy of the head
   */
  @Override
  public byte[] head() {
    return head.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CapturedStream that
        && file.equals(that.file)
        && bytes == that.bytes
        && lines == that.lines
        && sha256.equals(that.sha256)
        && java.util.Arrays.equals(head, that.head)
        && truncated == that.truncated;
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, bytes, lines, sha256, java.util.Arrays.hashCode(head), truncated);
  }

  @Override
  public String toString() {
    return "CapturedStream[" + file + ", " + bytes + " bytes, " + lines + " lines, sha256=" + sha256 + (truncated ? ", truncated" : "") + "]";
  }
}
