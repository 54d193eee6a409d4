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

import java.util.Objects;

/**
 * Where a request stands, and why.
 *
 * @param requestId the request's id
 * @param state its state
 * @param detail one or more lines for people: for {@link RequestState#DONE} the exit code and
 *     status, for {@link RequestState#REJECTED} and {@link RequestState#FAILED} the reasons; empty
 *     otherwise
 */
public record RequestStatus(String requestId, RequestState state, String detail) {
  /**
   * Checks the components.
   *
   * @param requestId the request's id
   * @param state its state
   * @param detail the detail, possibly empty
   */
  public RequestStatus {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(detail, "detail");
  }
}
