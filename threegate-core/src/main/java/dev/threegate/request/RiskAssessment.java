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
