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
package dev.threegate.request;

import dev.threegate.problem.FormatException;
import dev.threegate.problem.Violation;
import java.util.List;
import java.util.Optional;

/**
 * A Tool Request that cannot be read: not UTF-8, too large, no front matter, malformed YAML, a
 * missing or mistyped key, missing sections, an ambiguous command. It lists <em>every</em> problem
 * found, each with its line, as {@link Violation}s whose codes start with the part of the format
 * they concern ({@code format.*}, {@code field.*}, {@code section.*}, {@code command.*}, …).
 */
public final class RequestFormatException extends FormatException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param sourceName where the request was read from
   * @param problems every problem found, at least one
   */
  public RequestFormatException(String sourceName, List<Violation> problems) {
    this(sourceName, problems, null);
  }

  /**
   * Creates the exception with the request as far as it could be read.
   *
   * @param sourceName where the request was read from
   * @param problems every problem found, at least one
   * @param partial the request as far as it could be read, or {@code null}; a field named by a
   *     problem holds a placeholder
   */
  public RequestFormatException(String sourceName, List<Violation> problems, ToolRequest partial) {
    super("Tool Request", sourceName, problems);
    this.partial = partial;
  }

  private final transient ToolRequest partial;

  /**
   * The request as far as it could be read, so that a validator can report its violations
   * together with these problems ({@code PolicyValidator.validateMalformed}). Fields named by a
   * problem hold placeholders. Never run it.
   *
   * @return the partial request, or empty when too little could be read
   */
  public Optional<ToolRequest> partialRequest() {
    return Optional.ofNullable(partial);
  }
}
