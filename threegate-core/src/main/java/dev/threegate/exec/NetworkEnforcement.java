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

import java.util.Locale;

/** What actually kept the tool off the network. A result never claims more than this. */
public enum NetworkEnforcement {
  /** The tool ran in a fresh network namespace of the host, with no interface but loopback. */
  HOST_NAMESPACE,
  /** The backend itself isolated the network and is trusted to have done so. */
  BACKEND,
  /**
   * The tool ran in a fresh network namespace with no interface but loopback, and reached the
   * network only through the gate's egress proxy, which let through the request's allowlisted
   * host names and recorded every destination ({@link ExecutionResult#networkDestinations()}).
   */
  PROXY_ALLOWLIST,
  /** Nothing enforced the network setting: the tool may have reached the network. */
  NOT_ENFORCED;

  /**
   * The name used in Tool Results.
   *
   * @return {@code host_namespace}, {@code backend}, {@code proxy_allowlist} or {@code not_enforced}
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
