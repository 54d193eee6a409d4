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

import java.util.Objects;

/**
 * A file the command is expected to leave in {@code /out}, as declared in {@code outputs_expected}.
 *
 * @param path the absolute path in the sandbox, as written (a policy checks that it is under
 *     {@code /out/})
 * @param description what the file holds, for people; empty when not given
 */
public record ExpectedOutput(String path, String description) {
  /**
   * Checks and copies the components.
   *
   * @param path the absolute path in the sandbox, as written (a policy checks that it is under {@code /out/}) 
   * @param description what the file holds, for people; empty when not given
   */
  public ExpectedOutput {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(description, "description");
  }
}
