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
package dev.threegate.trust;

import dev.threegate.problem.ThreeGateException;

/** Key material that is not a key this library accepts: not PEM, not a key, or another kind. */
public final class KeyFormatException extends ThreeGateException {
  private static final long serialVersionUID = 1L;

  /**
   * A key that cannot be used.
   *
   * @param message what is wrong with it
   */
  public KeyFormatException(String message) {
    super(message);
  }
}
