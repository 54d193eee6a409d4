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
package dev.threegate.internal.result;

/** The lines of a document being rendered, each ended by {@code \n}. */
final class Lines {
  private final StringBuilder text = new StringBuilder(16 * 1024);

  /** Adds one line. */
  Lines line(String line) {
    text.append(line).append('\n');
    return this;
  }

  /** Adds text that already ends its lines. */
  Lines raw(String lines) {
    text.append(lines);
    return this;
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
