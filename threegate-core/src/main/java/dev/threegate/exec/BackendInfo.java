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
package dev.threegate.exec;

import dev.threegate.request.Backend;
import java.util.Objects;

/**
 * Identifies an executor's backend and what it can enforce.
 *
 * @param name a short name recorded in results, such as {@code era} or {@code bubblewrap}
 * @param version the backend's version as far as it can be told; {@code unknown} otherwise
 * @param capabilities what the backend can honour
 * @param kind the backend a request names to run here ({@code backend: ERA}, {@code backend:
 *     bubblewrap}); a request naming another runs here only when the policy allows the
 *     substitution
 */
public record BackendInfo(String name, String version, Capabilities capabilities, Backend kind) {
  /**
   * Checks and copies the components.
   *
   * @param name a short name recorded in results, such as {@code era} or {@code bubblewrap} 
   * @param version the backend's version as far as it can be told; {@code unknown} otherwise 
   * @param capabilities what the backend can honour
   * @param kind the backend a request names to run here
   */
  public BackendInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(capabilities, "capabilities");
    Objects.requireNonNull(kind, "kind");
    if (kind == Backend.MONTY) {
      throw new IllegalArgumentException("no executor runs the Monty lane");
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
  }
}
