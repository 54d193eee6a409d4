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
package dev.threegate.result;

import dev.threegate.exec.NetworkDestination;
import dev.threegate.request.Section;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Tool Result read back from its Markdown: the upstream fields typed, this library's own fields
 * where present, and the body's sections. Immutable.
 *
 * <p>{@link ToolResultParser} builds results with {@link #builder()}; {@link #newBuilder()} makes a
 * variant of one. A result is a value: two results with the same values are equal.
 */
public final class ToolResult {
  private final String sourceName;
  private final String resultId;
  private final Instant createdUtc;
  private final String requestId;
  private final String executor;
  private final String backend;
  private final int exitCode;
  private final double runtimeSec;
  private final String networkUsed;
  private final List<NetworkDestination> networkDestinations;
  private final List<ResultArtifact> artifacts;
  private final String stdoutSha256;
  private final String stderrSha256;
  private final Optional<String> status;
  private final Optional<String> requestSha256;
  private final Optional<String> networkEnforcement;
  private final Optional<String> approval;
  private final Optional<String> approvalKeyId;
  private final Optional<String> approvedBy;
  private final List<Section> sections;

  private ToolResult(Builder builder) {
    sourceName = Objects.requireNonNull(builder.sourceName, "sourceName");
    resultId = Objects.requireNonNull(builder.resultId, "resultId");
    createdUtc = Objects.requireNonNull(builder.createdUtc, "createdUtc");
    requestId = Objects.requireNonNull(builder.requestId, "requestId");
    executor = Objects.requireNonNull(builder.executor, "executor");
    backend = Objects.requireNonNull(builder.backend, "backend");
    exitCode = builder.exitCode;
    runtimeSec = builder.runtimeSec;
    networkUsed = Objects.requireNonNull(builder.networkUsed, "networkUsed");
    networkDestinations = List.copyOf(builder.networkDestinations);
    artifacts = List.copyOf(builder.artifacts);
    stdoutSha256 = Objects.requireNonNull(builder.stdoutSha256, "stdoutSha256");
    stderrSha256 = Objects.requireNonNull(builder.stderrSha256, "stderrSha256");
    status = builder.status;
    requestSha256 = builder.requestSha256;
    networkEnforcement = builder.networkEnforcement;
    approval = builder.approval;
    approvalKeyId = builder.approvalKeyId;
    approvedBy = builder.approvedBy;
    sections = List.copyOf(builder.sections);
  }

  /**
   * A builder for a result. Every value is required except {@code exitCode} and {@code runtimeSec},
   * which are 0, the lists, which are empty, and the optional values, which are empty, unless set.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this result's values, to make a variant of it.
   *
   * @return a builder with every value of this result
   */
  public Builder newBuilder() {
    Builder builder = new Builder();
    builder.sourceName = sourceName;
    builder.resultId = resultId;
    builder.createdUtc = createdUtc;
    builder.requestId = requestId;
    builder.executor = executor;
    builder.backend = backend;
    builder.exitCode = exitCode;
    builder.runtimeSec = runtimeSec;
    builder.networkUsed = networkUsed;
    builder.networkDestinations.addAll(networkDestinations);
    builder.artifacts.addAll(artifacts);
    builder.stdoutSha256 = stdoutSha256;
    builder.stderrSha256 = stderrSha256;
    builder.status = status;
    builder.requestSha256 = requestSha256;
    builder.networkEnforcement = networkEnforcement;
    builder.approval = approval;
    builder.approvalKeyId = approvalKeyId;
    builder.approvedBy = approvedBy;
    builder.sections.addAll(sections);
    return builder;
  }

  /**
   * Where it was read from.
   *
   * @return the source name
   */
  public String sourceName() {
    return sourceName;
  }

  /**
   * {@code result_id}.
   *
   * @return the result id
   */
  public String resultId() {
    return resultId;
  }

  /**
   * {@code created_utc}.
   *
   * @return when it was written
   */
  public Instant createdUtc() {
    return createdUtc;
  }

  /**
   * {@code request_id}.
   *
   * @return the request id
   */
  public String requestId() {
    return requestId;
  }

  /**
   * {@code executor}.
   *
   * @return the executor
   */
  public String executor() {
    return executor;
  }

  /**
   * {@code backend}.
   *
   * @return the backend
   */
  public String backend() {
    return backend;
  }

  /**
   * {@code exit_code}.
   *
   * @return the exit code
   */
  public int exitCode() {
    return exitCode;
  }

  /**
   * {@code runtime_sec}.
   *
   * @return the runtime in seconds
   */
  public double runtimeSec() {
    return runtimeSec;
  }

  /**
   * {@code network_used}.
   *
   * @return the network used
   */
  public String networkUsed() {
    return networkUsed;
  }

  /**
   * {@code network_destinations}: where the tool tried to go through the gate's egress proxy,
   * allowed or denied, with the bytes each way; empty unless {@code network_enforcement} is {@code
   * proxy_allowlist} (and for results that list none, such as the upstream {@code []}).
   *
   * @return the destinations, in the order the result lists them
   */
  public List<NetworkDestination> networkDestinations() {
    return networkDestinations;
  }

  /**
   * {@code artifacts}.
   *
   * @return the artifacts
   */
  public List<ResultArtifact> artifacts() {
    return artifacts;
  }

  /**
   * {@code stdout_sha256}; empty when absent.
   *
   * @return the stdout hash, or empty
   */
  public String stdoutSha256() {
    return stdoutSha256;
  }

  /**
   * {@code stderr_sha256}; empty when absent.
   *
   * @return the stderr hash, or empty
   */
  public String stderrSha256() {
    return stderrSha256;
  }

  /**
   * {@code status}, when present.
   *
   * @return the status
   */
  public Optional<String> status() {
    return status;
  }

  /**
   * {@code request_sha256}, when present.
   *
   * @return the request hash
   */
  public Optional<String> requestSha256() {
    return requestSha256;
  }

  /**
   * {@code network_enforcement}, when present.
   *
   * @return the network enforcement
   */
  public Optional<String> networkEnforcement() {
    return networkEnforcement;
  }

  /**
   * {@code approval}, when present: {@code declared} (the request's own {@code approved_by}, not
   * verified) or {@code signed} (a signed approval the gate verified).
   *
   * @return how the approval was established
   */
  public Optional<String> approval() {
    return approval;
  }

  /**
   * {@code approval_key_id}, present when the approval was signed: the id of the approver's key.
   *
   * @return the key id
   */
  public Optional<String> approvalKeyId() {
    return approvalKeyId;
  }

  /**
   * {@code approved_by}, when present: who approved, as the approval record names them.
   *
   * @return the approver's name
   */
  public Optional<String> approvedBy() {
    return approvedBy;
  }

  /**
   * The body's level-two sections in order.
   *
   * @return the sections
   */
  public List<Section> sections() {
    return sections;
  }

  /**
   * The first section with the given title.
   *
   * @param title the heading text, such as {@code Stdout}
   * @return the section, or empty
   */
  public Optional<Section> section(String title) {
    return sections.stream().filter(s -> s.title().equals(title)).findFirst();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ToolResult that
        && sourceName.equals(that.sourceName)
        && resultId.equals(that.resultId)
        && createdUtc.equals(that.createdUtc)
        && requestId.equals(that.requestId)
        && executor.equals(that.executor)
        && backend.equals(that.backend)
        && exitCode == that.exitCode
        && Double.compare(runtimeSec, that.runtimeSec) == 0
        && networkUsed.equals(that.networkUsed)
        && networkDestinations.equals(that.networkDestinations)
        && artifacts.equals(that.artifacts)
        && stdoutSha256.equals(that.stdoutSha256)
        && stderrSha256.equals(that.stderrSha256)
        && status.equals(that.status)
        && requestSha256.equals(that.requestSha256)
        && networkEnforcement.equals(that.networkEnforcement)
        && approval.equals(that.approval)
        && approvalKeyId.equals(that.approvalKeyId)
        && approvedBy.equals(that.approvedBy)
        && sections.equals(that.sections);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        sourceName, resultId, createdUtc, requestId, executor, backend, exitCode, runtimeSec,
        networkUsed, networkDestinations, artifacts, stdoutSha256, stderrSha256, status,
        requestSha256, networkEnforcement, approval, approvalKeyId, approvedBy, sections);
  }

  @Override
  public String toString() {
    return "ToolResult["
        + "sourceName=" + sourceName
        + ", resultId=" + resultId
        + ", createdUtc=" + createdUtc
        + ", requestId=" + requestId
        + ", executor=" + executor
        + ", backend=" + backend
        + ", exitCode=" + exitCode
        + ", runtimeSec=" + runtimeSec
        + ", networkUsed=" + networkUsed
        + ", networkDestinations=" + networkDestinations
        + ", artifacts=" + artifacts
        + ", stdoutSha256=" + stdoutSha256
        + ", stderrSha256=" + stderrSha256
        + ", status=" + status
        + ", requestSha256=" + requestSha256
        + ", networkEnforcement=" + networkEnforcement
        + ", approval=" + approval
        + ", approvalKeyId=" + approvalKeyId
        + ", approvedBy=" + approvedBy
        + ", sections=" + sections
        + "]";
  }

  /** Builds a {@link ToolResult}; not thread-safe. {@link #build()} checks the values. */
  public static final class Builder {
    private String sourceName;
    private String resultId;
    private Instant createdUtc;
    private String requestId;
    private String executor;
    private String backend;
    private int exitCode;
    private double runtimeSec;
    private String networkUsed;
    private final List<NetworkDestination> networkDestinations = new ArrayList<>();
    private final List<ResultArtifact> artifacts = new ArrayList<>();
    private String stdoutSha256;
    private String stderrSha256;
    private Optional<String> status = Optional.empty();
    private Optional<String> requestSha256 = Optional.empty();
    private Optional<String> networkEnforcement = Optional.empty();
    private Optional<String> approval = Optional.empty();
    private Optional<String> approvalKeyId = Optional.empty();
    private Optional<String> approvedBy = Optional.empty();
    private final List<Section> sections = new ArrayList<>();

    private Builder() {}

    /**
     * Sets where it was read from.
     *
     * @param value the source name
     * @return this builder
     */
    public Builder sourceName(String value) {
      sourceName = Objects.requireNonNull(value, "sourceName");
      return this;
    }

    /**
     * Sets {@code result_id}.
     *
     * @param value the result id
     * @return this builder
     */
    public Builder resultId(String value) {
      resultId = Objects.requireNonNull(value, "resultId");
      return this;
    }

    /**
     * Sets {@code created_utc}.
     *
     * @param value when it was written
     * @return this builder
     */
    public Builder createdUtc(Instant value) {
      createdUtc = Objects.requireNonNull(value, "createdUtc");
      return this;
    }

    /**
     * Sets {@code request_id}.
     *
     * @param value the request id
     * @return this builder
     */
    public Builder requestId(String value) {
      requestId = Objects.requireNonNull(value, "requestId");
      return this;
    }

    /**
     * Sets {@code executor}.
     *
     * @param value the executor
     * @return this builder
     */
    public Builder executor(String value) {
      executor = Objects.requireNonNull(value, "executor");
      return this;
    }

    /**
     * Sets {@code backend}.
     *
     * @param value the backend
     * @return this builder
     */
    public Builder backend(String value) {
      backend = Objects.requireNonNull(value, "backend");
      return this;
    }

    /**
     * Sets {@code exit_code}.
     *
     * @param value the exit code
     * @return this builder
     */
    public Builder exitCode(int value) {
      exitCode = value;
      return this;
    }

    /**
     * Sets {@code runtime_sec}.
     *
     * @param value the runtime in seconds
     * @return this builder
     */
    public Builder runtimeSec(double value) {
      runtimeSec = value;
      return this;
    }

    /**
     * Sets {@code network_used}.
     *
     * @param value the network used
     * @return this builder
     */
    public Builder networkUsed(String value) {
      networkUsed = Objects.requireNonNull(value, "networkUsed");
      return this;
    }

    /**
     * Replaces {@code network_destinations}.
     *
     * @param values the destinations
     * @return this builder
     */
    public Builder networkDestinations(List<NetworkDestination> values) {
      List<NetworkDestination> copy = List.copyOf(values);
      networkDestinations.clear();
      networkDestinations.addAll(copy);
      return this;
    }

    /**
     * Replaces {@code artifacts}.
     *
     * @param values the artifacts
     * @return this builder
     */
    public Builder artifacts(List<ResultArtifact> values) {
      List<ResultArtifact> copy = List.copyOf(values);
      artifacts.clear();
      artifacts.addAll(copy);
      return this;
    }

    /**
     * Sets {@code stdout_sha256}; empty when absent.
     *
     * @param value the stdout hash, or empty
     * @return this builder
     */
    public Builder stdoutSha256(String value) {
      stdoutSha256 = Objects.requireNonNull(value, "stdoutSha256");
      return this;
    }

    /**
     * Sets {@code stderr_sha256}; empty when absent.
     *
     * @param value the stderr hash, or empty
     * @return this builder
     */
    public Builder stderrSha256(String value) {
      stderrSha256 = Objects.requireNonNull(value, "stderrSha256");
      return this;
    }

    /**
     * Sets {@code status}, when present.
     *
     * @param value the status
     * @return this builder
     */
    public Builder status(Optional<String> value) {
      status = Objects.requireNonNull(value, "status");
      return this;
    }

    /**
     * Sets {@code request_sha256}, when present.
     *
     * @param value the request hash
     * @return this builder
     */
    public Builder requestSha256(Optional<String> value) {
      requestSha256 = Objects.requireNonNull(value, "requestSha256");
      return this;
    }

    /**
     * Sets {@code network_enforcement}, when present.
     *
     * @param value the network enforcement
     * @return this builder
     */
    public Builder networkEnforcement(Optional<String> value) {
      networkEnforcement = Objects.requireNonNull(value, "networkEnforcement");
      return this;
    }

    /**
     * Sets {@code approval}, when present.
     *
     * @param value {@code declared} or {@code signed}
     * @return this builder
     */
    public Builder approval(Optional<String> value) {
      approval = Objects.requireNonNull(value, "approval");
      return this;
    }

    /**
     * Sets {@code approval_key_id}, when present.
     *
     * @param value the approver's key id
     * @return this builder
     */
    public Builder approvalKeyId(Optional<String> value) {
      approvalKeyId = Objects.requireNonNull(value, "approvalKeyId");
      return this;
    }

    /**
     * Sets {@code approved_by}, when present.
     *
     * @param value the approver's name
     * @return this builder
     */
    public Builder approvedBy(Optional<String> value) {
      approvedBy = Objects.requireNonNull(value, "approvedBy");
      return this;
    }

    /**
     * Replaces the body's level-two sections in order.
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
     * Builds the result.
     *
     * @return the result
     * @throws NullPointerException if a required value is missing
     */
    public ToolResult build() {
      return new ToolResult(this);
    }
  }
}
