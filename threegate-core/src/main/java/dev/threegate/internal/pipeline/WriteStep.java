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
import dev.threegate.Outcome.Stage;
import dev.threegate.Step;
import dev.threegate.exec.Artifact;
import dev.threegate.exec.CapturedStream;
import dev.threegate.exec.ExecutionResult;
import dev.threegate.internal.result.ResultIndex;
import dev.threegate.request.ToolRequest;
import dev.threegate.result.RunContext;
import dev.threegate.result.ToolResultWriter;
import dev.threegate.result.WrittenResult;
import dev.threegate.trust.ApprovalRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes the Tool Result and ends the request as {@link Outcome.Accepted}, whose run now points at
 * the published files (the run directory is about to be removed). The last step: it does not
 * proceed.
 */
public final class WriteStep implements Step {
  private final ToolResultWriter writer;
  private final Optional<String> policySha256;

  /**
   * Creates the step.
   *
   * @param writer the result writer
   * @param policySha256 the digest of the policy file the pipeline judges by, if it was read from one
   */
  public WriteStep(ToolResultWriter writer, Optional<String> policySha256) {
    this.writer = writer;
    this.policySha256 = policySha256;
  }

  @Override
  public Outcome run(Chain chain) {
    RunState state = RealChain.state(chain);
    ToolRequest request = state.parsed();
    ExecutionResult result = state.execution().orElseThrow(() -> new IllegalStateException("nothing was executed"));
    String name = writer.getClass().getName();
    WrittenResult written;
    // A result that exists is written whole, even when the pipeline is being shut down: the
    // interrupt status is set aside while writing (an interrupt would close its files midway).
    boolean interrupted = Thread.interrupted();
    try {
      RunContext.Builder context = RunContext.builder(state.approval().orElseGet(() -> ApprovalRecord.declared(request)));
      policySha256.ifPresent(context::policySha256);
      written = writer.write(request, result, context.build(), state.resultsDir());
    } catch (IOException | RuntimeException e) {
      keepWhatAFailedWriterLeft(state, request);
      return RealChain.failed(state.source(), Stage.WRITE, "writer " + name + " failed: " + e, e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (written == null) {
      keepWhatAFailedWriterLeft(state, request);
      return RealChain.failed(state.source(), Stage.WRITE, "writer " + name + " returned null", null);
    }
    int expected = 2 + result.artifacts().size();
    if (written.artifacts().size() != expected) {
      keepWhatAFailedWriterLeft(state, request);
      return RealChain.failed(state.source(), Stage.WRITE, "writer " + name + " lists " + written.artifacts().size()
          + " published files; a WrittenResult lists stdout, stderr and each of the " + result.artifacts().size()
          + " artifacts (" + expected + ")", null);
    }
    // The claim finds a result by the results index: a host's own writer does not keep it, so the
    // entry is made here, while the request is still claimed (the standard writer made it first).
    boolean interruptedAgain = Thread.interrupted();
    try {
      ResultIndex.recordWritten(state.resultsDir(), request.requestId(), written.resultFile());
    } catch (IOException | RuntimeException e) {
      state.events().problem("cannot record the result of request " + request.requestId()
          + " in the results index; a later claim may not see it: " + e, e);
    } finally {
      if (interruptedAgain) {
        Thread.currentThread().interrupt();
      }
    }
    Outcome.Accepted accepted = new Outcome.Accepted(request, published(result, written.artifacts()), written);
    state.accepted(accepted);
    state.events().written(written);
    return accepted;
  }

  /**
   * A host's writer may fail after its result is in the results directory: the result is recorded
   * in the index while the request is still claimed, so that the request does not run again (the
   * standard writer removes what it published when it fails; then nothing is found).
   */
  private static void keepWhatAFailedWriterLeft(RunState state, ToolRequest request) {
    boolean interrupted = Thread.interrupted();
    try {
      ResultIndex.recordAfterFailedWrite(state.resultsDir(), request.requestId());
    } catch (IOException | RuntimeException e) {
      state.events().problem("cannot look for a result the failed writer of request " + request.requestId()
          + " may have left: " + e, e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The run with every file path moved to its published copy: stdout, stderr, then each artifact. */
  static ExecutionResult published(ExecutionResult result, List<Path> files) {
    List<Artifact> artifacts = new ArrayList<>();
    for (int i = 0; i < result.artifacts().size(); i++) {
      Artifact a = result.artifacts().get(i);
      artifacts.add(new Artifact(a.name(), files.get(2 + i), a.bytes(), a.sha256()));
    }
    return result.newBuilder()
        .stdout(moved(result.stdout(), files.get(0)))
        .stderr(moved(result.stderr(), files.get(1)))
        .artifacts(artifacts)
        .build();
  }

  private static CapturedStream moved(CapturedStream stream, Path file) {
    return stream.newBuilder().file(file).build();
  }

  @Override
  public String name() {
    return "write";
  }
}
