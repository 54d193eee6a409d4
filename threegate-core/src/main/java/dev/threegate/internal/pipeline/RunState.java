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
package dev.threegate.internal.pipeline;

import dev.threegate.Outcome;
import dev.threegate.PipelineListener;
import dev.threegate.RequestRef;
import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.problem.Verdict;
import dev.threegate.trust.ApprovalRecord;
import dev.threegate.request.ToolRequest;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the pipeline knows about one request as it moves through the steps. Written only by the
 * built-in steps, each once, on the thread running the request; host steps read it through the
 * chain.
 */
public final class RunState {
  private final Path requestFile;
  private final String source;
  private final Optional<Path> inputsDir;
  private final Path resultsDir;
  private final Events events;
  private ToolRequest request;
  private Verdict verdict;
  private ApprovalRecord approval;
  private ExecutionSpec spec;
  private ExecutionResult execution;
  private Outcome.Accepted accepted;

  /**
   * Starts the state of a request.
   *
   * @param requestFile the request file
   * @param inputsDir the inputs directory, if any
   * @param resultsDir the results directory
   * @param listener the pipeline's listener
   */
  public RunState(Path requestFile, Optional<Path> inputsDir, Path resultsDir, PipelineListener listener) {
    this.requestFile = Objects.requireNonNull(requestFile, "requestFile");
    this.inputsDir = Objects.requireNonNull(inputsDir, "inputsDir");
    this.resultsDir = Objects.requireNonNull(resultsDir, "resultsDir");
    this.source = String.valueOf(requestFile.getFileName());
    this.events = new Events(listener, this);
  }

  /** @return the request file */
  public Path requestFile() {
    return requestFile;
  }

  /** @return the request file's name, for outcomes */
  public String source() {
    return source;
  }

  /** @return the inputs directory, if any */
  public Optional<Path> inputsDir() {
    return inputsDir;
  }

  /** @return the results directory */
  public Path resultsDir() {
    return resultsDir;
  }

  /** @return the listener, bound to this request */
  public Events events() {
    return events;
  }

  /** @return which request this is */
  public RequestRef ref() {
    return new RequestRef(source, Optional.ofNullable(request).map(ToolRequest::requestId));
  }

  /** @return the parsed request, once parsed */
  public Optional<ToolRequest> request() {
    return Optional.ofNullable(request);
  }

  /** @return the parsed request; only after the parse step */
  ToolRequest parsed() {
    if (request == null) {
      throw new IllegalStateException("the request has not been parsed");
    }
    return request;
  }

  void request(ToolRequest value) {
    request = value;
  }

  /** @return the verdict the request passed, once validated */
  public Optional<Verdict> verdict() {
    return Optional.ofNullable(verdict);
  }

  void verdict(Verdict value) {
    verdict = value;
  }

  /** @return how the request's approval was established, once it was */
  public Optional<ApprovalRecord> approval() {
    return Optional.ofNullable(approval);
  }

  void approval(ApprovalRecord value) {
    approval = value;
  }

  /** @return what the executor runs, once staged */
  public Optional<ExecutionSpec> spec() {
    return Optional.ofNullable(spec);
  }

  void spec(ExecutionSpec value) {
    spec = value;
  }

  /** @return the run, once executed (its files in the run directory) */
  Optional<ExecutionResult> execution() {
    return Optional.ofNullable(execution);
  }

  void execution(ExecutionResult value) {
    execution = value;
  }

  /** @return the outcome the write step produced, if it did */
  Optional<Outcome.Accepted> accepted() {
    return Optional.ofNullable(accepted);
  }

  void accepted(Outcome.Accepted value) {
    accepted = value;
  }
}
