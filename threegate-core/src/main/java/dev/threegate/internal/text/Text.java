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
package dev.threegate.internal.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.IntPredicate;

/** Small text helpers shared by the parsers, validators and writers. */
public final class Text {
  private Text() {}

  /**
   * Shortens a text to at most 80 code points for a message and makes control and invisible
   * formatting characters visible as {@code \\uXXXX}.
   *
   * @param text any text
   * @return a one-line, printable rendering
   */
  public static String printable(String text) {
    int length = text.codePointCount(0, text.length());
    String head = length > 80 ? text.substring(0, text.offsetByCodePoints(0, 80)) : text;
    return oneLine(head) + (length > 80 ? "…" : "");
  }

  /**
   * Makes every control and invisible formatting character of a text visible as {@code \\uXXXX},
   * keeping everything else, line feeds and tabs included.
   *
   * @param text any text
   * @return the text without such characters
   */
  public static String escapeControls(String text) {
    return escape(text, cp -> CodePoints.isForbidden(cp) || cp == '\r');
  }

  /**
   * Renders a text on one line as escapes, for a single-line context: line feeds, tabs and every
   * control or invisible formatting character become {@code \\uXXXX}.
   *
   * @param text any text
   * @return a single line
   */
  public static String oneLine(String text) {
    return escape(text, CodePoints::isForbiddenOnOneLine);
  }

  /**
   * Decodes UTF-8 strictly: a malformed or unmappable sequence is an error, never a replacement
   * character.
   *
   * @param bytes the bytes
   * @return the text
   * @throws CharacterCodingException if the bytes are not UTF-8
   */
  public static String strictUtf8(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }

  /** The text with every code point that {@code escaped} selects written as {@code \\uXXXX}. */
  private static String escape(String text, IntPredicate escaped) {
    if (text.codePoints().noneMatch(escaped)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    text.codePoints().forEach(cp -> {
      if (escaped.test(cp)) {
        out.append(String.format("\\u%04X", cp));
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.toString();
  }
}
