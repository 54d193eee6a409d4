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
package dev.threegate.internal.document;

import dev.threegate.internal.yaml.Problems;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding that reports the line of every malformed sequence. */
public final class Utf8 {
  private static final int MAX_REPORTS = 10;

  private Utf8() {}

  /** Decodes; each malformed sequence becomes U+FFFD and a problem on its line. */
  public static String decode(byte[] bytes, Problems problems) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    int line = 1;
    int scanned = 0;
    int reports = 0;
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isUnderflow()) {
        decoder.flush(out);
        break;
      }
      if (result.isOverflow()) {
        throw new IllegalStateException("UTF-8 decoding overflowed its buffer");
      }
      for (; scanned < out.position(); scanned++) {
        if (out.get(scanned) == '\n') {
          line++;
        }
      }
      if (reports++ < MAX_REPORTS) {
        problems.add(
            "format.encoding",
            line,
            "invalid UTF-8 at byte offset " + in.position() + "; the request must be UTF-8 text");
      }
      in.position(in.position() + result.length());
      out.put('\uFFFD');
    }
    out.flip();
    return out.toString();
  }
}
