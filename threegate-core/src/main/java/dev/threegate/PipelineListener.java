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
package dev.threegate;

import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.problem.Violation;
import dev.threegate.request.ToolRequest;
import dev.threegate.result.WrittenResult;
import java.util.List;

/**
 * Observes a pipeline's progress, for metrics and audit logs. Every method has an empty default.
 * Methods are called on the thread running the request; they should be fast and must not throw
 * (an exception from a listener is caught and ignored, so it cannot change an outcome).
 */
public interface PipelineListener {
  /** A listener that does nothing. */
  PipelineListener NONE = new PipelineListener() {};

  /**
   * The request was parsed.
   *
   * @param request the request
   */
  default void parsed(ToolRequest request) {}

  /**
   * The request was rejected; nothing ran.
   *
   * @param source where it came from
   * @param violations why
   */
  default void rejected(String source, List<Violation> violations) {}

  /**
   * The executor is about to run the request.
   *
   * @param spec what it runs
   */
  default void executing(ExecutionSpec spec) {}

  /**
   * The executor returned.
   *
   * @param result how the run ended
   */
  default void executed(ExecutionResult result) {}

  /**
   * The result was published.
   *
   * @param written what was published
   */
  default void written(WrittenResult written) {}

  /**
   * Cleaning up after a request did not work: the claim could not be released or the private run
   * directory could not be removed. The request's outcome stands (a published result stays
   * published and its request is not run again); what is left behind is removed by a later
   * {@link ToolExecPipeline#sweepStale(java.nio.file.Path)}.
   *
   * @param source where the request came from
   * @param problem what could not be cleaned up, for people
   * @param cause the failure
   */
  default void cleanupFailed(String source, String problem, Exception cause) {}

  /**
   * The request failed.
   *
   * @param failure the outcome, with the stage and reason
   */
  default void failed(Outcome.Failed failure) {}
}
