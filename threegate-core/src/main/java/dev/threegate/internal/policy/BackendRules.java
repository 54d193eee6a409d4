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
package dev.threegate.internal.policy;

import dev.threegate.exec.BackendInfo;
import dev.threegate.policy.Policy;
import dev.threegate.problem.Verdict;
import dev.threegate.problem.Violation;
import dev.threegate.request.ToolRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules that bind a policy to an executor's backend (trusted computing base: changes here need
 * a second look): the capability rules, the backend the request names (unless the policy allows
 * the substitution), the policy's minimum isolation and its demand for enforced limits. Applied
 * once per request, after whatever validator judged it.
 */
public final class BackendRules {
  private BackendRules() {}

  /**
   * Judges a request against a backend under a policy.
   *
   * @param request the parsed request
   * @param policy the policy
   * @param backend the executor's backend
   * @return every violation, each {@code backend.*}
   */
  public static Verdict check(ToolRequest request, Policy policy, BackendInfo backend) {
    Verdict verdict = CapabilityRules.check(request, backend, policy.allowsBackend(request.backend(), backend.kind()));
    List<Violation> more = new ArrayList<>();
    if (!backend.capabilities().isolation().atLeast(policy.minimumIsolation())) {
      more.add(new Violation("backend.isolation_insufficient", "backend",
          "backend '" + backend.name() + "' isolates at level "
              + backend.capabilities().isolation().name().toLowerCase(Locale.ROOT)
              + "; the policy requires at least " + policy.minimumIsolation().name().toLowerCase(Locale.ROOT)));
    }
    if (policy.requireEnforcedLimits() && !backend.capabilities().enforcesAllLimits()) {
      more.add(new Violation("backend.limits_unenforceable", "limits",
          "backend '" + backend.name() + "' cannot enforce every limit of a run on this host; the policy requires it"));
    }
    return verdict.and(Verdict.of(more));
  }
}
