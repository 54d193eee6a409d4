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

import dev.threegate.exec.ExecutionResult;
import dev.threegate.request.ToolRequest;
import dev.threegate.result.RunContext;
import dev.threegate.trust.ApprovalRecord;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything a Tool Result document is rendered from.
 *
 * @param request the approved request that ran
 * @param result how it ran, every limit of the request already recorded
 * @param resultId the result's id
 * @param created when the result was written, to the second
 * @param files the files published beside the document
 * @param context how the request's approval was established, the policy's digest
 */
record ResultContent(
    ToolRequest request, ExecutionResult result, String resultId, Instant created, ResultFiles files, RunContext context) {
  ResultContent {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(resultId, "resultId");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(context, "context");
  }

  /** How the request's approval was established. */
  ApprovalRecord approval() {
    return context.approval();
  }

  /** The content of a result whose approval the request declared. */
  ResultContent(ToolRequest request, ExecutionResult result, String resultId, Instant created, ResultFiles files) {
    this(request, result, resultId, created, files, RunContext.declared(request));
  }

  /** The run's time in seconds, to the millisecond, as the front matter and the Summary give it. */
  double runtimeSec() {
    return result.runtime().toNanos() / 1_000_000L / 1000.0;
  }
}
