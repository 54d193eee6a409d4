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
package dev.threegate.internal.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.exec.BackendInfo;
import dev.threegate.exec.Capabilities;
import dev.threegate.exec.CapturedStream;
import dev.threegate.exec.ExecutionResult;
import dev.threegate.exec.ExecutionStatus;
import dev.threegate.exec.Isolation;
import dev.threegate.exec.NetworkEnforcement;
import dev.threegate.request.Backend;
import dev.threegate.request.Language;
import dev.threegate.request.Requests;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputsSectionTest {
  private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @Test
  void describesEachFileByItsNameWhateverTheOrderOfTheLists() {
    CapturedStream none = CapturedStream.builder().file(Path.of("unused")).sha256(EMPTY).build();
    ExecutionResult result = ExecutionResult.builder()
        .status(ExecutionStatus.COMPLETED).exitCode(0).runtime(Duration.ZERO).stdout(none).stderr(none)
        .backend(BackendInfo.builder().name("b").version("1").kind(Backend.ERA)
            .capabilities(Capabilities.builder(Isolation.MICROVM).languages(EnumSet.allOf(Language.class)).maxCommandBytes(4096)
                .fileInputs(true).fileOutputs(true).build())
            .build())
        .network(NetworkEnforcement.BACKEND)
        .build();
    ResultFiles files = new ResultFiles(new ResultFile("R.stdout.txt", "1".repeat(64), 1), new ResultFile("R.stderr.txt", "2".repeat(64), 2),
        List.of(new ResultFiles.OutputFile("zz.txt", new ResultFile("R.out/zz.txt", "3".repeat(64), 3)),
            new ResultFiles.OutputFile("stats.json", new ResultFile("R.out/stats.json", "4".repeat(64), 4))));
    Lines out = new Lines();
    new OutputsSection().render(new ResultContent(Requests.parse(Requests.TYPICAL), result, "R", Instant.EPOCH, files), out);
    assertThat(out.toString()).isEqualTo("""
        ## Outputs

        - `R.stdout.txt`: 1 bytes, sha256 `1111111111111111111111111111111111111111111111111111111111111111`, the whole standard output
        - `R.stderr.txt`: 2 bytes, sha256 `2222222222222222222222222222222222222222222222222222222222222222`, the whole standard error
        - `R.out/zz.txt`: 3 bytes, sha256 `3333333333333333333333333333333333333333333333333333333333333333`, `/out/zz.txt` (undeclared)
        - `R.out/stats.json`: 4 bytes, sha256 `4444444444444444444444444444444444444444444444444444444444444444`, `/out/stats.json`: `mean, median, stdev per column`

        """);
  }
}
