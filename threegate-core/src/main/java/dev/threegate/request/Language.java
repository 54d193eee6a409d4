package dev.threegate.request;

import java.util.Optional;

/** The language lane a Tool Request runs in. Any shell is forbidden and has no constant here. */
public enum Language {
  /** Python 3. */
  PYTHON("python"),
  /** Node.js. */
  NODE("node"),
  /** Ruby. */
  RUBY("ruby"),
  /** Go. */
  GO("go");

  private final String wireName;

  Language(String wireName) {
    this.wireName = wireName;
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
