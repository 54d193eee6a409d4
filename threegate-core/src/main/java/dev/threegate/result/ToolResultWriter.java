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

import dev.threegate.exec.ExecutionResult;
import dev.threegate.internal.result.StandardToolResultWriter;
import dev.threegate.request.ToolRequest;
import dev.threegate.trust.Signer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Writes the Tool Result of a run, with its artifacts, into a results directory.
 *
 * <p>Contract: a reader of the directory never sees a partial result, and nothing that exists is
 * ever overwritten. Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface ToolResultWriter {

  /**
   * Writes the result of a run.
   *
   * @param request the approved request that ran
   * @param result how the run ended and what it produced
   * @param resultsDir the results directory (created when missing)
   * @return what was published
   * @throws IOException if the result cannot be written; nothing of it is then left visible
   * @throws java.nio.file.FileAlreadyExistsException if a result with the same id exists
   */
  WrittenResult write(ToolRequest request, ExecutionResult result, Path resultsDir) throws IOException;

  /**
   * Writes the result of a run with what the gate knows of it: the pipeline calls this. The
   * standard writer records how the approval was established in the front matter ({@code
   * approval}, {@code approved_by}, {@code approval_key_id}) and the Provenance, publishes a copy
   * of a signed approval beside the result, and an attesting writer records the policy file's
   * digest; this default ignores the context and calls {@link #write(ToolRequest,
   * ExecutionResult, Path)}.
   *
   * @param request the approved request that ran
   * @param result how the run ended and what it produced
   * @param context how the approval was established, the policy's digest
   * @param resultsDir the results directory (created when missing)
   * @return what was published
   * @throws IOException if the result cannot be written; nothing of it is then left visible
   */
  default WrittenResult write(ToolRequest request, ExecutionResult result, RunContext context, Path resultsDir)
      throws IOException {
    return write(request, result, resultsDir);
  }

  /**
   * The standard writer: the Tool Result format, schema version 1 (front matter through a YAML
   * emitter, excerpts that no tool output can break out of, SHA-256 of every artifact, honest
   * safety notes), published atomically: the artifacts first, each by an atomic no-replace link or
   * rename, then the Markdown file last.
   *
   * @return the standard writer, using the system clock in UTC
   */
  static ToolResultWriter standard() {
    return new StandardToolResultWriter(Clock.systemUTC());
  }

  /**
   * The standard writer with a given clock for {@code created_utc} and the result id.
   *
   * @param clock the clock
   * @return the standard writer
   */
  static ToolResultWriter standard(Clock clock) {
    return new StandardToolResultWriter(clock);
  }

  /**
   * The standard writer that also attests each result: before the Markdown it publishes {@code
   * <result_id>.sigstore.json}, a Sigstore bundle v0.3 signed with the gate's key over an in-toto
   * statement with an SLSA Provenance v1 predicate whose subjects are the Markdown and every
   * artifact (docs/approvals.md). {@code threegate verify} and {@link ResultVerifier} check it
   * offline, as do Sigstore's own clients.
   *
   * @param clock the clock for {@code created_utc} and the result id
   * @param gateKey the gate's signing key
   * @param builderId the gate's identity, such as {@code https://gate.example.com/threegate}
   * @return the attesting writer
   */
  static ToolResultWriter attested(Clock clock, Signer gateKey, String builderId) {
    return new StandardToolResultWriter(clock, gateKey, builderId);
  }
}
