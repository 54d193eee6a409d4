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
package dev.threegate.langchain4j;

import dev.threegate.ToolExecPipeline;
import dev.threegate.inbox.Inbox;
import dev.threegate.policy.Policy;
import dev.threegate.testkit.FakeExecutor;
import dev.threegate.trust.Approver;
import dev.threegate.trust.Approvers;
import dev.threegate.trust.KeyAlgorithm;
import dev.threegate.trust.Keys;
import dev.threegate.trust.Signer;
import java.nio.file.Path;
import java.security.KeyPair;

/** An inbox, a human's key the gate trusts, and a gate running on a fake executor. */
final class Fixture {
  final KeyPair doeKeys = Keys.generate(KeyAlgorithm.ECDSA_P256);
  /** The human: never given to the agent. */
  final Approver doe = Approver.of("j.doe", Signer.of(doeKeys.getPrivate(), doeKeys.getPublic()));
  final Approvers approvers = Approvers.builder().trust("j.doe", doeKeys.getPublic()).build();
  final FakeExecutor executor;
  final Inbox inbox;
  final ToolExecPipeline gate;

  Fixture(Path temp, FakeExecutor executor) throws Exception {
    this.executor = executor;
    this.inbox = Inbox.builder(temp.resolve("inbox")).policy(Policy.strict()).backend(executor.backend()).build();
    this.gate = ToolExecPipeline.builder().policy(Policy.strict()).approvers(approvers).executor(executor)
        .workDirectory(temp.resolve("work")).build();
  }
}
