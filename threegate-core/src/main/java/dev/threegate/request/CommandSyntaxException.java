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

import dev.threegate.problem.ThreeGateException;
import dev.threegate.problem.Violation;
import java.util.Objects;

/**
 * A command that the {@link Command} grammar cannot turn into exactly one argv. It carries the
 * {@link Violation} a validator reports for it.
 */
public final class CommandSyntaxException extends ThreeGateException {
  private static final long serialVersionUID = 1L;

  private final transient Violation violation;

  /**
   * Creates the exception.
   *
   * @param violation why the command has no argv; its code is one of {@code command.missing},
   *     {@code command.quote_unbalanced}, {@code command.quote_glued},
   *     {@code command.control_character} or {@code command.invisible_character}
   */
  public CommandSyntaxException(Violation violation) {
    super(Objects.requireNonNull(violation, "violation").message());
    this.violation = violation;
  }

  /**
   * Why the command has no argv.
   *
   * @return the violation, with {@code where} set to {@code command}
   */
  public Violation violation() {
    return violation;
  }
}
