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
package dev.threegate.mcp.internal;

/**
 * Makes text safe to hand to a model: control characters (but the line breaks and tabs a block
 * keeps) become visible escapes, and the length is bounded with a note saying so.
 */
public final class Sanitizer {
  private Sanitizer() {}

  /**
   * Text of one line: every control character escaped, cut at {@code max} characters.
   *
   * @param text the text
   * @param max the most characters kept
   * @return the line
   */
  public static String oneLine(String text, int max) {
    return escape(cut(text, max), false) + (text.length() > max ? "…" : "");
  }

  /**
   * A quoted line: {@code "text"}, escaped and cut.
   *
   * @param text the text
   * @param max the most characters kept
   * @return the quoted line
   */
  public static String quote(String text, int max) {
    return "\"" + oneLine(text, max).replace("\"", "\\\"") + "\"";
  }

  /**
   * A block of text: line breaks and tabs kept, every other control character escaped (carriage
   * returns too), cut at {@code max} characters.
   *
   * @param text the text
   * @param max the most characters kept
   * @return the block
   */
  public static String block(String text, int max) {
    return escape(cut(text, max), true);
  }

  /** The text cut at {@code max} characters, never inside a surrogate pair. */
  static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max;
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }

  private static String escape(String text, boolean block) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean keep = block && (c == '\n' || c == '\t');
      if (!keep && (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029
          || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0xfeff)) {
        out.append(String.format("<%s%04X>", "U+", (int) c));
      } else if (Character.isSurrogate(c) && !validPair(text, i)) {
        out.append("<U+FFFD>");
      } else {
        out.append(c);
        if (Character.isHighSurrogate(c)) {
          out.append(text.charAt(++i));
        }
      }
    }
    return out.toString();
  }

  private static boolean validPair(String text, int i) {
    return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
  }
}
