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
package dev.threegate.inbox;

import dev.threegate.problem.Violation;
import java.util.List;
import java.util.Objects;

/** What {@link Inbox#submit(Draft)} did with a draft: written for review, or refused with every reason. */
public sealed interface Submission permits Submission.Submitted, Submission.Refused {

  /**
   * Whether the draft was written.
   *
   * @return true for {@link Submitted}
   */
  boolean submitted();

  /**
   * A draft written to the inbox, pending a human's approval.
   *
   * @param requestId the request's id
   * @param fileName the request file's name in the drafts
   * @param sha256 the SHA-256 of the request file's bytes: what a reviewer approves
   */
  record Submitted(String requestId, String fileName, String sha256) implements Submission {
    /**
     * Checks the components.
     *
     * @param requestId the request's id
     * @param fileName the request file's name in the drafts
     * @param sha256 the SHA-256 of the request file's bytes
     */
    public Submitted {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(fileName, "fileName");
      Objects.requireNonNull(sha256, "sha256");
    }

    @Override
    public boolean submitted() {
      return true;
    }
  }

  /**
   * A draft refused: nothing was written.
   *
   * @param violations every reason, at least one, so that the agent can fix the draft at once
   */
  record Refused(List<Violation> violations) implements Submission {
    /**
     * Checks and copies the components.
     *
     * @param violations every reason, at least one
     */
    public Refused {
      violations = List.copyOf(violations);
      if (violations.isEmpty()) {
        throw new IllegalArgumentException("a refusal has at least one violation");
      }
    }

    @Override
    public boolean submitted() {
      return false;
    }
  }
}
