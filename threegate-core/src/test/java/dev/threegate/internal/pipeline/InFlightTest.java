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

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bookkeeping of a shutdown, without threads: who may enter, and who is interrupted. */
class InFlightTest {
  @Test
  void aRequestStillRunningAfterAShutdownIsInterruptedWhenItReachesAStoppablePhase() throws IOException {
    InFlight inFlight = new InFlight();
    assertThat(inFlight.stoppable(() -> Thread.currentThread().isInterrupted())).isFalse();
    assertThat(inFlight.enter()).isTrue();
    assertThat(inFlight.shutdown(Duration.ZERO)).as("a request is still in flight").isFalse();
    assertThat(inFlight.enter()).as("nothing enters after a shutdown").isFalse();
    try {
      assertThat(inFlight.stoppable(() -> Thread.currentThread().isInterrupted())).isTrue();
    } finally {
      Thread.interrupted();
    }
    inFlight.leave();
    assertThat(inFlight.shutdown(Duration.ZERO)).as("every request left").isTrue();
  }

  @Test
  void aShutdownWithNothingInFlightEndsAtOnce() {
    InFlight inFlight = new InFlight();
    assertThat(inFlight.enter()).isTrue();
    inFlight.leave();
    assertThat(inFlight.shutdown(Duration.ZERO)).isTrue();
  }
}
