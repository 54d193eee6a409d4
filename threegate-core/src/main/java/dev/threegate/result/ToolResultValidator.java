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
package dev.threegate.result;

import dev.threegate.internal.result.StandardToolResultValidator;
import dev.threegate.problem.Verdict;
import java.nio.file.Path;

/**
 * Decides whether a Tool Result may be trusted by the side that consumes it: well-formed, with the
 * required keys, sections and safety statements, and free of forbidden content (embedded secrets,
 * instructions to ignore instructions or change the policy, instructions to fetch or execute,
 * inline executable payloads) anywhere in the document, tool output included. A result that trips
 * the scan is rejected even when the tool merely printed the text: that is by design. Never throws
 * for a bad result; thread-safe.
 */
@FunctionalInterface
public interface ToolResultValidator {

  /**
   * Judges a result file.
   *
   * @param resultFile the Tool Result Markdown file
   * @return the verdict, with every violation found (an unreadable file is a violation too)
   */
  Verdict validate(Path resultFile);

  /**
   * The standard validator: upstream's checks plus the forbidden-content scan.
   *
   * @return the validator
   */
  static ToolResultValidator standard() {
    return new StandardToolResultValidator(false);
  }

  /**
   * The standard validator that also checks every listed artifact against the files beside the
   * result: present, a regular file belonging to this result, with the listed size and SHA-256,
   * and scans the whole of every artifact (the complete stdout and stderr, every file from {@code
   * /out}) for forbidden content, each hit named {@code artifact <path>, line N}. Each artifact is
   * read once, in constant memory and linear time; long lines are scanned in overlapping windows
   * of 8,192 characters. Bytes are read as UTF-8, so text inside a binary file is scanned too, but
   * text stored compressed (a zip, a PNG's deflate stream) or in another encoding (UTF-16) is not
   * seen as text: a consumer that unpacks or decodes an artifact must scan what it unpacks.
   *
   * @return the validator
   */
  static ToolResultValidator verifyingArtifacts() {
    return new StandardToolResultValidator(true);
  }
}
