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

import dev.threegate.Outcome;
import dev.threegate.ToolExecPipeline;
import dev.threegate.exec.Executor;
import dev.threegate.testkit.ToolRequests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** {@link EraWrapperExecutor} with a wrapper script honouring ThreeGate's contract. */
class WrapperFormTest extends EraOutcomesTest {

  @Override
  Executor executor() {
    try {
      Path wrapper = Files.createDirectories(temp.resolve("bin")).resolve("era-wrapper.sh");
      if (!Files.exists(wrapper)) {
        Files.writeString(wrapper, """
            #!/bin/bash
            # era-wrapper.sh --language L --cmd C --network none
            while [[ $# -gt 0 ]]; do
              case "$1" in
                --language) language="$2"; shift 2 ;;
                --cmd) cmd="$2"; shift 2 ;;
                --network) [[ "$2" == none ]] || { echo "network must be none" >&2; exit 2; }; shift 2 ;;
                *) echo "unknown argument $1" >&2; exit 2 ;;
              esac
            done
            exec bash -c "$cmd"
            """);
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      return EraWrapperExecutor.builder(wrapper).build();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  boolean supportsFiles() {
    return false;
  }

  @Test
  void namesItsFormAndPassesTheHostsEnvironmentAndVersion() throws IOException {
    Path wrapper = temp.resolve("bin/era-wrapper.sh");
    executor(); // writes the wrapper
    EraWrapperExecutor executor = EraWrapperExecutor.builder(wrapper).environment("GREETING", marker).version("w-1").build();
    assertThat(executor.backend().name()).isEqualTo("ERA (wrapper)");
    assertThat(executor.backend().version()).isEqualTo("w-1");
    assertThat(executor.backend().capabilities().fileInputs()).isFalse();
    assertThat(executor.backend().capabilities().fileOutputs()).isFalse();
    Outcome.Accepted accepted =
        accepted(run(ToolRequests.valid().command("perl -e 'print join q( ), values %ENV'"), executor, ToolExecPipeline.builder()));
    assertThat(stdout(accepted)).contains(marker);
    assertThat(resultText(accepted)).contains("backend: \"ERA (wrapper)\"\n", "backend_version: w-1\n");
  }
}
