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
import dev.threegate.policy.ApprovalMode;
import dev.threegate.request.ToolRequest;
import dev.threegate.trust.ApprovalCheck;
import dev.threegate.trust.ApprovalRecord;
import dev.threegate.trust.ApprovalVerifier;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Establishes the request's approval before anything is claimed or staged. With a trust store,
 * the signed approval beside the request file is verified against the digest of the very bytes
 * parsed: under {@link ApprovalMode#SIGNED} a request without a verified one is rejected with the
 * verifier's {@code approval.*} code; under {@link ApprovalMode#DECLARED} a request without one
 * runs as declared, but one that is present must verify (a forged or stale signature is never
 * ignored). Without a trust store (declared mode only) the approval is recorded as declared.
 */
public final class ApproveStep implements Step {
  private final ApprovalMode mode;
  private final Optional<ApprovalVerifier> verifier;

  /**
   * Creates the step.
   *
   * @param mode the policy's approval mode
   * @param verifier the verifier of the trust store, if the pipeline has one; required for {@link
   *     ApprovalMode#SIGNED}
   */
  public ApproveStep(ApprovalMode mode, Optional<ApprovalVerifier> verifier) {
    if (mode == ApprovalMode.SIGNED && verifier.isEmpty()) {
      throw new IllegalStateException("the policy requires signed approvals: set approvers(…), the trust store");
    }
    this.mode = mode;
    this.verifier = verifier;
  }

  @Override
  public Outcome run(Chain chain) {
    RunState state = RealChain.state(chain);
    ToolRequest request = state.parsed();
    if (verifier.isEmpty()) {
      state.approval(ApprovalRecord.declared(request));
      return chain.proceed();
    }
    ApprovalCheck check;
    try {
      check = verifier.get().verify(state.requestFile(), request);
    } catch (IOException e) {
      return RealChain.failed(state.source(), Stage.APPROVE, "cannot read the request's approval: " + e, e);
    }
    if (check instanceof ApprovalCheck.Verified verified) {
      state.approval(ApprovalRecord.signed(verified));
      return chain.proceed();
    }
    ApprovalCheck.Refused refused = (ApprovalCheck.Refused) check;
    if (mode == ApprovalMode.DECLARED && refused.violation().code().equals("approval.unsigned")) {
      state.approval(ApprovalRecord.declared(request));
      return chain.proceed();
    }
    return new Outcome.Rejected(state.source(), Optional.of(request), List.of(refused.violation()));
  }

  @Override
  public String name() {
    return "approve";
  }
}
