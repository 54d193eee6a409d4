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
package dev.threegate.langchain4j;

import dev.threegate.inbox.PendingReview;
import dev.threegate.trust.Approver;
import java.util.Objects;

/**
 * The host's human, asked to approve or reject a draft: the host's own UI, a queue, a chat with an
 * operator, or a test double. {@link ThreeGateCodeExecutionEngine} calls it with the draft as a
 * reviewer sees it and approves exactly those bytes ({@link PendingReview#sha256()}) with the
 * {@link Approver} the decision carries: the human's key, which the agent never holds.
 *
 * <p>The review text shows the request and each input's SHA-256, not the code itself: show the
 * human the code too, from {@code inbox.inputs(review.request().requestId())} (the request pins
 * each file's SHA-256, so what runs is what was shown).
 *
 * <p>The call may block while the human decides; the engine waits for it up to its approval
 * timeout, then interrupts it.
 */
@FunctionalInterface
public interface HumanApproval {
  /**
   * Asks the human about a draft.
   *
   * @param review the draft, its SHA-256 and the review text to show
   * @return the decision
   * @throws Exception if the human cannot be asked; the draft is then rejected and not run
   */
  Decision decide(PendingReview review) throws Exception;

  /**
   * Approves, signing with the human's key.
   *
   * @param approver the human's approver (name and key)
   * @return the decision
   */
  static Decision approve(Approver approver) {
    return new Approve(approver);
  }

  /**
   * Rejects.
   *
   * @param reason why, one line; the agent reads it
   * @return the decision
   */
  static Decision reject(String reason) {
    return new Reject(reason);
  }

  /** What the human decided. */
  sealed interface Decision permits Approve, Reject {}

  /**
   * Approved by this approver.
   *
   * @param approver the human's approver
   */
  record Approve(Approver approver) implements Decision {
    /**
     * Checks the component.
     *
     * @param approver the human's approver
     */
    public Approve {
      Objects.requireNonNull(approver, "approver");
    }
  }

  /**
   * Rejected.
   *
   * @param reason why, not blank
   */
  record Reject(String reason) implements Decision {
    /**
     * Checks the component.
     *
     * @param reason why, not blank
     */
    public Reject {
      Objects.requireNonNull(reason, "reason");
      if (reason.isBlank()) {
        throw new IllegalArgumentException("a rejection needs a reason");
      }
    }
  }
}
