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
import dev.threegate.request.ToolRequest;
import dev.threegate.result.WrittenResult;

/**
 * Observes a pipeline's progress, for metrics and audit logs. Every event names the request it is
 * about ({@link RequestRef}: the file name, and the request id once parsed), so a listener of
 * requests that run in parallel can tell them apart, and every request ends with exactly one
 * {@link #finished(RequestRef, Outcome)} carrying its outcome.
 *
 * <p>Every method has an empty default ({@link #NONE}). Methods are called on the thread running
 * the request, possibly from several threads at once; they should be fast and must not throw: an
 * exception from a listener is caught and ignored, it never changes an outcome.
 */
public interface PipelineListener {
  /** A listener that does nothing. */
  PipelineListener NONE = new PipelineListener() {};

  /**
   * The request was parsed.
   *
   * @param ref the request; its id is present
   * @param request the request
   */
  default void parsed(RequestRef ref, ToolRequest request) {}

  /**
   * The executor is about to run the request.
   *
   * @param ref the request
   * @param spec what it runs
   */
  default void executing(RequestRef ref, ExecutionSpec spec) {}

  /**
   * The executor returned.
   *
   * @param ref the request
   * @param result how the run ended (its files are still in the private run directory)
   */
  default void executed(RequestRef ref, ExecutionResult result) {}

  /**
   * The result was published.
   *
   * @param ref the request
   * @param written what was published
   */
  default void written(RequestRef ref, WrittenResult written) {}

  /**
   * Something went wrong that leaves the request's outcome as it is: the claim could not be
   * released, the private run directory could not be removed (a later {@link
   * ToolExecPipeline#sweepStale(java.nio.file.Path)} removes it), or a host's {@link Step} threw
   * or changed the outcome after it had proceeded.
   *
   * @param ref the request
   * @param problem what went wrong, for people
   * @param cause the failure
   */
  default void problem(RequestRef ref, String problem, Exception cause) {}

  /**
   * The request ended. Called exactly once per request, last, whatever the outcome, also when the
   * pipeline refused to start it (shut down).
   *
   * @param ref the request
   * @param outcome how it ended
   */
  default void finished(RequestRef ref, Outcome outcome) {}
}
