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

import java.util.List;
import java.util.Objects;

/**
 * A document that cannot be read: it lists <em>every</em> problem found, each a {@link Violation}
 * whose {@code where} gives the line. Subclasses name the kind of document.
 */
public abstract class FormatException extends ThreeGateException {
  private static final long serialVersionUID = 1L;

  private final String sourceName;
  private final transient List<Violation> problems;

  /**
   * Creates the exception.
   *
   * @param kind the kind of document, for the message, such as {@code Tool Request}
   * @param sourceName where the document was read from
   * @param problems every problem found, at least one
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  protected FormatException(String kind, String sourceName, List<Violation> problems) {
    super(describe(kind, sourceName, problems));
    this.sourceName = sourceName;
    this.problems = List.copyOf(problems);
  }

  private static String describe(String kind, String sourceName, List<Violation> problems) {
    Objects.requireNonNull(sourceName, "sourceName");
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a format error needs at least one problem");
    }
    StringBuilder message = new StringBuilder("malformed ").append(kind).append(' ').append(sourceName).append(':');
    for (Violation problem : problems) {
      message.append("\n  ").append(problem);
    }
    return message.toString();
  }

  /**
   * Where the document was read from.
   *
   * @return the source name
   */
  public String sourceName() {
    return sourceName;
  }

  /**
   * Every problem found, in source order.
   *
   * @return the problems, at least one
   */
  public List<Violation> problems() {
    return problems;
  }
}
