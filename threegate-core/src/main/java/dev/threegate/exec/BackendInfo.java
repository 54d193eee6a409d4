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

import dev.threegate.request.Backend;
import java.util.Objects;

/**
 * Identifies an executor's backend and what it can enforce. Immutable; a value: two with the
 * same values are equal.
 *
 * <p>Executors build theirs with {@link #builder()}; {@link #newBuilder()} makes a variant.
 */
public final class BackendInfo {
  private final String name;
  private final String version;
  private final Capabilities capabilities;
  private final Backend kind;

  private BackendInfo(Builder builder) {
    name = Objects.requireNonNull(builder.name, "name");
    version = Objects.requireNonNull(builder.version, "version");
    capabilities = Objects.requireNonNull(builder.capabilities, "capabilities");
    kind = Objects.requireNonNull(builder.kind, "kind");
    if (kind == Backend.MONTY) {
      throw new IllegalArgumentException("no executor runs the Monty lane");
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
  }

  /**
   * A builder for a backend description. Every value is required.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this backend description's values, to make a variant of it.
   *
   * @return a builder with every value of this backend description
   */
  public Builder newBuilder() {
    Builder builder = new Builder();
    builder.name = name;
    builder.version = version;
    builder.capabilities = capabilities;
    builder.kind = kind;
    return builder;
  }

  /**
   * A short name recorded in results, such as {@code era} or {@code bubblewrap}.
   *
   * @return the name, not blank
   */
  public String name() {
    return name;
  }

  /**
   * The backend's version as far as it can be told; {@code unknown} otherwise.
   *
   * @return the version
   */
  public String version() {
    return version;
  }

  /**
   * What the backend can honour.
   *
   * @return the capabilities
   */
  public Capabilities capabilities() {
    return capabilities;
  }

  /**
   * The backend a request names to run here ({@code backend: ERA}, {@code backend: bubblewrap}); a
   * request naming another runs here only when the policy allows the substitution.
   *
   * @return the backend kind, not {@link Backend#MONTY}
   */
  public Backend kind() {
    return kind;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BackendInfo that
        && name.equals(that.name)
        && version.equals(that.version)
        && capabilities.equals(that.capabilities)
        && kind.equals(that.kind);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, version, capabilities, kind);
  }

  @Override
  public String toString() {
    return "BackendInfo["
        + "name=" + name
        + ", version=" + version
        + ", capabilities=" + capabilities
        + ", kind=" + kind
        + "]";
  }

  /** Builds a {@link BackendInfo}; not thread-safe. {@link #build()} checks the values. */
  public static final class Builder {
    private String name;
    private String version;
    private Capabilities capabilities;
    private Backend kind;

    private Builder() {}

    /**
     * Sets a short name recorded in results, such as {@code era} or {@code bubblewrap}.
     *
     * @param value the name, not blank
     * @return this builder
     */
    public Builder name(String value) {
      name = Objects.requireNonNull(value, "name");
      return this;
    }

    /**
     * Sets the backend's version as far as it can be told; {@code unknown} otherwise.
     *
     * @param value the version
     * @return this builder
     */
    public Builder version(String value) {
      version = Objects.requireNonNull(value, "version");
      return this;
    }

    /**
     * Sets what the backend can honour.
     *
     * @param value the capabilities
     * @return this builder
     */
    public Builder capabilities(Capabilities value) {
      capabilities = Objects.requireNonNull(value, "capabilities");
      return this;
    }

    /**
     * Sets the backend a request names to run here ({@code backend: ERA}, {@code backend:
     * bubblewrap}); a request naming another runs here only when the policy allows the
     * substitution.
     *
     * @param value the backend kind, not {@link Backend#MONTY}
     * @return this builder
     */
    public Builder kind(Backend value) {
      kind = Objects.requireNonNull(value, "kind");
      return this;
    }

    /**
     * Builds the backend description.
     *
     * @return the backend description
     * @throws NullPointerException if a value is missing
     * @throws IllegalArgumentException if the name is blank or the kind is {@link Backend#MONTY}
     */
    public BackendInfo build() {
      return new BackendInfo(this);
    }
  }
}
