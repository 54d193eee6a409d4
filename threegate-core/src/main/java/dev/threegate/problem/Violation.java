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
package dev.threegate.problem;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One reason a document was refused.
 *
 * @param code a stable dotted identifier that hosts can match on, such as {@code command.chaining}
 *     or {@code approval.missing}; lowercase letters, digits and underscores in at least two
 *     dot-separated parts
 * @param where where the problem is, for people: a line ({@code "line 12"}), a field ({@code
 *     "inputs[0].name"}) or both
 * @param message what is wrong, for people
 */
public record Violation(String code, String where, String message) {
  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

  /**
   * Checks and copies the components.
   *
   * @param code a stable dotted identifier that hosts can match on, such as {@code command.chaining} or {@code approval.missing}; lowercase letters, digits and underscores in at least two dot-separated parts 
   * @param where where the problem is, for people: a line ({@code "line 12"}), a field ({@code "inputs[0].name"}) or both 
   * @param message what is wrong, for people
   */
  public Violation {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(message, "message");
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("not a dotted violation code: " + code);
    }
  }

  /** Returns {@code "code (where): message"}. */
  @Override
  public String toString() {
    return where.isEmpty() ? code + ": " + message : code + " (" + where + "): " + message;
  }
}
