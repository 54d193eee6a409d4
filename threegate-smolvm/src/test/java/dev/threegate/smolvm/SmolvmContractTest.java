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
package dev.threegate.smolvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.exec.Executor;
import dev.threegate.testkit.ExecutorContractTest;
import dev.threegate.testkit.SmolvmSimulator;
import org.junit.jupiter.api.AfterEach;

/** The executor contract, kept by {@link SmolvmExecutor} on the smolvm simulator. */
class SmolvmContractTest extends ExecutorContractTest {
  private SmolvmExecutor executor;

  @Override
  protected synchronized Executor executor() {
    // synchronized: the several-threads test asks from four threads
    if (executor == null) {
      executor = SmolvmExecutor.builder()
          .smolvm(SmolvmSimulator.install(temp.resolve("bin")))
          .environment(SmolvmSimulator.STATE, temp.resolve("state").toString())
          .gracePeriod(java.time.Duration.ofSeconds(2))
          .build();
    }
    return executor;
  }

  @AfterEach
  void noMachineIsLeft() {
    assertThat(SmolvmSimulator.machines(temp.resolve("state"))).as("machines left after delete").isEmpty();
  }
}
