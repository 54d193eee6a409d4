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
import dev.threegate.exec.BackendInfo;
import dev.threegate.internal.policy.BackendRules;
import dev.threegate.internal.text.Names;
import dev.threegate.policy.Policy;
import dev.threegate.policy.PolicyValidator;
import dev.threegate.problem.Verdict;
import dev.threegate.problem.Violation;
import dev.threegate.request.ToolRequest;
import java.util.List;
import java.util.Optional;

/**
 * Judges the parsed request: the host's validator, then the backend rules of the policy for the
 * executor's backend (the one place a validator is bound to a backend), then the request id's
 * safety as a file name, whatever the validator let through.
 */
public final class ValidateStep implements Step {
  private final PolicyValidator validator;
  private final Policy policy;
  private final BackendInfo backend;

  /**
   * Creates the step.
   *
   * @param validator the validator
   * @param policy the policy whose backend rules apply
   * @param backend the executor's backend
   */
  public ValidateStep(PolicyValidator validator, Policy policy, BackendInfo backend) {
    this.validator = validator;
    this.policy = policy;
    this.backend = backend;
  }

  /**
   * What this step applies, as a validator: the host's validator, then the backend rules. For the
   * parse step's judgement of a malformed request's readable part.
   *
   * @return the combined validator
   */
  public PolicyValidator judge() {
    return request -> {
      Verdict verdict = validator.validate(request);
      if (verdict == null) {
        throw new IllegalStateException("validator " + validator.getClass().getName() + " returned null");
      }
      return verdict.and(BackendRules.check(request, policy, backend));
    };
  }

  @Override
  public Outcome run(Chain chain) {
    RunState state = RealChain.state(chain);
    ToolRequest request = state.parsed();
    Verdict verdict;
    try {
      verdict = validator.validate(request);
    } catch (RuntimeException e) {
      return RealChain.failed(state.source(), Stage.VALIDATE, "validator " + validator.getClass().getName() + " threw " + e, e);
    }
    if (verdict == null) {
      return RealChain.failed(state.source(), Stage.VALIDATE, "validator " + validator.getClass().getName() + " returned null", null);
    }
    verdict = verdict.and(BackendRules.check(request, policy, backend));
    if (!verdict.passed()) {
      return new Outcome.Rejected(state.source(), Optional.of(request), verdict.violations());
    }
    if (!Names.isSafeRequestId(request.requestId())) {
      return new Outcome.Rejected(state.source(), Optional.of(request), List.of(new Violation("request_id.invalid", "request_id",
          "request_id is not safe to use in file names; the validator let it through")));
    }
    state.verdict(verdict);
    return chain.proceed();
  }

  @Override
  public String name() {
    return "validate";
  }
}
