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
 *
 * <p>New code builds capabilities with {@link #builder(Isolation)}; the constructors stay for
 * existing callers.
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

  /**
   * A builder for the capabilities of a backend with the given isolation. Unless set: no
   * language, {@code maxCommandBytes} 4096, and every boolean {@code false}.
   *
   * @param isolation how the backend separates the tool from the host
   * @return a builder
   */
  public static Builder builder(Isolation isolation) {
    return new Builder(isolation);
  }

  /**
   * A builder holding these capabilities, to make a variant of them.
   *
   * @return a builder with every component of this record
   */
  public Builder toBuilder() {
    return new Builder(isolation)
        .languages(languages)
        .maxCommandBytes(maxCommandBytes)
        .networkAllowlist(networkAllowlist)
        .fileInputs(fileInputs)
        .fileOutputs(fileOutputs)
        .enforcesAllLimits(enforcesAllLimits);
  }

  /** Builds {@link Capabilities}; not thread-safe. */
  public static final class Builder {
    /** The default for {@link #maxCommandBytes(int)}. */
    public static final int DEFAULT_MAX_COMMAND_BYTES = 4096;

    private Isolation isolation;
    private final Set<Language> languages = new java.util.LinkedHashSet<>();
    private int maxCommandBytes = DEFAULT_MAX_COMMAND_BYTES;
    private boolean networkAllowlist;
    private boolean fileInputs;
    private boolean fileOutputs;
    private boolean enforcesAllLimits;

    private Builder(Isolation isolation) {
      this.isolation = Objects.requireNonNull(isolation, "isolation");
    }

    /**
     * Sets how the backend separates the tool from the host.
     *
     * @param value the isolation
     * @return this builder
     */
    public Builder isolation(Isolation value) {
      isolation = Objects.requireNonNull(value, "isolation");
      return this;
    }

    /**
     * Replaces the languages the backend can run.
     *
     * @param values the languages
     * @return this builder
     */
    public Builder languages(Set<Language> values) {
      Set<Language> copy = Set.copyOf(values);
      languages.clear();
      languages.addAll(copy);
      return this;
    }

    /**
     * Adds languages the backend can run.
     *
     * @param values the languages
     * @return this builder
     */
    public Builder languages(Language... values) {
      for (Language value : values) {
        languages.add(Objects.requireNonNull(value, "language"));
      }
      return this;
    }

    /**
     * Sets the longest command the backend can carry.
     *
     * @param value UTF-8 bytes, at least 1
     * @return this builder
     */
    public Builder maxCommandBytes(int value) {
      maxCommandBytes = value;
      return this;
    }

    /**
     * Sets whether the backend can enforce {@code network: allowlist}.
     *
     * @param value whether it can
     * @return this builder
     */
    public Builder networkAllowlist(boolean value) {
      networkAllowlist = value;
      return this;
    }

    /**
     * Sets whether the backend can provide declared inputs under {@code /in}.
     *
     * @param value whether it can
     * @return this builder
     */
    public Builder fileInputs(boolean value) {
      fileInputs = value;
      return this;
    }

    /**
     * Sets whether the backend can collect files written to {@code /out}.
     *
     * @param value whether it can
     * @return this builder
     */
    public Builder fileOutputs(boolean value) {
      fileOutputs = value;
      return this;
    }

    /**
     * Sets whether the backend can enforce every limit of a run on this host.
     *
     * @param value whether it can
     * @return this builder
     */
    public Builder enforcesAllLimits(boolean value) {
      enforcesAllLimits = value;
      return this;
    }

    /**
     * Builds the capabilities.
     *
     * @return the capabilities
     * @throws IllegalArgumentException if {@code maxCommandBytes} is not positive
     */
    public Capabilities build() {
      return new Capabilities(isolation, languages, maxCommandBytes, networkAllowlist, fileInputs, fileOutputs, enforcesAllLimits);
    }
  }
}
