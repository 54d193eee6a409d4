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

import dev.threegate.problem.Verdict;
import dev.threegate.request.ToolRequest;
import java.util.Objects;

/**
 * A pending draft as a reviewer sees it.
 *
 * @param request the draft as parsed from the bytes reviewed
 * @param sha256 the SHA-256 of those bytes: pass it to {@link Inbox#approve} to approve exactly them
 * @param text the review for people ({@link dev.threegate.trust.Review#render}): what will run, the
 *     policy's verdict, and what the attached files say (each line quoted in printable ASCII, up
 *     to 64 KiB of text a file; a larger or binary file by its path; a file that is not the one
 *     the request pins, said to be so)
 * @param verdict the policy's verdict on the draft, the approval it still lacks left out
 */
public record PendingReview(ToolRequest request, String sha256, String text, Verdict verdict) {
  /**
   * Checks the components.
   *
   * @param request the draft
   * @param sha256 the digest of its bytes
   * @param text the review
   * @param verdict the policy's verdict
   */
  public PendingReview {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(verdict, "verdict");
  }
}
