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

/** How a run ended. Every status is an expected outcome, recorded in the Tool Result. */
public enum ExecutionStatus {
  /** The tool exited with code 0. */
  COMPLETED,
  /** The tool exited with a non-zero code. */
  NONZERO_EXIT,
  /** The time limit ran out and the tool was killed. */
  TIMED_OUT,
  /** A stream reached the output cap and the tool was stopped. */
  OUTPUT_LIMIT,
  /** The tool was killed by a signal or a limit other than time and output (memory, processes). */
  KILLED;

  /**
   * The name used in Tool Results.
   *
   * @return the lowercase name, such as {@code nonzero_exit}
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
