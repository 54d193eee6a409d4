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

import java.time.Instant;
import java.util.Objects;

/**
 * One destination a run tried to reach through the gate's egress proxy, and what the proxy did:
 * the audit record of where a tool went. A destination is a host name (or an IP literal, as the
 * tool wrote it) and a port; every attempt to the same destination adds to one record.
 *
 * @param host the host as the tool asked for it, lowercase
 * @param port the port
 * @param allowed whether the proxy connected it at least once
 * @param reason why it was denied (a short code such as {@code not_allowlisted}, {@code
 *     private_address}, {@code ip_literal}, {@code port_not_allowed}, {@code limit_connections}),
 *     or empty when every attempt was allowed
 * @param attempts how many connections the tool tried to it
 * @param bytesOut the bytes the proxy forwarded from the tool to it
 * @param bytesIn the bytes the proxy forwarded from it to the tool
 * @param firstSeen when the tool first asked for it
 */
public record NetworkDestination(
    String host, int port, boolean allowed, String reason, long attempts, long bytesOut, long bytesIn, Instant firstSeen) {
  /**
   * Checks the components.
   *
   * @param host the host, not blank
   * @param port 1 to 65535
   * @param allowed whether it was connected
   * @param reason the denial's reason, or empty
   * @param attempts at least 1
   * @param bytesOut at least 0
   * @param bytesIn at least 0
   * @param firstSeen when first asked for
   */
  public NetworkDestination {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(firstSeen, "firstSeen");
    if (host.isBlank()) {
      throw new IllegalArgumentException("a destination has a host");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (attempts < 1 || bytesOut < 0 || bytesIn < 0) {
      throw new IllegalArgumentException("negative counts: " + attempts + ", " + bytesOut + ", " + bytesIn);
    }
  }
}
