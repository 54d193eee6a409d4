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
package dev.threegate.request;

import static dev.threegate.request.Requests.problems;
import static dev.threegate.request.Requests.parse;
import static dev.threegate.request.Requests.typicalWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.problem.Violation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plain front-matter values that YAML 1.1 and YAML 1.2 readers read differently must be quoted. */
class AmbiguousYamlTest {

  @ParameterizedTest
  @CsvSource(
      delimiterString = "=>",
      value = {
        "memory_limit_mb: 512 => memory_limit_mb: 0700 => 14",
        "time_limit_sec: 60 => time_limit_sec: 060 => 15",
        "approved_by: \"j.doe\" => approved_by: yes => 7",
        "approved_by: \"j.doe\" => approved_by: Off => 7",
        "approved_by: \"j.doe\" => approved_by: n => 7",
        "purpose: \"Summary statistics of the uploaded CSV.\" => purpose: 20:30 => 9",
        "purpose: \"Summary statistics of the uploaded CSV.\" => purpose: 2026-11-26 => 9",
        "purpose: \"Summary statistics of the uploaded CSV.\" => purpose: True => 9",
        "time_limit_sec: 60 => time_limit_sec: +60 => 15",
        "backend: ERA => backend: ~ => 10",
        "created_utc: \"2026-11-26T12:00:00Z\" => created_utc: 2026-11-26T12:00:00.1234Z => 5",
        "network: none => network: none\\nconstraints: [on] => 13"
      })
  void refusesAnAmbiguousPlainValueWithItsLine(String target, String replacement, int line) {
    List<Violation> problems = problems(typicalWith(target, replacement.replace("\\n", "\n")));
    assertThat(problems).extracting(Violation::code).containsExactly("format.yaml_ambiguous");
    assertThat(problems.get(0).where()).isEqualTo("line " + line);
    assertThat(problems.get(0).message()).contains("YAML 1.1").endsWith("put it in quotes");
  }

  @Test
  void reportsTheTypeProblemBesideTheAmbiguity() {
    assertThat(problems(typicalWith("time_limit_sec: 60", "time_limit_sec: 1:30")))
        .extracting(Violation::code)
        .containsExactly("format.yaml_ambiguous", "field.integer");
  }

  @Test
  void refusesAMergeKeyThatAYaml11ReaderWouldApply() {
    assertThat(problems(typicalWith("approved_by: \"j.doe\"", "<<: {approved_by: \"j.doe\"}")))
        .extracting(Violation::code)
        .containsExactly("format.yaml_ambiguous", "field.unknown");
  }

  @Test
  void acceptsTheSameValuesQuoted() {
    ToolRequest request =
        parse(
            typicalWith("approved_by: \"j.doe\"", "approved_by: \"yes\"")
                .replace("memory_limit_mb: 512", "memory_limit_mb: \"0700\"")
                .replace("network: none\n", "network: none\nconstraints: ['off', \"1:30\", \"~\", \"2026-11-26\", '<<']\n"));
    assertThat(request.approvedBy()).isEqualTo("yes");
    assertThat(request.limits().memoryMb()).isEqualTo(700);
    assertThat(request.constraints()).containsExactly("off", "1:30", "~", "2026-11-26", "<<");
  }

  @Test
  void acceptsOrdinaryPlainValuesAndUtcInstants() {
    ToolRequest request =
        parse(
            typicalWith("cpu_limit: \"1\"", "cpu_limit: 1")
                .replace("created_utc: \"2026-11-26T12:00:00Z\"", "created_utc: 2026-11-26T12:00:00Z")
                .replace("approved_utc: \"2026-11-26T12:05:00Z\"", "approved_utc: 2026-11-26T12:05:00.250Z")
                .replace("approved_by: \"j.doe\"", "approved_by: j.doe")
                .replace("network: none\n", "network: none\nconstraints:\n"));
    assertThat(request.limits()).isEqualTo(new ResourceLimits(1, 512, 60));
    assertThat(request.createdUtc()).isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
    assertThat(request.approvedUtc()).contains(Instant.parse("2026-11-26T12:05:00.250Z"));
    assertThat(request.constraints()).isEmpty();
  }
}
