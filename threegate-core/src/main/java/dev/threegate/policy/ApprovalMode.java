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
package dev.threegate.policy;

/** How a request's approval is established before it runs. */
public enum ApprovalMode {
  /**
   * The request's {@code approved_by} and {@code approved_utc} fields are taken as declared, as
   * upstream ThreeGate does: anything able to write the request file can fill them in. The Tool
   * Result says the approval was declared, not verified.
   */
  DECLARED("declared"),
  /**
   * A signed approval of the request's exact bytes, by a trusted approver whose name is the
   * request's {@code approved_by}, must verify before anything runs (docs/approvals.md).
   */
  SIGNED("signed");

  private final String wireName;

  ApprovalMode(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The mode's name in policy files and Tool Results.
   *
   * @return {@code declared} or {@code signed}
   */
  public String wireName() {
    return wireName;
  }
}
