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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.threegate.exec.Executor;
import dev.threegate.request.Language;
import dev.threegate.testkit.ExecutorContractTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The executor contract on a real smolvm: runs only where {@code smolvm} is on the PATH, {@code
 * /dev/kvm} can be opened for reading and writing, and {@code THREEGATE_SMOLVM_IMAGE} names a local
 * Python image (a {@code docker save} tar or a rootfs directory: a registry image would be pulled
 * inside the guest, which has no network). Skipped, saying which is missing, elsewhere.
 */
class RealSmolvmTest extends ExecutorContractTest {
  private static final Optional<Path> SMOLVM =
      Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(":"))
          .filter(dir -> !dir.isEmpty())
          .map(dir -> Path.of(dir, "smolvm"))
          .filter(Files::isExecutable)
          .findFirst();
  private static final Optional<String> IMAGE = Optional.ofNullable(System.getenv("THREEGATE_SMOLVM_IMAGE")).filter(s -> !s.isBlank());
  private SmolvmExecutor executor;

  @BeforeEach
  void requireARealSmolvm() {
    assumeTrue(SMOLVM.isPresent(), "no smolvm on the PATH: the real-smolvm suite is skipped");
    Path kvm = Path.of("/dev/kvm");
    assumeTrue(Files.isReadable(kvm) && Files.isWritable(kvm), "/dev/kvm is missing or not usable by this user: the real-smolvm suite is skipped");
    assumeTrue(IMAGE.isPresent(), "THREEGATE_SMOLVM_IMAGE does not name a local Python image (docker save tar or rootfs): "
        + "the real-smolvm suite is skipped");
  }

  @Override
  protected synchronized Executor executor() {
    if (executor == null) {
      executor = SmolvmExecutor.builder()
          .smolvm(SMOLVM.orElseThrow())
          .image(IMAGE.orElseThrow(), Language.PYTHON)
          .dataDirectory(temp.resolve("smolvm-data"))
          .build();
    }
    return executor;
  }

  @AfterEach
  void noMachineOfOursIsLeft() {
    if (executor != null) {
      assertThat(executor.leftoverMachines()).as("machines left").isEmpty();
    }
  }
}
