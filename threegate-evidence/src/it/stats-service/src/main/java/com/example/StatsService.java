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
