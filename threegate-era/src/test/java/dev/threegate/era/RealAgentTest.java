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
package dev.threegate.era;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;

/**
 * The same outcomes against a real ERA {@code agent} found on the {@code PATH}; skipped where
 * there is none (ERA needs a KVM host with krunvm, which most machines and CI runners lack).
 */
class RealAgentTest extends EraOutcomesTest {
  private static final Optional<Path> AGENT =
      Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(":"))
          .filter(dir -> !dir.isEmpty())
          .map(dir -> Path.of(dir, "agent"))
          .filter(Files::isExecutable)
          .findFirst();

  @BeforeEach
  void requireARealAgent() {
    assumeTrue(AGENT.isPresent(), "no ERA agent on the PATH: the real-ERA suite is skipped");
  }

  @Override
  EraExecutor executor() {
    assertThat(AGENT).isPresent();
    return EraExecutor.builder().agent(AGENT.get()).stateDirectory(temp.resolve("state")).build();
  }

  @Override
  boolean supportsFiles() {
    return true;
  }
}
