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
package dev.threegate.internal.yaml;

import dev.threegate.problem.Violation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects format problems with their lines and returns them in source order. */
public final class Problems {
  private static final int MAX = 100;

  private record Located(int line, int sequence, Violation violation) {}

  private final List<Located> found = new ArrayList<>();

  public void add(String code, int line, String message) {
    add(code, line, "", message);
  }

  public void add(String code, int line, String field, String message) {
    if (found.size() < MAX) {
      String where = field.isEmpty() ? "line " + line : "line " + line + ", " + field;
      found.add(new Located(line, found.size(), new Violation(code, where, message)));
    }
  }

  public void addAll(List<Violation> violations) {
    for (Violation v : violations) {
      if (found.size() < MAX) {
        found.add(new Located(lineOf(v.where()), found.size(), v));
      }
    }
  }

  public boolean isEmpty() {
    return found.isEmpty();
  }

  public List<Violation> inSourceOrder() {
    return found.stream()
        .sorted(Comparator.comparingInt(Located::line).thenComparingInt(Located::sequence))
        .map(Located::violation)
        .toList();
  }

  private static int lineOf(String where) {
    if (!where.startsWith("line ")) {
      return 0;
    }
    int end = 5;
    while (end < where.length() && Character.isDigit(where.charAt(end))) {
      end++;
    }
    return end == 5 ? 0 : Integer.parseInt(where.substring(5, end));
  }
}
