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
package dev.threegate.inbox;

import dev.threegate.problem.Verdict;
import dev.threegate.request.Section;
import dev.threegate.result.ToolResult;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The Tool Result of a request that ran, read back from the inbox's results.
 *
 * @param file the Tool Result file
 * @param result the parsed Tool Result
 * @param verdict {@link dev.threegate.result.ToolResultValidator#standard()}'s verdict on it
 * @param attestation the verdict of the inbox's {@link dev.threegate.result.ResultVerifier} on its
 *     signature and files; empty when the inbox has none, and then nothing verified who wrote it
 */
public record InboxResult(Path file, ToolResult result, Verdict verdict, Optional<Verdict> attestation) {
  /**
   * Checks the components.
   *
   * @param file the Tool Result file
   * @param result the parsed Tool Result
   * @param verdict the validator's verdict
   * @param attestation the verifier's verdict, if any
   */
  public InboxResult {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(attestation, "attestation");
  }

  /**
   * The excerpt of standard output the Tool Result shows (bounded by the writer), as written under
   * {@code ## Stdout}.
   *
   * @return the section's text, empty if missing
   */
  public String stdoutExcerpt() {
    return result.section("Stdout").map(Section::text).orElse("");
  }

  /**
   * The excerpt of standard error the Tool Result shows, as written under {@code ## Stderr}.
   *
   * @return the section's text, empty if missing
   */
  public String stderrExcerpt() {
    return result.section("Stderr").map(Section::text).orElse("");
  }

  /**
   * Whether every check made passed: the validator's and, when the inbox verifies attestations,
   * the verifier's. Without a verifier this says nothing of who wrote the result.
   *
   * @return true if every check made passed
   */
  public boolean passed() {
    return verdict.passed() && attestation.map(Verdict::passed).orElse(true);
  }
}
