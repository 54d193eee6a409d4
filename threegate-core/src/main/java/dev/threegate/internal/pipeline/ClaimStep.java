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
import dev.threegate.internal.result.ResultIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Claims the request id in the results directory for the rest of the run, so that a request runs
 * once: a request another run holds, or one that already has a Tool Result there, fails here. The
 * result is looked up by its entry in the {@link ResultIndex}, not by listing the directory.
 */
public final class ClaimStep implements Step {
  /** The start of the message of a request another run holds. */
  public static final String HELD = "is being run by another pipeline";

  @Override
  public Outcome run(Chain chain) {
    RunState state = RealChain.state(chain);
    String id = state.parsed().requestId();
    Path resultsDir = state.resultsDir();
    Optional<RequestClaim> claim;
    try {
      claim = RequestClaim.tryAcquire(resultsDir, id);
    } catch (IOException | RuntimeException e) {
      return RealChain.failed(state.source(), Stage.CLAIM, "cannot claim request " + id + " in " + resultsDir + ": " + e, e);
    }
    if (claim.isEmpty()) {
      return RealChain.failed(state.source(), Stage.CLAIM, "request " + id + " " + HELD, null);
    }
    try {
      Optional<String> existing;
      try {
        existing = ResultIndex.find(resultsDir, id);
      } catch (IOException | RuntimeException e) {
        return RealChain.failed(state.source(), Stage.CLAIM, "cannot tell whether request " + id + " has a Tool Result in "
            + resultsDir + ": " + e, e);
      }
      if (existing.isPresent()) {
        return RealChain.failed(state.source(), Stage.CLAIM,
            "request " + id + " already has a Tool Result: " + existing.get(), null);
      }
      return chain.proceed();
    } finally {
      try {
        claim.get().close();
      } catch (IOException | RuntimeException e) {
        // The OS releases the lock with the process at the latest; the outcome stands.
        state.events().problem("cannot release the claim on request " + id + ": " + e, e);
      }
    }
  }

  @Override
  public String name() {
    return "claim";
  }
}
