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
package dev.threegate.cli.internal;

import java.util.Comparator;
import java.util.List;

/** The names closest to a mistyped one, by edit distance. */
final class Suggestions {
  private Suggestions() {}

  /**
   * The candidates within a few edits of a name (or that it is a prefix of), closest first.
   *
   * @param name the mistyped name
   * @param candidates the names there are
   * @return at most three names
   */
  static List<String> closest(String name, List<String> candidates) {
    String typed = name.replaceFirst("^-+", "");
    int allowed = Math.max(1, Math.min(3, typed.length() / 3));
    return candidates.stream().distinct()
        .filter(c -> c.startsWith("--") || !c.startsWith("-"))
        .filter(c -> distance(typed, c.replaceFirst("^-+", "")) <= allowed || (typed.length() >= 3 && c.replaceFirst("^-+", "").startsWith(typed)))
        .sorted(Comparator.comparingInt((String c) -> distance(typed, c.replaceFirst("^-+", ""))).thenComparing(c -> c))
        .limit(3).toList();
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
