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

import static dev.threegate.request.Requests.TYPICAL;
import static dev.threegate.request.Requests.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The request model's lookups, as their Javadoc promises them. */
class RequestModelTest {

  @Test
  void aSectionStartsOnALineOfTheDocument() {
    assertThat(new Section("Command", 1, "").line()).isEqualTo(1);
    assertThatIllegalArgumentException().isThrownBy(() -> new Section("Command", 0, ""));
    assertThatIllegalArgumentException().isThrownBy(() -> new Section("Command", -3, ""));
  }

  @Test
  void findsTheFirstSectionWithATitle() {
    ToolRequest request = parse(TYPICAL);
    assertThat(request.section("Command")).get().extracting(Section::text).asString()
        .contains("python /in/stats.py");
    assertThat(request.section("Risk Assessment")).get().extracting(Section::line)
        .isEqualTo(TYPICAL.lines().toList().indexOf("## Risk Assessment") + 1);
    assertThat(request.section("command")).isEmpty();
    assertThat(request.section("Nothing")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"low, LOW", "Medium, MEDIUM", "HIGH, HIGH", "hIgH, HIGH"})
  void readsARiskLevelInAnyCase(String name, RiskAssessment.Level level) {
    assertThat(RiskAssessment.Level.fromName(name)).contains(level);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "lowest", "critical", " low"})
  void knowsNoOtherRiskLevel(String name) {
    assertThat(RiskAssessment.Level.fromName(name)).isEmpty();
  }

  @Test
  void wireNamesAreTheFormatsNames() {
    assertThat(Language.fromWireName("python")).contains(Language.PYTHON);
    assertThat(Language.fromWireName("go")).contains(Language.GO);
    assertThat(Language.fromWireName("Python")).isEmpty();
    assertThat(Language.fromWireName("bash")).isEmpty();
    assertThat(Language.RUBY.wireName()).isEqualTo("ruby");
    assertThat(NetworkMode.fromWireName("none")).contains(NetworkMode.NONE);
    assertThat(NetworkMode.fromWireName("allowlist")).contains(NetworkMode.ALLOWLIST);
    assertThat(NetworkMode.fromWireName("None")).isEmpty();
    assertThat(NetworkMode.fromWireName("bridge")).isEmpty();
    assertThat(NetworkMode.ALLOWLIST.wireName()).isEqualTo("allowlist");
    assertThat(Backend.fromWireName("era")).contains(Backend.ERA);
    assertThat(Backend.fromWireName("BubbleWrap")).contains(Backend.BUBBLEWRAP);
    assertThat(Backend.fromWireName("monty")).contains(Backend.MONTY);
    assertThat(Backend.fromWireName("docker")).isEmpty();
    assertThat(Backend.ERA.wireName()).isEqualTo("ERA");
  }

  @ParameterizedTest
  @CsvSource({
    "PYTHON, python, true", "PYTHON, python3, true", "PYTHON, python3.12, true", "PYTHON, python3.123, false",
    "PYTHON, python2, false", "PYTHON, pythonw, false", "NODE, node, true", "NODE, nodejs, true", "NODE, npm, false",
    "RUBY, ruby, true", "RUBY, ruby3.3, true", "RUBY, irb, false", "GO, go, true", "GO, gofmt, false",
    "GO, python3, false"
  })
  void knowsEachLanguagesOwnPrograms(Language language, String name, boolean own) {
    assertThat(language.isProgram(name)).isEqualTo(own);
  }

  @Test
  void aRiskAssessmentMayLackALevel() {
    assertThat(new RiskAssessment(Optional.empty(), "").level()).isEmpty();
  }
}
