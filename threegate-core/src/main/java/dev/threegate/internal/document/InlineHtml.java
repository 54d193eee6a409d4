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

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds what CommonMark could render as raw inline HTML in a paragraph's or a heading's text, in
 * one linear pass, without the inline parser (whose emphasis handling is slow on hostile text).
 * Stricter than CommonMark where that is cheaper: a {@code <} outside a code span and not escaped,
 * followed by a letter, {@code /}, {@code !} or {@code ?}, with a {@code >} somewhere after it,
 * counts as HTML, unless it is an autolink ({@code <https://…>}, {@code <a@b.c>}).
 */
final class InlineHtml {
  /** Receives each piece of HTML found. */
  interface Sink {
    /**
     * One piece of HTML.
     *
     * @param line its line within the text, from 0
     * @param shape its start, for messages
     */
    void found(int line, String shape);
  }

  private InlineHtml() {}

  static void find(String text, Sink sink) {
    if (text.indexOf('<') < 0) {
      return;
    }
    int lastClose = text.lastIndexOf('>');
    Map<Integer, ArrayDeque<Integer>> runsByLength = backtickRuns(text);
    int line = 0;
    int n = text.length();
    for (int i = 0; i < n; ) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        i++;
      } else if (c == '\\' && i + 1 < n && text.charAt(i + 1) != '\n') {
        // an escape: only an escaped '<', backtick or backslash changes what follows, and a
        // backslash before a line end is a hard break
        i += 2;
      } else if (c == '`') {
        int length = runLength(text, i);
        int close = closer(runsByLength, length, i + length);
        if (close < 0) {
          i += length; // no closer: the backticks are literal
        } else {
          for (int j = i; j < close + length; j++) {
            if (text.charAt(j) == '\n') {
              line++;
            }
          }
          i = close + length;
        }
      } else if (c == '<' && lastClose > i && startsHtml(text.charAt(i + 1)) && !autolink(text, i)) {
        sink.found(line, text.substring(i, Math.min(n, i + 40)));
        i++;
      } else {
        i++;
      }
    }
  }

  private static boolean startsHtml(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '!' || c == '?';
  }

  /**
   * Whether {@code <} at {@code at}, followed by a letter, {@code /}, {@code !} or {@code ?} and with
   * a {@code >} after it, opens an autolink: a scheme of 2 to 32 characters, a colon and no space,
   * {@code <} or {@code >} before the closing {@code >}; or an e-mail address. Scans at most up to
   * the next {@code <}, {@code >} or space, so the whole pass stays linear.
   */
  private static boolean autolink(String text, int at) {
    int end = at + 1;
    int colon = -1;
    int atSign = -1;
    for (char c = text.charAt(end); c != '>'; c = text.charAt(++end)) {
      if (c == '<' || c == ' ' || c == '\n' || c == '\t') {
        return false;
      }
      if (c == ':' && colon < 0) {
        colon = end;
      }
      if (c == '@' && atSign < 0) {
        atSign = end;
      }
    }
    if (colon > 0) {
      int scheme = colon - at - 1;
      if (scheme < 2 || scheme > 32) {
        return false;
      }
      // the first character is no digit, '+', '.' or '-' already
      for (int i = at + 1; i < colon; i++) {
        char c = text.charAt(i);
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '.' || c == '-')) {
          return false;
        }
      }
      return true;
    }
    return atSign > 0 && atSign < end - 1;
  }

  private static int runLength(String text, int from) {
    int end = from;
    while (end < text.length() && text.charAt(end) == '`') {
      end++;
    }
    return end - from;
  }

  /** The starts of every maximal backtick run, by its length, in order. */
  private static Map<Integer, ArrayDeque<Integer>> backtickRuns(String text) {
    Map<Integer, ArrayDeque<Integer>> runs = new HashMap<>();
    for (int i = text.indexOf('`'); i >= 0; ) {
      int length = runLength(text, i);
      runs.computeIfAbsent(length, k -> new ArrayDeque<>()).add(i);
      i = text.indexOf('`', i + length);
    }
    return runs;
  }

  /**
   * The start of the first maximal run of exactly {@code length} backticks at or after {@code from},
   * or -1. Drops the runs before {@code from}: the pass never looks back, so each run is dropped once.
   */
  private static int closer(Map<Integer, ArrayDeque<Integer>> runsByLength, int length, int from) {
    ArrayDeque<Integer> starts = runsByLength.get(length);
    if (starts == null) {
      return -1; // the rest of a run whose first backtick is escaped
    }
    while (!starts.isEmpty() && starts.peekFirst() < from) {
      starts.removeFirst();
    }
    return starts.isEmpty() ? -1 : starts.peekFirst();
  }
}
