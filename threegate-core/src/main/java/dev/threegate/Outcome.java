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
import dev.threegate.problem.Violation;
import dev.threegate.request.ToolRequest;
import dev.threegate.result.WrittenResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one request ended. Every request ends in exactly one outcome: {@link Accepted} (it ran and a
 * Tool Result was written, whatever the tool's exit code), {@link Rejected} (format or policy;
 * nothing ran) or {@link Failed} (infrastructure; a reason and the stage that failed).
 */
public sealed interface Outcome permits Outcome.Accepted, Outcome.Rejected, Outcome.Failed {

  /**
   * The reference runner's exit code for this outcome.
   *
   * @return 0 accepted, 2 rejected, 3 failed
   */
  int exitCode();

  /**
   * Where the request came from, for messages.
   *
   * @return the request's source name
   */
  String source();

  /**
   * The request ran and its result was written. Every file path it holds points at a published
   * file beside the Tool Result, never into the private run directory (which is removed before the
   * outcome is returned): {@code execution().stdout().file()} and {@code stderr().file()} are the
   * published streams and each {@code execution().artifacts()} file is its published copy, the
   * same paths as {@code written().artifacts()}.
   *
   * @param request the approved request
   * @param execution how the run ended, with its files at their published paths
   * @param written the published result
   */
  record Accepted(ToolRequest request, ExecutionResult execution, WrittenResult written) implements Outcome {
    /**
     * Checks that no component is null.
     *
     * @param request the request
     * @param execution the run
     * @param written the result
     */
    public Accepted {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(execution, "execution");
      Objects.requireNonNull(written, "written");
    }

    @Override
    public int exitCode() {
      return 0;
    }

    @Override
    public String source() {
      return request.sourceName();
    }
  }

  /**
   * The request was refused before anything ran.
   *
   * @param source where the request came from
   * @param request the parsed request; empty when it could not be parsed
   * @param violations every reason, at least one
   */
  record Rejected(String source, Optional<ToolRequest> request, List<Violation> violations) implements Outcome {
    /**
     * Checks and copies the components.
     *
     * @param source the source
     * @param request the request, if parsed
     * @param violations the reasons
     */
    public Rejected {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(request, "request");
      violations = List.copyOf(violations);
      if (violations.isEmpty()) {
        throw new IllegalArgumentException("a rejection needs at least one violation");
      }
    }

    @Override
    public int exitCode() {
      return 2;
    }
  }

  /**
   * The infrastructure failed; whatever ran was stopped and nothing half-written is visible.
   *
   * @param source where the request came from
   * @param stage the stage that failed
   * @param message what failed, for people; names the stage
   * @param cause the underlying exception, if any
   */
  record Failed(String source, Stage stage, String message, Optional<Throwable> cause) implements Outcome {
    /**
     * Checks that no component is null.
     *
     * @param source the source
     * @param stage the stage
     * @param message the message
     * @param cause the cause, if any
     */
    public Failed {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(cause, "cause");
    }

    @Override
    public int exitCode() {
      return 3;
    }
  }

  /** The stages of the pipeline, as named in failures. */
  enum Stage {
    /** Reading the request file. */
    READ,
    /** The parser. */
    PARSE,
    /** The validator. */
    VALIDATE,
    /** Establishing the approval: the signed approval's check, where the policy or a trust store asks for it. */
    APPROVE,
    /** Claiming the request in the results directory, so it runs once. */
    CLAIM,
    /** Copying and verifying the declared inputs. */
    STAGE_INPUTS,
    /** The executor. */
    EXECUTE,
    /** The result writer. */
    WRITE,
    /** A host's own {@link Step}; the message names it. */
    STEP
  }
}
