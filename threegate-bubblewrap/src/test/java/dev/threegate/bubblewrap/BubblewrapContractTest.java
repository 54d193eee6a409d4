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
package dev.threegate.bubblewrap;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.threegate.exec.Executor;
import dev.threegate.testkit.ExecutorContractTest;
import org.junit.jupiter.api.BeforeAll;

/** The bubblewrap sandbox keeps the executor contract. */
class BubblewrapContractTest extends ExecutorContractTest {
  private static final BubblewrapExecutor EXECUTOR = BubblewrapExecutor.builder().build();

  @BeforeAll
  static void requireBubblewrap() {
    BubblewrapExecutor.Availability availability = BubblewrapExecutor.probe();
    assumeTrue(availability.available(), availability.message());
  }

  @Override
  protected Executor executor() {
    return EXECUTOR;
  }
}
