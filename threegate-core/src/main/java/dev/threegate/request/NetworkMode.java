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
package dev.threegate.request;

import java.util.Optional;

/** The network access a Tool Request asks for. */
public enum NetworkMode {
  /** No network at all. */
  NONE("none"),
  /** Only the hosts listed in {@code network_allowlist}. */
  ALLOWLIST("allowlist");

  private final String wireName;

  NetworkMode(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The name used in Tool Requests and results.
   *
   * @return {@code none} or {@code allowlist}
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Looks up a mode by its exact wire name.
   *
   * @param name the name as written in a request
   * @return the mode, or empty when unknown
   */
  public static Optional<NetworkMode> fromWireName(String name) {
    for (NetworkMode mode : values()) {
      if (mode.wireName.equals(name)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
