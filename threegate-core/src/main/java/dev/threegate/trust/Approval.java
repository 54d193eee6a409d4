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
package dev.threegate.trust;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a human approved: one request, identified by the SHA-256 of its exact bytes and by its id,
 * approved by a named person at a time, optionally under a named policy. The predicate {@code
 * https://threegate.dev/approval/v1} of a signed approval; built with {@link #builder()}.
 */
public final class Approval {
  /** The predicate type of signed approvals. */
  public static final String PREDICATE_TYPE = "https://threegate.dev/approval/v1";

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final String requestName;
  private final String requestSha256;
  private final String requestId;
  private final String approver;
  private final Instant approvedAt;
  private final String policySha256;

  private Approval(Builder builder) {
    this.requestName = require(builder.requestName, "requestName");
    this.requestSha256 = sha256(builder.requestSha256, "requestSha256");
    this.requestId = require(builder.requestId, "requestId");
    this.approver = require(builder.approver, "approver");
    this.approvedAt = Objects.requireNonNull(builder.approvedAt, "approvedAt");
    this.policySha256 = builder.policySha256 == null ? null : sha256(builder.policySha256, "policySha256");
  }

  /**
   * A builder with nothing set; every field but the policy's digest is required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The request file's name when it was approved (informative: files move).
   *
   * @return the name
   */
  public String requestName() {
    return requestName;
  }

  /**
   * The SHA-256 of the request file's exact bytes.
   *
   * @return 64 lowercase hex digits
   */
  public String requestSha256() {
    return requestSha256;
  }

  /**
   * The approved request's id.
   *
   * @return the {@code request_id}
   */
  public String requestId() {
    return requestId;
  }

  /**
   * Who approved, as they sign.
   *
   * @return the approver's name
   */
  public String approver() {
    return approver;
  }

  /**
   * When it was approved, by the approver's clock.
   *
   * @return the instant
   */
  public Instant approvedAt() {
    return approvedAt;
  }

  /**
   * The SHA-256 of the policy file in force when it was reviewed.
   *
   * @return 64 lowercase hex digits, if recorded
   */
  public Optional<String> policySha256() {
    return Optional.ofNullable(policySha256);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Approval that
        && requestName.equals(that.requestName)
        && requestSha256.equals(that.requestSha256)
        && requestId.equals(that.requestId)
        && approver.equals(that.approver)
        && approvedAt.equals(that.approvedAt)
        && Objects.equals(policySha256, that.policySha256);
  }

  @Override
  public int hashCode() {
    return Objects.hash(requestSha256, requestId, approver, approvedAt);
  }

  @Override
  public String toString() {
    return "Approval[" + requestId + " (" + requestName + ", sha256 " + requestSha256 + ") by "
        + approver + " at " + approvedAt + "]";
  }

  private static String require(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " is blank");
    }
    return value;
  }

  private static String sha256(String value, String name) {
    Objects.requireNonNull(value, name);
    if (!SHA256.matcher(value).matches()) {
      throw new IllegalArgumentException(name + " is not 64 lowercase hex digits: " + value);
    }
    return value;
  }

  /** Builds an {@link Approval}. */
  public static final class Builder {
    private String requestName;
    private String requestSha256;
    private String requestId;
    private String approver;
    private Instant approvedAt;
    private String policySha256;

    private Builder() {}

    /**
     * Sets the request file's name.
     *
     * @param value the name
     * @return this builder
     */
    public Builder requestName(String value) {
      this.requestName = value;
      return this;
    }

    /**
     * Sets the SHA-256 of the request file's exact bytes.
     *
     * @param value 64 lowercase hex digits
     * @return this builder
     */
    public Builder requestSha256(String value) {
      this.requestSha256 = value;
      return this;
    }

    /**
     * Sets the request's id.
     *
     * @param value the {@code request_id}
     * @return this builder
     */
    public Builder requestId(String value) {
      this.requestId = value;
      return this;
    }

    /**
     * Sets who approves.
     *
     * @param value the approver's name
     * @return this builder
     */
    public Builder approver(String value) {
      this.approver = value;
      return this;
    }

    /**
     * Sets when.
     *
     * @param value the instant
     * @return this builder
     */
    public Builder approvedAt(Instant value) {
      this.approvedAt = value;
      return this;
    }

    /**
     * Sets the SHA-256 of the policy in force.
     *
     * @param value 64 lowercase hex digits
     * @return this builder
     */
    public Builder policySha256(String value) {
      this.policySha256 = value;
      return this;
    }

    /**
     * Builds the approval.
     *
     * @return the approval
     * @throws NullPointerException if a required field is missing
     * @throws IllegalArgumentException if a field is blank or a digest is malformed
     */
    public Approval build() {
      return new Approval(this);
    }
  }
}
