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
package dev.threegate.result;

import dev.threegate.problem.FormatException;
import dev.threegate.problem.Violation;
import java.util.List;

/** A Tool Result that cannot be read; it lists every problem with its line. */
public final class ResultFormatException extends FormatException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param sourceName where the result was read from
   * @param problems every problem found, at least one
   */
  public ResultFormatException(String sourceName, List<Violation> problems) {
    super("Tool Result", sourceName, problems);
  }
}
