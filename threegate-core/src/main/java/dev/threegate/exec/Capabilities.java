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
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What an executor can honour. Validation uses it to reject, before anything runs, a request the
 * backend cannot carry out as approved. Immutable; a value: two with the same values are equal.
 *
 * <p>Build capabilities with {@link #builder(Isolation)}; {@link #newBuilder()} makes a variant.
 */
public final class Capabilities {
  private final Isolation isolation;
  private final Set<Language> languages;
  private final int maxCommandBytes;
  private final boolean networkAllowlist;
  private final boolean fileInputs;
  private final boolean fileOutputs;
  private final boolean enforcesAllLimits;

  private Capabilities(Builder builder) {
    isolation = Objects.requireNonNull(builder.isolation, "isolation");
    languages = Set.copyOf(builder.languages);
    maxCommandBytes = builder.maxCommandBytes;
    networkAllowlist = builder.networkAllowlist;
    fileInputs = builder.fileInputs;
    fileOutputs = builder.fileOutputs;
    enforcesAllLimits = builder.enforcesAllLimits;
    if (maxCommandBytes < 1) {
      throw new IllegalArgumentException("maxCommandBytes must be positive: " + maxCommandBytes);
    }
  }

  /**
   * A builder for the capabilities of a backend with the given isolation. Unless set: no
   * language, {@code maxCommandBytes} {@value Builder#DEFAULT_MAX_COMMAND_BYTES}, and every boolean
   * {@code false}.
   *
   * @param isolation how the backend separates the tool from the host
   * @return a builder
   */
  public static Builder builder(Isolation isolation) {
    return new Builder(isolation);
  }

  /**
   * A builder holding these capabilities' values, to make a variant of them.
   *
   * @return a builder with every value of these capabilities
   */
  public Builder newBuilder() {
    Builder builder = new Builder(isolation);
    builder.languages.addAll(languages);
    builder.maxCommandBytes = maxCommandBytes;
    builder.networkAllowlist = networkAllowlist;
    builder.fileInputs = fileInputs;
    builder.fileOutputs = fileOutputs;
    builder.enforcesAllLimits = enforcesAllLimits;
    return builder;
  }

  /**
   * How the backend separates the tool from the host.
   *
   * @return the isolation
   */
  public Isolation isolation() {
    return isolation;
  }

  /**
   * The languages it can run.
   *
   * @return the languages
   */
  public Set<Language> languages() {
    return languages;
  }

  /**
   * The longest command it can carry, in UTF-8 bytes.
   *
   * @return UTF-8 bytes, at least 1
   */
  public int maxCommandBytes() {
    return maxCommandBytes;
  }

  /**
   * Whether it can enforce {@code network: allowlist}.
   *
   * @return whether it can
   */
  public boolean networkAllowlist() {
    return networkAllowlist;
  }

  /**
   * Whether it can provide declared inputs under {@code /in}.
   *
   * @return whether it can
   */
  public boolean fileInputs() {
    return fileInputs;
  }

  /**
   * Whether it can collect files written to {@code /out}.
   *
   * @return whether it can
   */
  public boolean fileOutputs() {
    return fileOutputs;
  }

  /**
   * Whether it can enforce every limit of a run on this host (what a policy with {@code
   * requireEnforcedLimits} asks for).
   *
   * @return whether it can
   */
  public boolean enforcesAllLimits() {
    return enforcesAllLimits;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Capabilities that
        && isolation.equals(that.isolation)
        && languages.equals(that.languages)
        && maxCommandBytes == that.maxCommandBytes
        && networkAllowlist == that.networkAllowlist
        && fileInputs == that.fileInputs
        && fileOutputs == that.fileOutputs
        && enforcesAllLimits == that.enforcesAllLimits;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        isolation, languages, maxCommandBytes, networkAllowlist, fileInputs, fileOutputs,
        enforcesAllLimits);
  }

  @Override
  public String toString() {
    return "Capabilities["
        + "isolation=" + isolation
        + ", languages=" + languages
        + ", maxCommandBytes=" + maxCommandBytes
        + ", networkAllowlist=" + networkAllowlist
        + ", fileInputs=" + fileInputs
        + ", fileOutputs=" + fileOutputs
        + ", enforcesAllLimits=" + enforcesAllLimits
        + "]";
  }

  /** Builds a {@link Capabilities}; not thread-safe. {@link #build()} checks the values. */
  public static final class Builder {
    /** The default for {@link #maxCommandBytes(int)}. */
    public static final int DEFAULT_MAX_COMMAND_BYTES = 4096;

    private Isolation isolation;
    private final Set<Language> languages = new LinkedHashSet<>();
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
     * Builds the capabilities.
     *
     * @return the capabilities
     * @throws IllegalArgumentException if {@code maxCommandBytes} is not positive
     */
    public Capabilities build() {
      return new Capabilities(this);
    }
  }
}
