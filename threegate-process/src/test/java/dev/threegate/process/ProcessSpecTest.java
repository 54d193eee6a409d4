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
package dev.threegate.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessSpecTest {
  private static ProcessSpec.Builder valid() {
    return ProcessSpec.builder()
        .command(List.of("true"))
        .workingDirectory(Path.of("work"))
        .timeout(Duration.ofSeconds(1))
        .stdoutFile(Path.of("out"))
        .stderrFile(Path.of("err"))
        .maxOutputBytes(1);
  }

  @Test
  void passesNothingOfTheHostEnvironmentUnlessSet() {
    assertThat(valid().build().environment()).isEmpty();
  }

  @Test
  void copiesTheCommandAndMakesEqualCopies() {
    List<String> command = new ArrayList<>(List.of("echo", "a"));
    ProcessSpec spec = valid().command(command).environment(Map.of("PATH", "/bin")).build();
    command.add("b");
    assertThat(spec.command()).containsExactly("echo", "a");
    assertThat(spec.newBuilder().build()).isEqualTo(spec).hasSameHashCodeAs(spec);
    assertThat(spec.newBuilder().maxOutputBytes(2).build()).isNotEqualTo(spec);
  }

  @Test
  void refusesAMissingProgramANonPositiveTimeoutOrCap() {
    assertThatThrownBy(() -> valid().command(List.of()).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> valid().command(List.of("")).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> valid().timeout(Duration.ZERO).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> valid().maxOutputBytes(0).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProcessSpec.builder().command(List.of("true")).build()).isInstanceOf(NullPointerException.class)
        .hasMessage("workingDirectory");
  }
}
