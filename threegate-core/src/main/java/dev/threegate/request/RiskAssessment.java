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

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The request's {@code ## Risk Assessment} section.
 *
 * @param level the value of the {@code Risk level:} line, when it names a known level
 * @param text the whole section text
 */
public record RiskAssessment(Optional<Level> level, String text) {

  /**
   * Checks and copies the components.
   *
   * @param level the value of the {@code Risk level:} line, when it names a known level 
   * @param text the whole section text
   */
  public RiskAssessment {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(text, "text");
  }

  /** The risk levels a request may declare. */
  public enum Level {
    /** Low risk. */
    LOW,
    /** Medium risk. */
    MEDIUM,
    /** High risk. */
    HIGH;

    /**
     * Looks up a level by name, ignoring case.
     *
     * @param name the name as written, such as {@code low}
     * @return the level, or empty when unknown
     */
    public static Optional<Level> fromName(String name) {
      for (Level level : values()) {
        if (level.name().equals(name.toUpperCase(Locale.ROOT))) {
          return Optional.of(level);
        }
      }
      return Optional.empty();
    }
  }
}
