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

import java.util.Objects;

/**
 * A level-two section of a Markdown body (a Tool Request's or a Tool Result's).
 *
 * @param title the heading text, such as {@code Command}
 * @param line the 1-based line of the heading in the source file
 * @param text the raw lines under the heading up to the next section, without leading and
 *     trailing blank lines, joined with {@code \n}
 */
public record Section(String title, int line, String text) {
  /**
   * Checks and copies the components.
   *
   * @param title the heading text, such as {@code Command} 
   * @param line the 1-based line of the heading in the source file 
   * @param text the raw lines under the heading up to the next section, without leading and trailing blank lines, joined with {@code \n}
   */
  public Section {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(text, "text");
    if (line < 1) {
      throw new IllegalArgumentException("line must be positive: " + line);
    }
  }
}
