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

import dev.threegate.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a pipeline {@link Outcome}. Assertions about the run read the published files of
 * an accepted outcome (the run's own directory is gone by then).
 */
public final class OutcomeAssert extends AbstractAssert<OutcomeAssert, Outcome> {

  OutcomeAssert(Outcome actual) {
    super(actual, OutcomeAssert.class);
  }

  /**
   * Verifies that the request ran and its result was written.
   *
   * @return this assertion
   */
  public OutcomeAssert isAccepted() {
    isNotNull();
    if (!(actual instanceof Outcome.Accepted)) {
      failWithMessage("Expected %s to be accepted but it was %s", actual.source(), describe());
    }
    return this;
  }

  /**
   * Verifies that the request was rejected.
   *
   * @return this assertion
   */
  public OutcomeAssert isRejected() {
    isNotNull();
    if (!(actual instanceof Outcome.Rejected)) {
      failWithMessage("Expected %s to be rejected but it was %s", actual.source(), describe());
    }
    return this;
  }

  /**
   * Verifies that the request was rejected with at least these violation codes.
   *
   * @param codes the codes, such as {@code command.chaining}
   * @return this assertion
   */
  public OutcomeAssert isRejectedWith(String... codes) {
    isRejected();
    VerdictAssert.checkCodes(((Outcome.Rejected) actual).violations(), codes, actual.source());
    return this;
  }

  /**
   * Verifies that the request failed.
   *
   * @return this assertion
   */
  public OutcomeAssert isFailed() {
    isNotNull();
    if (!(actual instanceof Outcome.Failed)) {
      failWithMessage("Expected %s to fail but it was %s", actual.source(), describe());
    }
    return this;
  }

  /**
   * Verifies that the request failed at a stage.
   *
   * @param stage the stage
   * @return this assertion
   */
  public OutcomeAssert isFailedAt(Outcome.Stage stage) {
    isFailed();
    Outcome.Failed failed = (Outcome.Failed) actual;
    if (failed.stage() != stage) {
      failWithMessage("Expected %s to fail at stage %s but it failed at %s: %s", actual.source(), stage, failed.stage(), failed.message());
    }
    return this;
  }

  /**
   * Verifies the runner's exit code of the outcome: 0 accepted, 2 rejected, 3 failed.
   *
   * @param expected the exit code
   * @return this assertion
   */
  public OutcomeAssert hasExitCode(int expected) {
    isNotNull();
    if (actual.exitCode() != expected) {
      failWithMessage("Expected exit code %s but %s gave %s: %s", expected, actual.source(), actual.exitCode(), describe());
    }
    return this;
  }

  /**
   * Verifies the tool's own exit code in an accepted outcome.
   *
   * @param expected the tool's exit code
   * @return this assertion
   */
  public OutcomeAssert hasToolExitCode(int expected) {
    isAccepted();
    int code = ((Outcome.Accepted) actual).execution().exitCode();
    if (code != expected) {
      failWithMessage("Expected the tool to exit with %s but it exited with %s", expected, code);
    }
    return this;
  }

  /**
   * Verifies that the published stdout of an accepted outcome contains a text.
   *
   * @param text the text
   * @return this assertion
   */
  public OutcomeAssert stdoutContains(String text) {
    isAccepted();
    Path stdout = ((Outcome.Accepted) actual).written().artifacts().get(0);
    String content = read(stdout);
    if (!content.contains(text)) {
      failWithMessage("Expected stdout to contain%n  %s%nbut it was%n  %s", text, shorten(content));
    }
    return this;
  }

  /**
   * Verifies that an accepted run left a file in {@code /out} and that it was published.
   *
   * @param name its path relative to {@code /out}
   * @return this assertion
   */
  public OutcomeAssert hasArtifact(String name) {
    isAccepted();
    Outcome.Accepted accepted = (Outcome.Accepted) actual;
    boolean produced = accepted.execution().artifacts().stream().anyMatch(a -> a.name().equals(name));
    boolean published = accepted.written().artifacts().stream().anyMatch(p -> p.toString().endsWith(".out/" + name));
    if (!produced || !published) {
      failWithMessage("Expected an artifact %s but the run left %s", name,
          accepted.execution().artifacts().stream().map(a -> a.name()).toList());
    }
    return this;
  }

  /**
   * Verifies that the written Tool Result passes {@code ToolResultValidator.verifyingArtifacts()}.
   *
   * @return this assertion
   */
  public OutcomeAssert hasValidToolResult() {
    isAccepted();
    new ToolResultAssert(((Outcome.Accepted) actual).written().resultFile()).isValidToolResult();
    return this;
  }

  private String describe() {
    if (actual instanceof Outcome.Rejected rejected) {
      return "rejected with:" + System.lineSeparator() + VerdictAssert.describe(rejected.violations());
    }
    if (actual instanceof Outcome.Failed failed) {
      return "failed: " + failed.message();
    }
    Outcome.Accepted accepted = (Outcome.Accepted) actual;
    return "accepted (" + accepted.execution().status().wireName() + ", exit code " + accepted.execution().exitCode() + ")";
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String shorten(String text) {
    return text.length() > 2000 ? text.substring(0, 2000) + "…" : text;
  }
}
