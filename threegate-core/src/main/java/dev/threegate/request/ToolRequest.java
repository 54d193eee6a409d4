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

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed Tool Request: the typed front matter, the command and the body's sections, bound to
 * the exact bytes it was read from. A {@code ToolRequest} is well-formed but not yet judged: a
 * {@code PolicyValidator} decides whether it may run. Immutable.
 *
 * <p>Parsers build requests with {@link #builder()}; {@link #newBuilder()} makes a variant of one.
 * A request is a value: two requests with the same values are equal.
 */
public final class ToolRequest {
  private final String sourceName;
  private final String sourceSha256;
  private final String requestId;
  private final Instant createdUtc;
  private final String requestedBy;
  private final String approvedBy;
  private final Optional<Instant> approvedUtc;
  private final String purpose;
  private final Backend backend;
  private final Language language;
  private final NetworkMode network;
  private final List<String> networkAllowlist;
  private final ResourceLimits limits;
  private final List<InputFile> inputs;
  private final List<ExpectedOutput> outputsExpected;
  private final List<String> constraints;
  private final String command;
  private final List<Section> sections;
  private final RiskAssessment riskAssessment;

  private ToolRequest(Builder builder) {
    sourceName = Objects.requireNonNull(builder.sourceName, "sourceName");
    sourceSha256 = Objects.requireNonNull(builder.sourceSha256, "sourceSha256");
    requestId = Objects.requireNonNull(builder.requestId, "requestId");
    createdUtc = Objects.requireNonNull(builder.createdUtc, "createdUtc");
    requestedBy = Objects.requireNonNull(builder.requestedBy, "requestedBy");
    approvedBy = Objects.requireNonNull(builder.approvedBy, "approvedBy");
    approvedUtc = builder.approvedUtc;
    purpose = Objects.requireNonNull(builder.purpose, "purpose");
    backend = Objects.requireNonNull(builder.backend, "backend");
    language = Objects.requireNonNull(builder.language, "language");
    network = Objects.requireNonNull(builder.network, "network");
    networkAllowlist = List.copyOf(builder.networkAllowlist);
    limits = Objects.requireNonNull(builder.limits, "limits");
    inputs = List.copyOf(builder.inputs);
    outputsExpected = List.copyOf(builder.outputsExpected);
    constraints = List.copyOf(builder.constraints);
    command = Objects.requireNonNull(builder.command, "command");
    sections = List.copyOf(builder.sections);
    riskAssessment = Objects.requireNonNull(builder.riskAssessment, "riskAssessment");
  }

  /**
   * A builder for a request. Every value is required except the lists, which are empty, and {@code
   * approvedUtc}, which is empty, unless set.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this request's values, to make a variant of it.
   *
   * @return a builder with every value of this request
   */
  public Builder newBuilder() {
    Builder builder = new Builder();
    builder.sourceName = sourceName;
    builder.sourceSha256 = sourceSha256;
    builder.requestId = requestId;
    builder.createdUtc = createdUtc;
    builder.requestedBy = requestedBy;
    builder.approvedBy = approvedBy;
    builder.approvedUtc = approvedUtc;
    builder.purpose = purpose;
    builder.backend = backend;
    builder.language = language;
    builder.network = network;
    builder.networkAllowlist.addAll(networkAllowlist);
    builder.limits = limits;
    builder.inputs.addAll(inputs);
    builder.outputsExpected.addAll(outputsExpected);
    builder.constraints.addAll(constraints);
    builder.command = command;
    builder.sections.addAll(sections);
    builder.riskAssessment = riskAssessment;
    return builder;
  }

  /**
   * Where the request was read from, for messages (usually the file name).
   *
   * @return the source name
   */
  public String sourceName() {
    return sourceName;
  }

  /**
   * The SHA-256 of the exact source bytes, 64 lowercase hex digits.
   *
   * @return the hash
   */
  public String sourceSha256() {
    return sourceSha256;
  }

  /**
   * {@code request_id}, as written.
   *
   * @return the request id
   */
  public String requestId() {
    return requestId;
  }

  /**
   * {@code created_utc}.
   *
   * @return the creation time
   */
  public Instant createdUtc() {
    return createdUtc;
  }

  /**
   * {@code requested_by}, as written ({@code core_draft} or {@code human}).
   *
   * @return who requested it
   */
  public String requestedBy() {
    return requestedBy;
  }

  /**
   * {@code approved_by}; empty when absent or blank.
   *
   * @return who approved it, or empty
   */
  public String approvedBy() {
    return approvedBy;
  }

  /**
   * {@code approved_utc}; empty when absent or blank.
   *
   * @return the approval time, or empty
   */
  public Optional<Instant> approvedUtc() {
    return approvedUtc;
  }

  /**
   * {@code purpose}.
   *
   * @return the purpose
   */
  public String purpose() {
    return purpose;
  }

  /**
   * {@code backend}; {@link Backend#ERA} when absent.
   *
   * @return the backend
   */
  public Backend backend() {
    return backend;
  }

  /**
   * {@code language}.
   *
   * @return the language
   */
  public Language language() {
    return language;
  }

  /**
   * {@code network}.
   *
   * @return the network mode
   */
  public NetworkMode network() {
    return network;
  }

  /**
   * {@code network_allowlist}; empty when absent.
   *
   * @return the destinations
   */
  public List<String> networkAllowlist() {
    return networkAllowlist;
  }

  /**
   * {@code cpu_limit}, {@code memory_limit_mb} and {@code time_limit_sec}.
   *
   * @return the limits as written
   */
  public ResourceLimits limits() {
    return limits;
  }

  /**
   * {@code inputs}; empty when absent.
   *
   * @return the declared inputs
   */
  public List<InputFile> inputs() {
    return inputs;
  }

  /**
   * {@code outputs_expected}; empty when absent.
   *
   * @return the expected outputs
   */
  public List<ExpectedOutput> outputsExpected() {
    return outputsExpected;
  }

  /**
   * {@code constraints}; empty when absent.
   *
   * @return the constraints
   */
  public List<String> constraints() {
    return constraints;
  }

  /**
   * The command: the first non-empty line under {@code ## Command}, trimmed.
   *
   * @return the command
   */
  public String command() {
    return command;
  }

  /**
   * Every level-two section of the body, in document order.
   *
   * @return the sections
   */
  public List<Section> sections() {
    return sections;
  }

  /**
   * The {@code ## Risk Assessment} section.
   *
   * @return the risk assessment
   */
  public RiskAssessment riskAssessment() {
    return riskAssessment;
  }

  /**
   * The first section with the given title.
   *
   * @param title the heading text, such as {@code Command}
   * @return the section, or empty when the body has none with that title
   */
  public Optional<Section> section(String title) {
    return sections.stream().filter(s -> s.title().equals(title)).findFirst();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ToolRequest that
        && sourceName.equals(that.sourceName)
        && sourceSha256.equals(that.sourceSha256)
        && requestId.equals(that.requestId)
        && createdUtc.equals(that.createdUtc)
        && requestedBy.equals(that.requestedBy)
        && approvedBy.equals(that.approvedBy)
        && approvedUtc.equals(that.approvedUtc)
        && purpose.equals(that.purpose)
        && backend.equals(that.backend)
        && language.equals(that.language)
        && network.equals(that.network)
        && networkAllowlist.equals(that.networkAllowlist)
        && limits.equals(that.limits)
        && inputs.equals(that.inputs)
        && outputsExpected.equals(that.outputsExpected)
        && constraints.equals(that.constraints)
        && command.equals(that.command)
        && sections.equals(that.sections)
        && riskAssessment.equals(that.riskAssessment);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        sourceName, sourceSha256, requestId, createdUtc, requestedBy, approvedBy, approvedUtc,
        purpose, backend, language, network, networkAllowlist, limits, inputs, outputsExpected,
        constraints, command, sections, riskAssessment);
  }

  @Override
  public String toString() {
    return "ToolRequest["
        + "sourceName=" + sourceName
        + ", sourceSha256=" + sourceSha256
        + ", requestId=" + requestId
        + ", createdUtc=" + createdUtc
        + ", requestedBy=" + requestedBy
        + ", approvedBy=" + approvedBy
        + ", approvedUtc=" + approvedUtc
        + ", purpose=" + purpose
        + ", backend=" + backend
        + ", language=" + language
        + ", network=" + network
        + ", networkAllowlist=" + networkAllowlist
        + ", limits=" + limits
        + ", inputs=" + inputs
        + ", outputsExpected=" + outputsExpected
        + ", constraints=" + constraints
        + ", command=" + command
        + ", sections=" + sections
        + ", riskAssessment=" + riskAssessment
        + "]";
  }

  /** Builds a {@link ToolRequest}; not thread-safe. {@link #build()} checks the values. */
  public static final class Builder {
    private String sourceName;
    private String sourceSha256;
    private String requestId;
    private Instant createdUtc;
    private String requestedBy;
    private String approvedBy;
    private Optional<Instant> approvedUtc = Optional.empty();
    private String purpose;
    private Backend backend;
    private Language language;
    private NetworkMode network;
    private final List<String> networkAllowlist = new ArrayList<>();
    private ResourceLimits limits;
    private final List<InputFile> inputs = new ArrayList<>();
    private final List<ExpectedOutput> outputsExpected = new ArrayList<>();
    private final List<String> constraints = new ArrayList<>();
    private String command;
    private final List<Section> sections = new ArrayList<>();
    private RiskAssessment riskAssessment;

    private Builder() {}

    /**
     * Sets where the request was read from, for messages (usually the file name).
     *
     * @param value the source name
     * @return this builder
     */
    public Builder sourceName(String value) {
      sourceName = Objects.requireNonNull(value, "sourceName");
      return this;
    }

    /**
     * Sets the SHA-256 of the exact source bytes, 64 lowercase hex digits.
     *
     * @param value the hash
     * @return this builder
     */
    public Builder sourceSha256(String value) {
      sourceSha256 = Objects.requireNonNull(value, "sourceSha256");
      return this;
    }

    /**
     * Sets {@code request_id}, as written.
     *
     * @param value the request id
     * @return this builder
     */
    public Builder requestId(String value) {
      requestId = Objects.requireNonNull(value, "requestId");
      return this;
    }

    /**
     * Sets {@code created_utc}.
     *
     * @param value the creation time
     * @return this builder
     */
    public Builder createdUtc(Instant value) {
      createdUtc = Objects.requireNonNull(value, "createdUtc");
      return this;
    }

    /**
     * Sets {@code requested_by}, as written ({@code core_draft} or {@code human}).
     *
     * @param value who requested it
     * @return this builder
     */
    public Builder requestedBy(String value) {
      requestedBy = Objects.requireNonNull(value, "requestedBy");
      return this;
    }

    /**
     * Sets {@code approved_by}; empty when absent or blank.
     *
     * @param value who approved it, or empty
     * @return this builder
     */
    public Builder approvedBy(String value) {
      approvedBy = Objects.requireNonNull(value, "approvedBy");
      return this;
    }

    /**
     * Sets {@code approved_utc}; empty when absent or blank.
     *
     * @param value the approval time, or empty
     * @return this builder
     */
    public Builder approvedUtc(Optional<Instant> value) {
      approvedUtc = Objects.requireNonNull(value, "approvedUtc");
      return this;
    }

    /**
     * Sets {@code purpose}.
     *
     * @param value the purpose
     * @return this builder
     */
    public Builder purpose(String value) {
      purpose = Objects.requireNonNull(value, "purpose");
      return this;
    }

    /**
     * Sets {@code backend}; {@link Backend#ERA} when absent.
     *
     * @param value the backend
     * @return this builder
     */
    public Builder backend(Backend value) {
      backend = Objects.requireNonNull(value, "backend");
      return this;
    }

    /**
     * Sets {@code language}.
     *
     * @param value the language
     * @return this builder
     */
    public Builder language(Language value) {
      language = Objects.requireNonNull(value, "language");
      return this;
    }

    /**
     * Sets {@code network}.
     *
     * @param value the network mode
     * @return this builder
     */
    public Builder network(NetworkMode value) {
      network = Objects.requireNonNull(value, "network");
      return this;
    }

    /**
     * Replaces {@code network_allowlist}; empty when absent.
     *
     * @param values the destinations
     * @return this builder
     */
    public Builder networkAllowlist(List<String> values) {
      List<String> copy = List.copyOf(values);
      networkAllowlist.clear();
      networkAllowlist.addAll(copy);
      return this;
    }

    /**
     * Sets {@code cpu_limit}, {@code memory_limit_mb} and {@code time_limit_sec}.
     *
     * @param value the limits as written
     * @return this builder
     */
    public Builder limits(ResourceLimits value) {
      limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /**
     * Replaces {@code inputs}; empty when absent.
     *
     * @param values the declared inputs
     * @return this builder
     */
    public Builder inputs(List<InputFile> values) {
      List<InputFile> copy = List.copyOf(values);
      inputs.clear();
      inputs.addAll(copy);
      return this;
    }

    /**
     * Replaces {@code outputs_expected}; empty when absent.
     *
     * @param values the expected outputs
     * @return this builder
     */
    public Builder outputsExpected(List<ExpectedOutput> values) {
      List<ExpectedOutput> copy = List.copyOf(values);
      outputsExpected.clear();
      outputsExpected.addAll(copy);
      return this;
    }

    /**
     * Replaces {@code constraints}; empty when absent.
     *
     * @param values the constraints
     * @return this builder
     */
    public Builder constraints(List<String> values) {
      List<String> copy = List.copyOf(values);
      constraints.clear();
      constraints.addAll(copy);
      return this;
    }

    /**
     * Sets the command: the first non-empty line under {@code ## Command}, trimmed.
     *
     * @param value the command
     * @return this builder
     */
    public Builder command(String value) {
      command = Objects.requireNonNull(value, "command");
      return this;
    }

    /**
     * Replaces every level-two section of the body, in document order.
     *
     * @param values the sections
     * @return this builder
     */
    public Builder sections(List<Section> values) {
      List<Section> copy = List.copyOf(values);
      sections.clear();
      sections.addAll(copy);
      return this;
    }

    /**
     * Sets the {@code ## Risk Assessment} section.
     *
     * @param value the risk assessment
     * @return this builder
     */
    public Builder riskAssessment(RiskAssessment value) {
      riskAssessment = Objects.requireNonNull(value, "riskAssessment");
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     * @throws NullPointerException if a required value is missing
     */
    public ToolRequest build() {
      return new ToolRequest(this);
    }
  }
}
