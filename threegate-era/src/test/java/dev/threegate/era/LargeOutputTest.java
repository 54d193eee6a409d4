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

import dev.threegate.Outcome;
import dev.threegate.ToolExecPipeline;
import dev.threegate.policy.Policy;
import dev.threegate.policy.PolicyValidator;
import dev.threegate.request.Language;
import dev.threegate.exec.ExecutionStatus;
import dev.threegate.exec.Executor;
import dev.threegate.testkit.AgentSimulator;
import dev.threegate.testkit.ToolRequests;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1 GiB of stdout through the whole pipeline in a JVM limited to 64 MiB of heap (this class runs
 * in its own Surefire execution with {@code -Xmx64m}): the capture, the hashing and the writer
 * stream; nothing holds the output in memory.
 */
class LargeOutputTest {
  private static final long GIB = 1L << 30;
  private static final String ZEROS_SHA256 = "49bc20df15e412a64472421e13fe86ff1c5165e18b2afccf160d4dc19fe68a14";

  @TempDir Path temp;

  @BeforeAll
  static void theHeapIsReallyLimited() {
    assertThat(Runtime.getRuntime().maxMemory()).as("max heap").isLessThanOrEqualTo(64L << 20);
  }

  private void streamsOneGibibyte(Executor executor) throws Exception {
    assumeTrue(Files.getFileStore(temp).getUsableSpace() > 5 * GIB, "less than 5 GiB free for 1 GiB of output (three copies)");
    Path request = ToolRequests.valid().requestId("TR-large").command("head -c " + GIB + " /dev/zero").writeTo(temp.resolve("requests"));
    Outcome outcome =
        ToolExecPipeline.builder().executor(executor).maxOutputBytes(2 * GIB).workDirectory(temp.resolve("work"))
            .validator(PolicyValidator.of(Policy.defaults().newBuilder().allowPrograms(Language.PYTHON, "head").build()))
            .build()
            .run(request, temp.resolve("results"));
    assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
    Outcome.Accepted accepted = (Outcome.Accepted) outcome;
    assertThat(accepted.execution().status()).isEqualTo(ExecutionStatus.COMPLETED);
    assertThat(accepted.execution().stdout().bytes()).isEqualTo(GIB);
    assertThat(accepted.execution().stdout().sha256()).isEqualTo(ZEROS_SHA256);
    assertThat(accepted.execution().stdout().truncated()).isFalse();
    assertThat(Files.size(accepted.written().artifacts().get(0))).isEqualTo(GIB);
    assertThat(Files.readString(accepted.written().resultFile())).contains("stdout_sha256: " + ZEROS_SHA256);
  }

  @Test
  void streamsOneGibibyteThroughTheAgentForm() throws Exception {
    streamsOneGibibyte(EraExecutor.builder()
        .agent(AgentSimulator.install(temp.resolve("bin")))
        .stateDirectory(temp.resolve("state"))
        .environment(AgentSimulator.LOCK, temp.resolve("agent.lock").toString())
        .build());
  }

  @Test
  void streamsOneGibibyteThroughTheWrapperForm() throws Exception {
    Path wrapper = Files.createDirectories(temp.resolve("bin")).resolve("era-wrapper.sh");
    Files.writeString(wrapper, "#!/bin/bash\nexec bash -c \"$4\"\n");
    wrapper.toFile().setExecutable(true);
    streamsOneGibibyte(EraWrapperExecutor.builder(wrapper).build());
  }

}
