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
package dev.threegate.problem;

/**
 * Root of the library's unchecked exceptions: format errors in documents it reads and failures of
 * the infrastructure it drives. Expected outcomes (a policy rejection, a non-zero exit, a timeout)
 * are values, never exceptions; misuse of the API raises the JDK's own exceptions.
 */
public abstract class ThreeGateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message for people.
   *
   * @param message what went wrong
   */
  protected ThreeGateException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message for people and its cause.
   *
   * @param message what went wrong
   * @param cause the underlying failure
   */
  protected ThreeGateException(String message, Throwable cause) {
    super(message, cause);
  }
}
