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

import dev.threegate.request.ToolRequest;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How the approval of a request that ran was established, as its Tool Result records it: {@link
 * Declared} (the request's own {@code approved_by} and {@code approved_utc}, not verified) or
 * {@link Signed} (a signed approval verified against the gate's trust store).
 */
public sealed interface ApprovalRecord permits ApprovalRecord.Declared, ApprovalRecord.Signed {

  /**
   * Who approved.
   *
   * @return the approver's name
   */
  String approver();

  /**
   * The approval a request declares of itself.
   *
   * @param request the request
   * @return its declared approval
   */
  static ApprovalRecord declared(ToolRequest request) {
    return new Declared(request.approvedBy(), request.approvedUtc());
  }

  /**
   * A verified signed approval.
   *
   * @param verified what the verifier found
   * @return the record of it
   */
  static ApprovalRecord signed(ApprovalCheck.Verified verified) {
    return new Signed(verified);
  }

  /**
   * An approval declared by the request's own fields; nothing verified who wrote them.
   *
   * @param approver the request's {@code approved_by}
   * @param approvedAt its {@code approved_utc}, if any
   */
  record Declared(String approver, Optional<Instant> approvedAt) implements ApprovalRecord {
    /**
     * Checks the components.
     *
     * @param approver the approver
     * @param approvedAt when
     */
    public Declared {
      Objects.requireNonNull(approver, "approver");
      Objects.requireNonNull(approvedAt, "approvedAt");
    }
  }

  /**
   * A signed approval the gate verified.
   *
   * @param verified the verified approval, its key and its bundle
   */
  record Signed(ApprovalCheck.Verified verified) implements ApprovalRecord {
    /**
     * Checks the component.
     *
     * @param verified the verified approval
     */
    public Signed {
      Objects.requireNonNull(verified, "verified");
    }

    @Override
    public String approver() {
      return verified.approval().approver();
    }
  }
}
