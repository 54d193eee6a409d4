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

import dev.threegate.exec.CapturedStream;
import dev.threegate.internal.text.Text;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Markdown that no untrusted text can break out of (trusted computing base). Untrusted values are
 * rendered only as inline code spans on a line the writer starts, and tool output only as
 * indented code blocks: no value or output line can become a heading, a fence, front matter, HTML
 * or the end of its block, for a CommonMark parser or for a line-based reader.
 */
final class Markdown {
  /** The most lines of a stream shown in its excerpt. */
  static final int EXCERPT_LINES = 200;

  private Markdown() {}

  /** A value as an inline code span on one line. */
  static String code(String value) {
    String line = Text.oneLine(value);
    if (line.isEmpty()) {
      return "(empty)";
    }
    int longest = 0;
    int run = 0;
    for (int i = 0; i < line.length(); i++) {
      run = line.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(longest + 1);
    boolean pad = line.startsWith("`") || line.endsWith("`") || line.startsWith(" ") || line.endsWith(" ");
    return pad ? fence + " " + line + " " + fence : fence + line + fence;
  }

  /**
   * The excerpt of a stream.
   *
   * @param lines the block's lines, each indented by four spaces
   * @param complete whether the block shows the whole stream
   */
  record Excerpt(List<String> lines, boolean complete) {}

  static Excerpt excerpt(CapturedStream stream) {
    byte[] head = stream.head();
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE)
              .decode(ByteBuffer.wrap(head))
              .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalStateException("a replacing decoder cannot fail", e);
    }
    String[] all = text.split("\n", -1);
    int count = text.endsWith("\n") ? all.length - 1 : all.length;
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < Math.min(count, EXCERPT_LINES); i++) {
      String line = Text.escapeControls(all[i]);
      lines.add(line.isBlank() ? "" : "    " + line);
    }
    boolean complete = !stream.truncated() && head.length == stream.bytes() && count <= EXCERPT_LINES;
    return new Excerpt(lines, complete);
  }
}
