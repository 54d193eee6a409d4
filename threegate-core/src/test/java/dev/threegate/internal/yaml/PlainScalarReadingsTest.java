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
package dev.threegate.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainScalarReadingsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "1", "0", "-5", "512", "60", "3.412", "1.0", "1.", "-0.5", "true", "false", "null",
        "none", "python", "ERA", "core_draft", "j.doe", "/out/stats.json", "tool-exec", "1.2.3", "v1",
        "2026-11-26T12:00:00Z", "2026-11-26T12:00:00.250Z", "1e", "yesterday", "online", "nothing",
        "3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7", "0xZZ", "1:", ":30", "1:60", "1.5e+3"
      })
  void ordinaryValuesReadAlikeEverywhere(String plain) {
    assertThat(PlainScalarReadings.disagreement(plain)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "010", "0700", "007", "00", "08", "0o17", "0x1F", "0b101", "+1", "+60",
        "yes", "Yes", "YES", "no", "No", "on", "ON", "off", "Off", "y", "Y", "n", "N", "yEs", "oFf", "True", "FALSE",
        "~", "Null", "NULL",
        "1:30", "12:3", "190:20:30", "1:30.5", "1_000", "0b1_0", "1_0.5",
        ".5", "+.5", "-.5", "1e3", "5E2", "+.inf", "-.Inf", ".inf", ".nan", ".NaN",
        "2026-11-26", "2026-11-26 12:00:00", "2026-11-26t12:00:00Z", "2026-1-2T3:04:05Z",
        "2026-11-26T12:00:00+01:00", "2026-11-26T12:00:00.123456Z", "2026-02-30T12:00:00Z", "2026-11-26T24:00:00Z",
        "<<", "="
      })
  void valuesThatReadersDisagreeOnAreNamed(String plain) {
    assertThat(PlainScalarReadings.disagreement(plain)).isPresent();
  }

  @Test
  void theMessageGivesEachReading() {
    assertThat(PlainScalarReadings.disagreement("010"))
        .hasValue("YAML 1.1 reads plain '010' as the integer 8, but YAML 1.2 as the integer 10");
    assertThat(PlainScalarReadings.disagreement("no"))
        .hasValue("YAML 1.1 reads plain 'no' as the boolean false, but YAML 1.2 as the text 'no'");
    assertThat(PlainScalarReadings.disagreement("1:30"))
        .hasValue("YAML 1.1 reads plain '1:30' as the integer 90, but YAML 1.2 as the text '1:30'");
    assertThat(PlainScalarReadings.disagreement("0x1F"))
        .hasValue(
            "YAML 1.1 and the YAML 1.2 core schema read plain '0x1F' as the integer 31,"
                + " but the YAML 1.2 JSON schema as the text '0x1F'");
  }

  @Test
  void aVeryLongNumberIsRefusedWithoutBeingRead() {
    assertThat(PlainScalarReadings.disagreement("1".repeat(101))).hasValueSatisfying(m -> assertThat(m).contains("more than 100"));
    assertThat(PlainScalarReadings.disagreement("1" + ":30".repeat(50_000))).isPresent();
    assertThat(PlainScalarReadings.disagreement("1".repeat(100))).isEmpty();
    assertThat(PlainScalarReadings.disagreement("a".repeat(200_000))).isEmpty();
  }
}
