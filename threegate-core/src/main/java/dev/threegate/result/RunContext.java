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

import dev.threegate.request.ToolRequest;
import dev.threegate.trust.ApprovalRecord;
import java.util.Objects;
import java.util.Optional;

/**
 * What the gate knows of a run beyond the request and the execution, for its Tool Result: how the
 * approval was established and, when the policy was read from a file, that file's digest. Built
 * with {@link #builder(ApprovalRecord)}; immutable.
 */
public final class RunContext {
  private final ApprovalRecord approval;
  private final String policySha256;

  private RunContext(Builder builder) {
    this.approval = builder.approval;
    this.policySha256 = builder.policySha256;
  }

  /**
   * The context of a run whose approval the request declared, under a policy of no file.
   *
   * @param request the request
   * @return the context
   */
  public static RunContext declared(ToolRequest request) {
    return builder(ApprovalRecord.declared(request)).build();
  }

  /**
   * A builder.
   *
   * @param approval how the approval was established
   * @return a new builder
   */
  public static Builder builder(ApprovalRecord approval) {
    return new Builder(Objects.requireNonNull(approval, "approval"));
  }

  /**
   * How the request's approval was established.
   *
   * @return the approval record
   */
  public ApprovalRecord approval() {
    return approval;
  }

  /**
   * The SHA-256 of the policy file the request was judged by.
   *
   * @return 64 lowercase hex digits, if the policy was read from a file
   */
  public Optional<String> policySha256() {
    return Optional.ofNullable(policySha256);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RunContext that
        && approval.equals(that.approval)
        && Objects.equals(policySha256, that.policySha256);
  }

  @Override
  public int hashCode() {
    return Objects.hash(approval, policySha256);
  }

  @Override
  public String toString() {
    return "RunContext[approval=" + approval + ", policySha256=" + policySha256 + "]";
  }

  /** Builds a {@link RunContext}. */
  public static final class Builder {
    private final ApprovalRecord approval;
    private String policySha256;

    private Builder(ApprovalRecord approval) {
      this.approval = approval;
    }

    /**
     * Sets the SHA-256 of the policy file the request was judged by.
     *
     * @param value 64 lowercase hex digits
     * @return this builder
     */
    public Builder policySha256(String value) {
      if (!value.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("not a SHA-256: " + value);
      }
      policySha256 = value;
      return this;
    }

    /**
     * Builds the context.
     *
     * @return the context
     */
    public RunContext build() {
      return new RunContext(this);
    }
  }
}
