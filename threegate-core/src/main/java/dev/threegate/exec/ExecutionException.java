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

import dev.threegate.problem.ThreeGateException;

/**
 * The executor's infrastructure failed: the sandbox could not start, was missing, refused, or
 * broke. A tool's non-zero exit, timeout or output overflow is not an exception but an {@link
 * ExecutionResult}.
 */
public final class ExecutionException extends ThreeGateException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, for people
   */
  public ExecutionException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what failed, for people
   * @param cause the underlying failure
   */
  public ExecutionException(String message, Throwable cause) {
    super(message, cause);
  }
}
