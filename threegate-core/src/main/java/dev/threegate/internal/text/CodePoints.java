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

/**
 * The one classifier of the code points that must not pass unseen (trusted computing base: changes
 * here need a second look). Each predicate has its own contract and its own users; they differ on
 * purpose:
 *
 * <ul>
 *   <li>{@link #isControl}: the Unicode controls (general category Cc), which the command grammar
 *       refuses outright;
 *   <li>{@link #isBidiControl}: the explicit bidirectional formatting characters, which reorder
 *       what a viewer shows;
 *   <li>{@link #isForbidden}: what has no place anywhere in a Tool Request or a Tool Result: the
 *       controls but tab, line feed and carriage return, the bidirectional and zero-width format
 *       characters, the line and paragraph separators, the byte-order mark and the interlinear
 *       annotation characters;
 *   <li>{@link #isForbiddenOnOneLine}: the same, and tab, line feed and carriage return as well, for
 *       a value or a message that is one line;
 *   <li>{@link #isInvisible}: everything that shows as a space or as nothing without being U+0020,
 *       for a field a person approves word by word (wider than {@link #isForbidden}: it takes in
 *       every format character, space separator, private-use and unassigned code point);
 *   <li>{@link #isMark}: combining marks, which a viewer draws on the character before them.
 * </ul>
 */
public final class CodePoints {
  private CodePoints() {}

  /**
   * Whether a code point is a Unicode control, general category Cc: U+0000–U+001F, U+007F and
   * U+0080–U+009F (as {@link Character#isISOControl(int)}). Tab, line feed and carriage return
   * included.
   *
   * @param cp a code point
   * @return {@code true} for a control
   */
  public static boolean isControl(int cp) {
    return cp <= 0x9F && (cp < 0x20 || cp >= 0x7F);
  }

  /**
   * Whether a code point is an explicit bidirectional formatting character: the left-to-right and
   * right-to-left marks (U+200E, U+200F), embeddings and overrides (U+202A–U+202E) and isolates
   * (U+2066–U+2069). The Arabic letter mark (U+061C) is not counted here; {@link #isInvisible}
   * takes it in as a format character.
   *
   * @param cp a code point
   * @return {@code true} for one of them
   */
  public static boolean isBidiControl(int cp) {
    return cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
  }

  /**
   * Whether a code point has no place anywhere in a Tool Request (or a Tool Result's text): a
   * {@link #isControl control} other than tab, line feed and carriage return; a {@link
   * #isBidiControl bidirectional formatting character}; the zero-width space, non-joiner and joiner
   * (U+200B–U+200D); the line and paragraph separators (U+2028, U+2029); the word joiner and the
   * invisible operators (U+2060–U+2065); the byte-order mark (U+FEFF); the interlinear annotation
   * characters (U+FFF9–U+FFFB). Every one of them is in the Basic Multilingual Plane and none is a
   * surrogate.
   *
   * @param cp a code point
   * @return {@code true} when it is forbidden
   */
  public static boolean isForbidden(int cp) {
    if (cp < 0x20) {
      return cp != '\t' && cp != '\n' && cp != '\r';
    }
    return isControl(cp)
        || (cp >= 0x200B && cp <= 0x200D)
        || cp == 0x2028
        || cp == 0x2029
        || isBidiControl(cp)
        || (cp >= 0x2060 && cp <= 0x2065)
        || cp == 0xFEFF
        || (cp >= 0xFFF9 && cp <= 0xFFFB);
  }

  /**
   * Whether a code point has no place in a one-line value or message: a {@link #isForbidden
   * forbidden} one, or tab, line feed or carriage return (so every {@link #isControl control}).
   *
   * @param cp a code point
   * @return {@code true} when it must not stand on one line
   */
  public static boolean isForbiddenOnOneLine(int cp) {
    return cp < 0x20 || isForbidden(cp);
  }

  /**
   * Whether a code point looks like a space or like nothing while being neither U+0020 nor
   * visible: other whitespace and space separators (tab, no-break space, U+2000–U+200A, ideographic
   * space, …), line and paragraph separators, format characters (zero-width, bidirectional, soft
   * hyphen, tags, …), controls, fillers (Hangul fillers, braille blank), invisible marks (combining
   * grapheme joiner, variation selectors, Mongolian selectors, Khmer inherent vowels), private-use,
   * unassigned and lone surrogate code points. Every {@link #isForbidden forbidden} code point is
   * invisible.
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
   * Whether a code point is a combining mark (general category Mn, Mc or Me), drawn on the
   * character before it.
   *
   * @param cp a code point
   * @return {@code true} for a mark
   */
  public static boolean isMark(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK;
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
   * The first {@link #isForbidden forbidden} code point of a text.
   *
   * @param text any text
   * @return the code point, or -1 when there is none
   */
  public static int firstForbidden(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      // every forbidden code point is in the Basic Multilingual Plane and no surrogate: read chars
      if ((c < 0x20 || (c >= 0x7F && c <= 0x9F) || c >= 0x200B) && isForbidden(c)) {
        return c;
      }
    }
    return -1;
  }
}
