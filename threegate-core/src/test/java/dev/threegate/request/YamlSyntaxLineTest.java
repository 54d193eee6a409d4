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
import static dev.threegate.request.Requests.typicalWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.problem.Violation;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A YAML syntax error is reported on the file line of the mistake, not where the parser noticed it. */
class YamlSyntaxLineTest {

  @ParameterizedTest
  @CsvSource(
      delimiterString = "=>",
      value = {
        // a quote left open: noticed at the next quote or at the end, lines below
        "purpose: \"Summary statistics of the uploaded CSV.\" => purpose: \"Summary statistics of the uploaded CSV. => 9",
        // a flow sequence left open
        "network: none => network: [none => 12",
        // a key without its colon
        "backend: ERA => backend ERA => 10",
        // a value where a key belongs, inside the block mapping that begins on line 2
        "approved_by: \"j.doe\" => approved_by: 'j.doe's' => 7",
        // a mapping where a plain value is
        "backend: ERA => backend: ERA: bubblewrap => 10",
        // a tab as indentation
        "language: python => \\tlanguage: python => 11",
      })
  void pointsAtTheLineOfTheMistake(String target, String replacement, int line) {
    String text = typicalWith(target, replacement.replace("\\t", "\t"));
    assertThat(text.lines().toList().get(line - 1)).as("the changed line").isEqualTo(replacement.replace("\\t", "\t"));
    List<Violation> problems = problems(text);
    assertThat(problems).extracting(Violation::code).contains("format.yaml_syntax");
    Violation syntax = problems.stream().filter(v -> v.code().equals("format.yaml_syntax")).findFirst().orElseThrow();
    assertThat(syntax.where()).as(syntax.message()).isEqualTo("line " + line);
  }
}
