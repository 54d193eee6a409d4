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
package dev.threegate.internal.result;

import dev.threegate.exec.Artifact;
import dev.threegate.exec.EffectiveLimits;
import dev.threegate.exec.ExecutionResult;
import dev.threegate.internal.io.Sha256;
import dev.threegate.internal.text.Names;
import dev.threegate.request.ToolRequest;
import dev.threegate.result.RunContext;
import dev.threegate.result.ToolResultWriter;
import dev.threegate.result.WrittenResult;
import dev.threegate.trust.ApprovalRecord;
import dev.threegate.trust.Signer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * The standard {@link ToolResultWriter} (trusted computing base: changes here need a second look).
 * It completes the limits the executor reported, stages every file through a {@link
 * ResultPublisher}, renders the document with the {@link ResultRenderer} from what was staged,
 * and publishes it last: a reader who sees the Markdown file sees every artifact complete, and
 * nothing that exists is replaced.
 */
public final class StandardToolResultWriter implements ToolResultWriter {
  private final Clock clock;
  private final Optional<ResultAttestor> attestor;

  /**
   * Creates a writer that does not attest its results.
   *
   * @param clock the clock for {@code created_utc} and the result id
   */
  public StandardToolResultWriter(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.attestor = Optional.empty();
  }

  /**
   * Creates a writer that publishes each result's signed attestation, {@code
   * <result_id>.sigstore.json}, before its Markdown.
   *
   * @param clock the clock for {@code created_utc} and the result id
   * @param gateKey the gate's signing key
   * @param builderId the gate's identity in the attestations
   */
  public StandardToolResultWriter(Clock clock, Signer gateKey, String builderId) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.attestor = Optional.of(new ResultAttestor(gateKey, builderId));
  }

  @Override
  public WrittenResult write(ToolRequest request, ExecutionResult executed, Path resultsDir) throws IOException {
    Objects.requireNonNull(request, "request");
    return write(request, executed, RunContext.declared(request), resultsDir);
  }

  @Override
  public WrittenResult write(ToolRequest request, ExecutionResult executed, RunContext context, Path resultsDir)
      throws IOException {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(executed, "result");
    ApprovalRecord approval = Objects.requireNonNull(context, "context").approval();
    Objects.requireNonNull(resultsDir, "resultsDir");
    // every limit of the request is recorded, enforced or not, whatever the executor listed; an
    // output cap the executor did not report is the default one (the pipeline reports its own)
    ExecutionResult result = LimitCoverage.complete(executed, LimitCoverage.values(request.limits().cpu(),
        request.limits().memoryMb(), request.limits().timeSec(), EffectiveLimits.DEFAULT_MAX_OUTPUT_BYTES));
    Instant created = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    String resultId = Names.resultId(created, request.requestId());
    try (ResultPublisher publisher = ResultPublisher.open(resultsDir, resultId)) {
      publisher.stageStdout(result.stdout());
      publisher.stageStderr(result.stderr());
      if (approval instanceof ApprovalRecord.Signed signed) {
        publisher.stageApproval(signed.verified().bundle());
      }
      for (Artifact artifact : result.artifacts()) {
        publisher.stageOutput(artifact);
      }
      ResultContent content = new ResultContent(request, result, resultId, created, publisher.files(), context);
      byte[] markdown = ResultRenderer.renderBytes(content);
      publisher.stageMarkdown(markdown);
      if (attestor.isPresent()) {
        ResultFile document = new ResultFile(resultId + ".md", Sha256.hex(markdown), markdown.length);
        publisher.stageAttestation(attestor.get().attest(content, document));
      }
      return publisher.publish();
    }
  }
}
