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
package dev.threegate.internal.result;

import dev.threegate.internal.io.Sha256;
import dev.threegate.problem.Violation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * One pass over an artifact file (trusted computing base): its size, its SHA-256 and the
 * forbidden-content scan of its whole content, in constant memory and linear time. The bytes are
 * decoded as UTF-8 (invalid sequences as U+FFFD), so text in a binary file is scanned as well; a
 * line longer than {@value #WINDOW} characters is scanned in windows of that size that overlap by
 * {@value #OVERLAP} characters, longer than any pattern needs to see at once. Text that is stored
 * compressed or in another encoding (a zip, a PNG's deflate stream, UTF-16) is not seen as text.
 */
final class ArtifactScan {
  /** The longest stretch of one line scanned at once. */
  static final int WINDOW = 8192;

  /** How much of one window the next one repeats. */
  static final int OVERLAP = 1024;

  private static final int BUFFER = 64 * 1024;

  /**
   * What one pass found.
   *
   * @param bytes the file's size
   * @param sha256 its SHA-256, 64 lowercase hex digits
   * @param violations the forbidden content found, each with its line
   */
  record Scanned(long bytes, String sha256, List<Violation> violations) {}

  private ArtifactScan() {}

  /**
   * Reads a regular file once, not following a link.
   *
   * @param file the file
   * @param label how violations name it, such as its path beside the result
   */
  static Scanned scan(Path file, String label) throws IOException {
    Sha256 digest = new Sha256();
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    Lines lines = new Lines(new ForbiddenContent.Scan("artifact " + label + ", "));
    ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
    CharBuffer chars = CharBuffer.allocate(BUFFER);
    long size = 0;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      for (int n; (n = channel.read(bytes)) >= 0; ) {
        if (n == 0) {
          continue;
        }
        size += n;
        bytes.flip();
        digest.update(bytes.duplicate());
        decoder.decode(bytes, chars, false);
        lines.feed(chars.flip());
        chars.clear();
        bytes.compact();
      }
      bytes.flip();
      decoder.decode(bytes, chars, true);
      decoder.flush(chars);
      lines.feed(chars.flip());
      lines.end();
    }
    return new Scanned(size, digest.hex(), lines.scan.found());
  }

  /** Splits characters into lines, and long lines into overlapping windows. */
  private static final class Lines {
    private final ForbiddenContent.Scan scan;
    private final StringBuilder line = new StringBuilder(WINDOW);
    private long number = 1;
    private boolean pending;

    Lines(ForbiddenContent.Scan scan) {
      this.scan = scan;
    }

    void feed(CharBuffer chars) {
      while (chars.hasRemaining()) {
        char c = chars.get();
        if (c == '\n') {
          scan.line(line.toString(), number);
          line.setLength(0);
          pending = false;
          number++;
        } else {
          line.append(c);
          pending = true;
          if (line.length() == WINDOW) {
            scan.line(line.toString(), number);
            line.delete(0, WINDOW - OVERLAP);
          }
        }
      }
    }

    void end() {
      if (pending) {
        scan.line(line.toString(), number);
      }
    }
  }
}
