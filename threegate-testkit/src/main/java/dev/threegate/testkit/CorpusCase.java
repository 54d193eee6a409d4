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
package dev.threegate.testkit;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * One case of the request conformance corpus: a request file's exact bytes and the verdict the
 * standard parser and {@code Policy.defaults()} must give it.
 *
 * @param name the case's name (its file name, or {@code generated:…} for a case built in code)
 * @param description what the case shows, for people
 * @param bytes the request file's exact bytes
 * @param expectedCodes the violation codes expected; empty when the request must be accepted
 */
public record CorpusCase(String name, String description, byte[] bytes, Set<String> expectedCodes) {

  /**
   * Checks and copies the components.
   *
   * @param name the case's name (its file name, or {@code generated:…} for a case built in code) 
   * @param description what the case shows, for people 
   * @param bytes the request file's exact bytes 
   * @param expectedCodes the violation codes expected; empty when the request must be accepted
   */
  public CorpusCase {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    bytes = bytes.clone();
    expectedCodes = Set.copyOf(expectedCodes);
  }

  /**
   * The request file's bytes.
   *
   * @return a copy of the bytes
   */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * Whether the request must be accepted.
   *
   * @return {@code true} when no violation is expected
   */
  public boolean expectsAccept() {
    return expectedCodes.isEmpty();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CorpusCase that
        && name.equals(that.name)
        && description.equals(that.description)
        && Arrays.equals(bytes, that.bytes)
        && expectedCodes.equals(that.expectedCodes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, description, Arrays.hashCode(bytes), expectedCodes);
  }

  /** Returns the case's name, for test reports. */
  @Override
  public String toString() {
    return name;
  }
}
