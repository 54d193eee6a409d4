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

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The value each reader gives a plain scalar, as the disagreement names it: YAML 1.1's integers in
 * every base and with a sign, its base-60 numbers, floats, infinities and NaN, and what the YAML
 * 1.2 core and JSON schemas make of the same text.
 */
class PlainScalarMessagesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    "0b101|the integer 5|the text '0b101'",
    "-0b1_1|the integer -3|the text '-0b1_1'",
    "0b_|the integer 0|the text '0b_'",
    "-0x1F|the integer -31|the text '-0x1F'",
    "+0x1f|the integer 31|the text '+0x1f'",
    "-010|the integer -8|the integer -10",
    "+017|the integer 15|the integer 17",
    "0o17|the text '0o17'|the integer 15",
    "1_000|the integer 1000|the text '1_000'",
    "1:30|the integer 90|the text '1:30'",
    "-1:30|the integer -90|the text '-1:30'",
    "1:02:03|the integer 3723|the text '1:02:03'",
    "1:30.5|the number 90.5|the text '1:30.5'",
    "0:30.5|the number 30.5|the text '0:30.5'",
    "-1:30.|the number -90.0|the text '-1:30.'",
    "1_0.5|the number 10.5|the text '1_0.5'",
    "._|the number (invalid)|the text '._'",
    "1e3|the text '1e3'|the number 1000.0",
    "yes|the boolean true|the text 'yes'",
    "Off|the boolean false|the text 'Off'",
    "2026-11-26|a timestamp|the text '2026-11-26'",
    "<<|a merge key|the text '<<'",
    "=|a value key|the text '='"
  })
  void yaml11AgainstTheCoreSchema(String plain, String yaml11, String core) {
    assertThat(PlainScalarReadings.disagreement(plain))
        .hasValue("YAML 1.1 reads plain '" + plain + "' as " + yaml11 + ", but YAML 1.2 as " + core);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    "+1|the integer 1|the text '+1'",
    "00|the integer 0|the text '00'",
    "~|null|the text '~'",
    "NULL|null|the text 'NULL'",
    "TRUE|the boolean true|the text 'TRUE'",
    "False|the boolean false|the text 'False'",
    ".inf|the number Infinity|the text '.inf'",
    "+.INF|the number Infinity|the text '+.INF'",
    "-.Inf|the number -Infinity|the text '-.Inf'",
    ".NaN|the number NaN|the text '.NaN'",
    ".5|the number 0.5|the text '.5'",
    "+.5|the number 0.5|the text '+.5'"
  })
  void theCoreSchemaAgainstTheJsonSchema(String plain, String core, String json) {
    assertThat(PlainScalarReadings.disagreement(plain))
        .hasValue("YAML 1.1 and the YAML 1.2 core schema read plain '" + plain + "' as " + core
            + ", but the YAML 1.2 JSON schema as " + json);
  }

  @org.junit.jupiter.api.Test
  void aBase60IntegerStartsWithANonZeroDigit() {
    assertThat(PlainScalarReadings.disagreement("0:30")).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void aLongValueThatIsNoNumberIsReadAsText() {
    assertThat(PlainScalarReadings.disagreement("1" + "a".repeat(150))).isEmpty();
    assertThat(PlainScalarReadings.disagreement("y" + "-x".repeat(60))).isEmpty();
    assertThat(PlainScalarReadings.disagreement("1:" + "x".repeat(150))).isEmpty();
  }
}
