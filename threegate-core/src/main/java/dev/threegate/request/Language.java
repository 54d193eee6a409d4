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

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The language lane a Tool Request runs in, and the programs that run it. Any shell is forbidden
 * and has no constant here.
 */
public enum Language {
  /** Python 3: {@code python3}, {@code python} and versioned names such as {@code python3.11}. */
  PYTHON("python", "python|python3|python3\\.[0-9]{1,2}"),
  /** Node.js: {@code node} (Debian also names it {@code nodejs}). */
  NODE("node", "node|nodejs"),
  /** Ruby: {@code ruby} and versioned names such as {@code ruby3.1}. */
  RUBY("ruby", "ruby|ruby[0-9]\\.[0-9]{1,2}"),
  /** Go: {@code go}. */
  GO("go", "go");

  private final String wireName;
  private final Pattern programs;

  Language(String wireName, String programs) {
    this.wireName = wireName;
    this.programs = Pattern.compile(programs);
  }

  /**
   * The name used in Tool Requests and results.
   *
   * @return the lowercase name, such as {@code python}
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Whether a program name is one of this language's own programs. A policy may add programs
   * per language; see {@code Policy.Builder.allowPrograms}.
   *
   * @param name a program's file name, without a directory, such as {@code python3}
   * @return {@code true} when the name runs this language
   */
  public boolean isProgram(String name) {
    return name.length() <= 16 && programs.matcher(name).matches();
  }

  /**
   * Looks up a language by its exact wire name.
   *
   * @param name the name as written in a request
   * @return the language, or empty when the name is not one of {@code python}, {@code node},
   *     {@code ruby}, {@code go}
   */
  public static Optional<Language> fromWireName(String name) {
    for (Language language : values()) {
      if (language.wireName.equals(name)) {
        return Optional.of(language);
      }
    }
    return Optional.empty();
  }
}
