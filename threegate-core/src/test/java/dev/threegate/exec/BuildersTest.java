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

import dev.threegate.request.Backend;
import dev.threegate.request.Language;
import dev.threegate.request.Requests;
import dev.threegate.request.ToolRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuildersTest {
  @Test
  void capabilitiesBuilderSetsEveryValueAndNewBuilderVaries() {
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

  @Test
  void capturedStreamKeepsItsOwnCopyOfTheHeadAndComparesItByContent() {
    byte[] head = {'h', 'i'};
    CapturedStream.Builder builder = CapturedStream.builder().file(Path.of("out")).bytes(3).lines(1).sha256("ab").head(head);
    CapturedStream stream = builder.build();
    head[0] = 'X';
    assertThat(stream.head()).containsExactly('h', 'i');
    stream.head()[1] = 'Y';
    assertThat(stream.head()).containsExactly('h', 'i');
    assertThat(stream).isEqualTo(builder.build()).hasSameHashCodeAs(builder.build());
    assertThat(stream.newBuilder().build()).isEqualTo(stream);
    assertThat(stream.newBuilder().truncated(true).build()).isNotEqualTo(stream);
    assertThat(stream.newBuilder().head(new byte[] {'h', 'o'}).build()).isNotEqualTo(stream);
    assertThat(stream).hasToString("CapturedStream[out, 3 bytes, 1 lines, sha256=ab]");
  }

  @Test
  void capturedStreamRefusesInconsistentCounts() {
    CapturedStream.Builder builder = CapturedStream.builder().file(Path.of("out")).sha256("ab");
    CapturedStream empty = builder.build();
    assertThat(empty.bytes()).isZero();
    assertThat(empty.head()).isEmpty();
    assertThat(empty.truncated()).isFalse();
    assertThatThrownBy(() -> empty.newBuilder().bytes(-1).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> empty.newBuilder().lines(-1).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> empty.newBuilder().bytes(1).head(new byte[2]).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("head=2");
    assertThatThrownBy(() -> CapturedStream.builder().file(Path.of("out")).build())
        .isInstanceOf(NullPointerException.class).hasMessage("sha256");
  }

  @Test
  void effectiveLimitsDefaultTheOutputCapsAndRefuseNonPositiveLimits() {
    EffectiveLimits limits = EffectiveLimits.builder().cpu(2).memoryMb(256).time(Duration.ofSeconds(5)).build();
    assertThat(limits.maxOutputBytes()).isEqualTo(EffectiveLimits.DEFAULT_MAX_OUTPUT_BYTES);
    assertThat(limits.outputs()).isEqualTo(OutputBudget.defaults());
    assertThat(limits.newBuilder().build()).isEqualTo(limits).hasSameHashCodeAs(limits);
    assertThat(limits.newBuilder().maxOutputBytes(10).build().maxOutputBytes()).isEqualTo(10);
    assertThatThrownBy(() -> limits.newBuilder().cpu(0).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> limits.newBuilder().memoryMb(-1).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> limits.newBuilder().maxOutputBytes(0).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> limits.newBuilder().time(Duration.ZERO).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EffectiveLimits.builder().time(Duration.ofSeconds(1)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cpu=0");
    assertThatThrownBy(() -> EffectiveLimits.builder().cpu(1).memoryMb(1).build()).isInstanceOf(NullPointerException.class);
  }

  @Test
  void executionSpecNeedsEveryValue() {
    ToolRequest request = Requests.parse(Requests.TYPICAL);
    EffectiveLimits limits = EffectiveLimits.builder().cpu(1).memoryMb(512).time(Duration.ofSeconds(60)).build();
    ExecutionSpec spec = ExecutionSpec.builder()
        .request(request).inputsDir(Path.of("in")).outputsDir(Path.of("out")).scratchDir(Path.of("scratch")).limits(limits)
        .build();
    assertThat(spec.command().argv()).isEqualTo(dev.threegate.request.Command.parse(request.command()).argv());
    assertThat(spec.newBuilder().build()).isEqualTo(spec).hasSameHashCodeAs(spec);
    assertThat(spec.newBuilder().scratchDir(Path.of("other")).build()).isNotEqualTo(spec);
    assertThatThrownBy(() -> spec.newBuilder().limits(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ExecutionSpec.builder().request(request).inputsDir(Path.of("in")).outputsDir(Path.of("out"))
        .scratchDir(Path.of("scratch")).build()).isInstanceOf(NullPointerException.class).hasMessage("limits");
  }

  @Test
  void backendInfoRefusesABlankNameAndTheMontyLane() {
    BackendInfo info = ScriptedExecutor.BACKEND;
    assertThat(info.newBuilder().build()).isEqualTo(info).hasSameHashCodeAs(info);
    assertThat(info.newBuilder().version("2.0").build()).isNotEqualTo(info);
    assertThat(info.toString()).contains("name=scripted", "version=1.0", "kind=ERA");
    assertThatThrownBy(() -> info.newBuilder().name(" ").build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> info.newBuilder().kind(Backend.MONTY).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BackendInfo.builder().name("x").version("1").kind(Backend.ERA).build())
        .isInstanceOf(NullPointerException.class).hasMessage("capabilities");
  }
}
