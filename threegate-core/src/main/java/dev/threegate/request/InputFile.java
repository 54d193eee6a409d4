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

import dev.threegate.internal.io.Sha256;
import java.util.Objects;

/**
 * A file the command reads from {@code /in}, as declared in the request's {@code inputs}.
 *
 * @param name the file name under {@code /in}, as written (a policy checks that it is plain)
 * @param sha256 the expected SHA-256 of the file's bytes, as written (a policy checks its form)
 */
public record InputFile(String name, String sha256) {
  /**
   * Checks and copies the components.
   *
   * @param name the file name under {@code /in}, as written (a policy checks that it is plain) 
   * @param sha256 the expected SHA-256 of the file's bytes, as written (a policy checks its form)
   */
  public InputFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sha256, "sha256");
  }

  /**
   * The declaration of an input with these bytes: its SHA-256 (64 lowercase hex digits) is
   * computed here, as the gate computes it when it stages the file.
   *
   * @param name the file name under {@code /in}
   * @param content the file's bytes
   * @return the declaration
   */
  public static InputFile of(String name, byte[] content) {
    Objects.requireNonNull(content, "content");
    return new InputFile(name, Sha256.hex(content));
  }
}
