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
package dev.threegate.policy;

import dev.threegate.exec.BackendInfo;
import dev.threegate.internal.policy.BackendRules;
import dev.threegate.internal.policy.MalformedRequests;
import dev.threegate.internal.policy.StandardPolicyValidator;
import dev.threegate.problem.Verdict;
import dev.threegate.problem.Violation;
import dev.threegate.request.RequestFormatException;
import dev.threegate.request.ToolRequest;
import java.time.Clock;
import java.util.Objects;

/**
 * Judges a parsed Tool Request. A validator never throws for a bad request: every reason is a
 * {@link Violation} in the returned {@link Verdict}. Implementations are immutable and
 * thread-safe.
 *
 * <p>A validator judges the request alone. Whether the executor's backend can honour it is judged
 * by the pipeline, once, after whatever validator it has ({@link #checkBackend}).
 */
@FunctionalInterface
public interface PolicyValidator {

  /**
   * Judges a request.
   *
   * @param request the parsed request
   * @return the verdict, with every violation found
   */
  Verdict validate(ToolRequest request);

  /**
   * Every problem of a request that could not be read in full, at once: the parser's problems,
   * then this validator's violations on {@link RequestFormatException#partialRequest() what could
   * be read}, leaving out those about fields the parser could not read. Always a rejection.
   *
   * @param malformed the parser's format error
   * @return the rejection
   */
  default Verdict validateMalformed(RequestFormatException malformed) {
    Objects.requireNonNull(malformed, "malformed");
    return MalformedRequests.judge(malformed, this);
  }

  /**
   * The standard validator for a policy: every rule of the Tool Request format, upstream's and
   * this library's, with the policy's knobs.
   *
   * @param policy the policy
   * @return the validator
   */
  static PolicyValidator of(Policy policy) {
    return new StandardPolicyValidator(policy);
  }

  /**
   * The standard validator for a policy, judging approval times against the given clock instead of
   * the system's: an approval more than five minutes ahead of it is refused ({@code
   * approval.in_future}).
   *
   * @param policy the policy
   * @param clock the clock
   * @return the validator
   */
  static PolicyValidator of(Policy policy, Clock clock) {
    return new StandardPolicyValidator(policy, clock);
  }

  /**
   * Whether a backend can honour a request under a policy: the language, the command's length, a
   * network allowlist, file inputs and outputs ({@code backend.*_unsupported}, {@code
   * backend.command_too_long}), the backend the request names ({@code backend.mismatch}, unless
   * the policy allows the substitution), the policy's minimum isolation ({@code
   * backend.isolation_insufficient}) and its demand for enforced limits ({@code
   * backend.limits_unenforceable}).
   *
   * <p>These rules are not a validator's: {@link dev.threegate.ToolExecPipeline} applies them
   * itself, once, after whatever validator it has, with its executor's backend and its policy. Call
   * this only to judge a request for a backend where no pipeline runs (checking a request ahead of
   * time); never fold it into a validator given to a pipeline, or each {@code backend.*} violation
   * is reported twice.
   *
   * @param request the parsed request
   * @param policy the policy whose backend rules apply
   * @param backend the executor's backend
   * @return the verdict of the backend rules alone
   */
  static Verdict checkBackend(ToolRequest request, Policy policy, BackendInfo backend) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(backend, "backend");
    return BackendRules.check(request, policy, backend);
  }
}
