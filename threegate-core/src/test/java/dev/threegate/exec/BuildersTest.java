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
package dev.threegate.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threegate.request.Language;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuildersTest {
  @Test
  void capabilitiesBuilderMatchesTheConstructor() {
    Capabilities built = Capabilities.builder(Isolation.MICROVM)
        .languages(Language.PYTHON, Language.NODE)
        .maxCommandBytes(8192)
        .fileInputs(true)
        .fileOutputs(true)
        .enforcesAllLimits(true)
        .build();
    assertThat(built).isEqualTo(Capabilities.builder(Isolation.MICROVM)
        .languages(Set.of(Language.PYTHON, Language.NODE))
        .maxCommandBytes(8192)
        .fileInputs(true)
        .fileOutputs(true)
        .enforcesAllLimits(true)
        .build());
    assertThat(built.newBuilder().enforcesAllLimits(false).build())
        .isEqualTo(Capabilities.builder(Isolation.MICROVM)
            .languages(Set.of(Language.PYTHON, Language.NODE))
            .maxCommandBytes(8192)
            .fileInputs(true)
            .fileOutputs(true)
            .build());
    assertThat(Capabilities.builder(Isolation.NONE).build().maxCommandBytes()).isEqualTo(Capabilities.Builder.DEFAULT_MAX_COMMAND_BYTES);
    assertThatThrownBy(() -> Capabilities.builder(Isolation.NONE).maxCommandBytes(0).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void executionResultBuilderChecksAndCopies() {
    CapturedStream empty = CapturedStream.builder()
        .file(java.nio.file.Path.of("x"))
        .bytes(0)
        .lines(0)
        .sha256("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        .head(new byte[0])
        .truncated(false)
        .build();
    ExecutionResult result = ExecutionResult.builder()
        .status(ExecutionStatus.COMPLETED)
        .runtime(java.time.Duration.ofMillis(5))
        .stdout(empty)
        .stderr(empty)
        .backend(ScriptedExecutor.BACKEND)
        .limit(new LimitEnforcement("time_sec", 60, "a deadline"))
        .network(NetworkEnforcement.HOST_NAMESPACE)
        .build();
    assertThat(result).isEqualTo(ExecutionResult.builder()
        .status(ExecutionStatus.COMPLETED)
        .exitCode(0)
        .runtime(java.time.Duration.ofMillis(5))
        .stdout(empty)
        .stderr(empty)
        .artifacts(List.of())
        .backend(ScriptedExecutor.BACKEND)
        .limits(List.of(new LimitEnforcement("time_sec", 60, "a deadline")))
        .network(NetworkEnforcement.HOST_NAMESPACE)
        .anomalies(List.of())
        .build());
    ExecutionResult variant = result.newBuilder().status(ExecutionStatus.NONZERO_EXIT).exitCode(2).anomaly("odd").build();
    assertThat(variant.exitCode()).isEqualTo(2);
    assertThat(variant.anomalies()).containsExactly("odd");
    assertThat(variant.limits()).isEqualTo(result.limits());
    assertThat(result.newBuilder().build()).isEqualTo(result);
    assertThatThrownBy(() -> result.newBuilder().exitCode(1).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExecutionResult.builder().build()).isInstanceOf(NullPointerException.class);
  }
}
