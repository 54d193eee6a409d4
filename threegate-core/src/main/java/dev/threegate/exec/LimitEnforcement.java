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

import java.util.Objects;

/**
 * Which mechanism enforced one limit of a run, as the executor knows it.
 *
 * @param limit the limit's name: {@code cpu}, {@code memory_mb}, {@code time_sec}, {@code
 *     output_bytes}, {@code processes} or {@code file_size_bytes}
 * @param value the value applied
 * @param enforcedBy the mechanism, such as {@code ERA --mem (microVM)} or {@code cgroup v2
 *     memory.max}; empty when nothing enforced it
 */
public record LimitEnforcement(String limit, long value, String enforcedBy) {
  /**
   * Checks the components.
   *
   * @param limit the name
   * @param value the value
   * @param enforcedBy the mechanism, or empty
   */
  public LimitEnforcement {
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(enforcedBy, "enforcedBy");
  }

  /**
   * Whether something enforced the limit.
   *
   * @return {@code true} when {@link #enforcedBy()} names a mechanism
   */
  public boolean enforced() {
    return !enforcedBy.isEmpty();
  }

  /**
   * A limit that nothing enforced.
   *
   * @param limit the name
   * @param value the value requested
   * @return the record
   */
  public static LimitEnforcement notEnforced(String limit, long value) {
    return new LimitEnforcement(limit, value, "");
  }
}
