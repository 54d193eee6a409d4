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
   * Whether a code point is a control or invisible formatting character that has no place in a
   * Tool Request: C0 controls other than tab, line feed and carriage return; DEL; C1 controls;
   * zero-width and bidirectional formatting characters; line and paragraph separators; the
   * byte-order mark; interlinear annotation characters.
   *
   * @param cp a code point
   * @return {@code true} when it is forbidden
   */
  public static boolean isForbiddenControl(int cp) {
    if (cp < 0x20) {
      return cp != '\t' && cp != '\n' && cp != '\r';
    }
    return cp == 0x7F
        || (cp >= 0x80 && cp <= 0x9F)
        || (cp >= 0x200B && cp <= 0x200F)
        || (cp >= 0x2028 && cp <= 0x202E)
        || (cp >= 0x2060 && cp <= 0x2069)
        || cp == 0xFEFF
        || (cp >= 0xFFF9 && cp <= 0xFFFB);
  }

  /**
   * Whether a code point looks like a space or like nothing while being neither U+0020 nor
   * visible: other whitespace and space separators (tab, no-break space, U+2000–U+200A, ideographic
   * space, …), line and paragraph separators, format characters (zero-width, bidirectional, soft
   * hyphen, tags, …), controls, fillers (Hangul fillers, braille blank), invisible marks (combining
   * grapheme joiner, variation selectors, Mongolian selectors, Khmer inherent vowels), private-use,
   * unassigned and lone surrogate code points.
   *
   * @param cp a code point
   * @return {@code true} when it must not appear in a field a person approves
   */
  public static boolean isInvisible(int cp) {
    if (cp == ' ') {
      return false;
    }
    if (cp < 0x7F) {
      return cp < 0x20;
    }
    switch (Character.getType(cp)) {
      case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.FORMAT,
          Character.CONTROL, Character.PRIVATE_USE, Character.UNASSIGNED, Character.SURROGATE -> {
        return true;
      }
      default -> {
        // fall through to the invisible letters and marks below
      }
    }
    return Character.isWhitespace(cp)
        || cp == 0x034F
        || cp == 0x115F
        || cp == 0x1160
        || (cp >= 0x17B4 && cp <= 0x17B5)
        || (cp >= 0x180B && cp <= 0x180F)
        || cp == 0x2800
        || cp == 0x3164
        || (cp >= 0xFE00 && cp <= 0xFE0F)
        || cp == 0xFFA0
        || (cp >= 0xE0100 && cp <= 0xE01EF);
  }

  /**
   * The first {@link #isInvisible invisible} code point of a text.
   *
   * @param text any text
   * @return the code point, or -1 when there is none
   */
  public static int firstInvisible(String text) {
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (isInvisible(cp)) {
        return cp;
      }
      i += Character.charCount(cp);
    }
    return -1;
  }

  /**
   * The first forbidden control character in a text, as a code point.
   *
   * @param text any text
   * @return the code point, or -1 when there is none
   */
  public static int firstForbiddenControl(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      // every forbidden character is in the Basic Multilingual Plane and no surrogate
      if ((c < 0x20 || (c >= 0x7F && c <= 0x9F) || c >= 0x200B) && isForbiddenControl(c)) {
        return c;
      }
    }
    return -1;
  }

  /**
   * Makes every control and invisible formatting character of a text visible as {@code \\uXXXX},
   * keeping everything else, line feeds and tabs included.
   *
   * @param text any text
   * @return the text without such characters
   */
  public static String escapeControls(String text) {
    return escape(text, cp -> isForbiddenControl(cp) || cp == '\r');
  }

  /**
   * Renders a text on one line as escapes, for a single-line context: line feeds, tabs and every
   * control or invisible formatting character become {@code \\uXXXX}.
   *
   * @param text any text
   * @return a single line
   */
  public static String oneLine(String text) {
    return escape(text, cp -> cp < 0x20 || isForbiddenControl(cp));
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
