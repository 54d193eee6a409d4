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
import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionSpec;
import dev.threegate.request.ToolRequest;
import dev.threegate.result.WrittenResult;
import java.util.function.Consumer;

/**
 * A pipeline's listener told about one request: each event carries the request's identity, and an
 * exception from the listener is caught and ignored, so it cannot change an outcome.
 */
public final class Events {
  private final PipelineListener listener;
  private final RunState state;

  Events(PipelineListener listener, RunState state) {
    this.listener = listener;
    this.state = state;
  }

  void parsed(ToolRequest request) {
    tell(l -> l.parsed(state.ref(), request));
  }

  void executing(ExecutionSpec spec) {
    tell(l -> l.executing(state.ref(), spec));
  }

  void executed(ExecutionResult result) {
    tell(l -> l.executed(state.ref(), result));
  }

  void written(WrittenResult written) {
    tell(l -> l.written(state.ref(), written));
  }

  void problem(String problem, Exception cause) {
    tell(l -> l.problem(state.ref(), problem, cause));
  }

  /**
   * The request ended.
   *
   * @param outcome how
   */
  public void finished(Outcome outcome) {
    tell(l -> l.finished(state.ref(), outcome));
  }

  private void tell(Consumer<PipelineListener> event) {
    try {
      event.accept(listener);
    } catch (RuntimeException ignored) {
      // a listener must not change an outcome
    }
  }
}
