package dev.threegate.exec;

import dev.threegate.request.Language;
import java.util.Objects;
import java.util.Set;

/**
 * What an executor can honour. Validation uses it to reject, before anything runs, a request the
 * backend cannot carry out as approved.
 *
 * @param isolation how the backend separates the tool from the host
 * @param languages the languages it can run
 * @param maxCommandBytes the longest command it can carry, in UTF-8 bytes
 * @param networkAllowlist whether it can enforce {@code network: allowlist}
 * @param fileInputs whether it can provide declared inputs under {@code /in}
 * @param fileOutputs whether it can collect files written to {@code /out}
 * @param enforcesAllLimits whether it can enforce every limit of a run on this host (what a policy
 *     with {@code requireEnforcedLimits} asks for)
 */
public record Capabilities(
    Isolation isolation,
    Set<Language> languages,
    int maxCommandBytes,
    boolean networkAllowlist,
    boolean fileInputs,
    boolean fileOutputs,
    boolean enforcesAllLimits) {

  /**
   * Checks and copies the components.
   *
   * @param isolation how the backend separates the tool from the host 
   * @param languages the languages it can run 
   * @param maxCommandBytes the longest command it can carry, in UTF-8 bytes 
   * @param networkAllowlist whether it can enforce {@code network: allowlist} 
   * @param fileInputs whether it can provide declared inputs under {@code /in} 
   * @param fileOutputs whether it can collect files written to {@code /out}
   * @param enforcesAllLimits whether it can enforce every limit of a run on this host
   */
  public Capabilities {
    Objects.requireNonNull(isolation, "isolation");
    languages = Set.copyOf(languages);
    if (maxCommandBytes < 1) {
      throw new IllegalArgumentException("maxCommandBytes must be positive: " + maxCommandBytes);
    }
  }

  /**
   * Capabilities of a backend that does not claim to enforce every limit.
   *
   * @param isolation how the backend separates the tool from the host
   * @param languages the languages it can run
   * @param maxCommandBytes the longest command it can carry, in UTF-8 bytes
   * @param networkAllowlist whether it can enforce {@code network: allowlist}
   * @param fileInputs whether it can provide declared inputs under {@code /in}
   * @param fileOutputs whether it can collect files written to {@code /out}
   */
  public Capabilities(Isolation isolation, Set<Language> languages, int maxCommandBytes, boolean networkAllowlist,
      boolean fileInputs, boolean fileOutputs) {
    this(isolation, languages, maxCommandBytes, networkAllowlist, fileInputs, fileOutputs, false);
  }
}
