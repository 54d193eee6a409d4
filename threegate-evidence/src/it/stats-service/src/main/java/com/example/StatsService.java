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
package com.example;

import dev.threegate.Outcome;
import dev.threegate.ToolExecPipeline;
import dev.threegate.bubblewrap.BubblewrapExecutor;
import dev.threegate.exec.Executor;
import dev.threegate.policy.Policy;
import dev.threegate.policy.PolicyValidator;
import java.nio.file.Path;

/** A host service that runs approved Tool Requests through the gate. */
public final class StatsService {
  private final ToolExecPipeline gate;

  public StatsService(Executor executor) {
    this.gate = ToolExecPipeline.builder()
        .validator(PolicyValidator.of(Policy.defaults()))
        .executor(executor)
        .build();
  }

  /** The service as deployed: requests run in a bubblewrap sandbox. */
  public static StatsService inBubblewrap() {
    return new StatsService(BubblewrapExecutor.builder().build());
  }

  public Outcome run(Path request, Path inputs, Path results) {
    return gate.run(request, inputs, results);
  }
}
