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

/**
 * How strongly an executor separates the tool from the host, weakest first. A policy may require a
 * minimum; comparisons use the declaration order.
 */
public enum Isolation {
  /** No sandbox: the tool runs as an ordinary host process (test doubles, trusted hosts only). */
  NONE,
  /** Linux namespaces on the host kernel (for example bubblewrap). */
  NAMESPACE,
  /** A separate guest kernel in a microVM (for example ERA). */
  MICROVM;

  /**
   * Whether this isolation is at least as strong as another.
   *
   * @param minimum the isolation required
   * @return {@code true} when this is {@code minimum} or stronger
   */
  public boolean atLeast(Isolation minimum) {
    return compareTo(minimum) >= 0;
  }
}
