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
package dev.threegate;

import java.util.Objects;
import java.util.Optional;

/**
 * Which request an event or a message is about, for hosts that run several at once.
 *
 * @param source the request file's name, as {@link Outcome#source()} gives it
 * @param requestId the request's {@code request_id}, once parsed; empty before, or when the file
 *     could not be parsed
 */
public record RequestRef(String source, Optional<String> requestId) {
  /**
   * Checks that no component is null.
   *
   * @param source the source name
   * @param requestId the request id, if known
   */
  public RequestRef {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(requestId, "requestId");
  }

  @Override
  public String toString() {
    return requestId.map(id -> source + " (" + id + ")").orElse(source);
  }
}
