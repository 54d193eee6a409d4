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
import java.util.Arrays;
import java.util.Objects;

/**
 * One output stream of a run, as captured: the whole stream in a file, with its size, line count
 * and SHA-256 computed while it was written, and the first bytes kept for the excerpt. Immutable; a
 * value: two with the same values (the head compared byte by byte) are equal.
 *
 * <p>{@link StreamCapture#result()} builds one; an executor that captures another way uses {@link
 * #builder()}, and {@link #newBuilder()} makes a variant.
 */
public final class CapturedStream {
  private final Path file;
  private final long bytes;
  private final long lines;
  private final String sha256;
  private final byte[] head;
  private final boolean truncated;

  private CapturedStream(Builder builder) {
    file = Objects.requireNonNull(builder.file, "file");
    bytes = builder.bytes;
    lines = builder.lines;
    sha256 = Objects.requireNonNull(builder.sha256, "sha256");
    head = builder.head.clone();
    truncated = builder.truncated;
    if (bytes < 0 || lines < 0 || head.length > bytes) {
      throw new IllegalArgumentException("inconsistent stream counts: bytes=" + bytes + " lines=" + lines + " head=" + head.length);
    }
  }

  /**
   * A builder for a captured stream. {@code file} and {@code sha256} are required; the counts are
   * 0, the head empty and {@code truncated} false unless set.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this stream's values, to make a variant of it.
   *
   * @return a builder with every value of this stream
   */
  public Builder newBuilder() {
    Builder builder = new Builder();
    builder.file = file;
    builder.bytes = bytes;
    builder.lines = lines;
    builder.sha256 = sha256;
    builder.head = head;
    builder.truncated = truncated;
    return builder;
  }

  /**
   * The file holding every captured byte.
   *
   * @return the capture file
   */
  public Path file() {
    return file;
  }

  /**
   * How many bytes the tool wrote to the stream, as captured (at most the output cap).
   *
   * @return the byte count, not negative
   */
  public long bytes() {
    return bytes;
  }

  /**
   * How many lines: line feeds, plus one when the last line has none.
   *
   * @return the line count, not negative
   */
  public long lines() {
    return lines;
  }

  /**
   * The SHA-256 of the captured bytes, 64 lowercase hex digits.
   *
   * @return the hash
   */
  public String sha256() {
    return sha256;
  }

  /**
   * The first captured bytes (at most {@link StreamCapture#HEAD_BYTES}), for the excerpt.
   *
   * @return a copy of the head
   */
  public byte[] head() {
    return head.clone();
  }

  /**
   * Whether the stream reached the output cap and the rest was discarded.
   *
   * @return {@code true} when the rest was discarded
   */
  public boolean truncated() {
    return truncated;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CapturedStream that
        && file.equals(that.file)
        && bytes == that.bytes
        && lines == that.lines
        && sha256.equals(that.sha256)
        && Arrays.equals(head, that.head)
        && truncated == that.truncated;
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, bytes, lines, sha256, Arrays.hashCode(head), truncated);
  }

  @Override
  public String toString() {
    return "CapturedStream[" + file + ", " + bytes + " bytes, " + lines + " lines, sha256=" + sha256 + (truncated ? ", truncated" : "") + "]";
  }

  /** Builds a {@link CapturedStream}; not thread-safe. {@link #build()} checks the values. */
  public static final class Builder {
    private Path file;
    private long bytes;
    private long lines;
    private String sha256;
    private byte[] head = new byte[0];
    private boolean truncated;

    private Builder() {}

    /**
     * Sets the file holding every captured byte.
     *
     * @param value the capture file
     * @return this builder
     */
    public Builder file(Path value) {
      file = Objects.requireNonNull(value, "file");
      return this;
    }

    /**
     * Sets how many bytes the tool wrote to the stream, as captured (at most the output cap).
     *
     * @param value the byte count, not negative
     * @return this builder
     */
    public Builder bytes(long value) {
      bytes = value;
      return this;
    }

    /**
     * Sets how many lines: line feeds, plus one when the last line has none.
     *
     * @param value the line count, not negative
     * @return this builder
     */
    public Builder lines(long value) {
      lines = value;
      return this;
    }

    /**
     * Sets the SHA-256 of the captured bytes, 64 lowercase hex digits.
     *
     * @param value the hash
     * @return this builder
     */
    public Builder sha256(String value) {
      sha256 = Objects.requireNonNull(value, "sha256");
      return this;
    }

    /**
     * Sets the first captured bytes (at most {@link StreamCapture#HEAD_BYTES}), for the excerpt.
     *
     * @param value the first bytes, at most {@code bytes} of them; copied
     * @return this builder
     */
    public Builder head(byte[] value) {
      head = Objects.requireNonNull(value, "head").clone();
      return this;
    }

    /**
     * Sets whether the stream reached the output cap and the rest was discarded.
     *
     * @param value whether the cap was reached
     * @return this builder
     */
    public Builder truncated(boolean value) {
      truncated = value;
      return this;
    }

    /**
     * Builds the stream.
     *
     * @return the stream
     * @throws NullPointerException if the file or the hash is missing
     * @throws IllegalArgumentException if a count is negative or the head is longer than the stream
     */
    public CapturedStream build() {
      return new CapturedStream(this);
    }
  }
}
