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

import java.util.Locale;
import java.util.Optional;

/**
 * The sandbox a request's {@code backend} key names: the one its approver chose, and the only one
 * it runs on unless the policy allows a substitution. {@link #MONTY} (upstream's other lane) is
 * recognised only to be refused with a clear reason.
 */
public enum Backend {
  /** ERA's ephemeral microVM, upstream's lane. The default when the key is absent. */
  ERA("ERA"),
  /** A bubblewrap namespace sandbox on the Linux host. */
  BUBBLEWRAP("bubblewrap"),
  /** A smolvm (libkrun) microVM on a host with KVM or Hypervisor.framework. */
  SMOLVM("smolvm"),
  /** The Monty lane (a Python interpreter subset); not supported by this library. */
  MONTY("monty");

  private final String wireName;

  Backend(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The name used in Tool Requests and results.
   *
   * @return {@code ERA}, {@code bubblewrap}, {@code smolvm} or {@code monty}
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Looks up a backend by name, ignoring case.
   *
   * @param name the name as written in a request
   * @return the backend, or empty when unknown
   */
  public static Optional<Backend> fromWireName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (Backend backend : values()) {
      if (backend.wireName.toLowerCase(Locale.ROOT).equals(lower)) {
        return Optional.of(backend);
      }
    }
    return Optional.empty();
  }
}
