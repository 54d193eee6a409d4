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

import dev.threegate.exec.Executor;
import dev.threegate.testkit.AgentSimulator;
import dev.threegate.testkit.ExecutorContractTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Nested;

/** Both ERA executors, {@link EraExecutor} and {@link EraWrapperExecutor}, keep the executor contract. */
class EraContractTests {

  @Nested
  class AgentForm extends ExecutorContractTest {
    private EraExecutor executor;

    @Override
    protected Executor executor() {
      if (executor == null) {
        executor = EraExecutor.builder()
            .agent(AgentSimulator.install(temp.resolve("bin")))
            .stateDirectory(temp.resolve("state"))
            .environment(AgentSimulator.LOCK, temp.resolve("agent.lock").toString())
            .build();
      }
      return executor;
    }
  }

  @Nested
  class WrapperForm extends ExecutorContractTest {
    @Override
    protected synchronized Executor executor() {
      // synchronized: the several-threads test asks from four threads, and the script must be
      // complete and executable before anyone sees it
      try {
        Path wrapper = Files.createDirectories(temp.resolve("bin")).resolve("era-wrapper.sh");
        if (!Files.exists(wrapper)) {
          Files.writeString(wrapper, "#!/bin/bash\n# --language L --cmd C --network none\nexec bash -c \"$4\"\n");
          Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return EraWrapperExecutor.builder(wrapper).build();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
