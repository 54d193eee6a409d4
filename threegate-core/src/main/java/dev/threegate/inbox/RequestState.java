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

/** Where a request of an {@link Inbox} stands. */
public enum RequestState {
  /** Drafted, waiting for a human: never run from here. */
  PENDING,
  /** Approved by a human, waiting for a runner. */
  APPROVED,
  /** Approved, and a runner holds it right now. */
  RUNNING,
  /** Run: its Tool Result is in the results. */
  DONE,
  /** Rejected, by a human or by the gate, with its reasons. */
  REJECTED,
  /** The gate could not run it (not the tool's failure: that is {@link #DONE} with its exit code). */
  FAILED;

  /**
   * The lowercase name agents read.
   *
   * @return {@code pending}, {@code approved}, …
   */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
