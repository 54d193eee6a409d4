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
import static org.assertj.core.groups.Tuple.tuple;

import dev.threegate.problem.Violation;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The problems {@link SafeYaml} reports: each on the line of the enclosing file, each kind at most
 * five times, and what they say.
 */
class SafeYamlProblemsTest {

  private static List<Violation> problems(String yaml, int firstLine) {
    return SafeYaml.load(yaml, firstLine).problems();
  }

  private static String tagged(int count) {
    return IntStream.range(0, count).mapToObj(i -> "k" + i + ": !t v\n").collect(Collectors.joining());
  }

  @Test
  void eachKindOfProblemIsReportedAtMostFiveTimes() {
    assertThat(problems(tagged(5), 1)).hasSize(5);
    assertThat(problems(tagged(6), 1)).extracting(Violation::where)
        .containsExactly("line 1", "line 2", "line 3", "line 4", "line 5");
    assertThat(problems(tagged(6) + "a: &x 1\nb: &y 2\nc: &z 3\nd: &w 4\ne: &v 5\nf: &u 6\n", 1))
        .extracting(Violation::code)
        .containsOnly("format.yaml_tag", "format.yaml_anchor")
        .hasSize(10);
  }

  @Test
  void linesCountFromTheFirstLineOfTheFrontMatter() {
    assertThat(problems("a: 1\nb: !t x\n", 10))
        .extracting(Violation::code, Violation::where, Violation::message)
        .containsExactly(tuple("format.yaml_tag", "line 11", "YAML tag !t is not allowed"));
  }

  @Test
  void aCarriageReturnOrAControlCharacterInAValueIsNamed() {
    assertThat(problems("a: \"x\\ry\"\n", 1))
        .extracting(Violation::code, Violation::message)
        .containsExactly(tuple("format.control_character",
            "a YAML value holds control or invisible formatting character U+000D (written as an escape)"));
    assertThat(problems("a: \"x\\u0001y\\rz\"\n", 1))
        .extracting(Violation::message)
        .containsExactly("a YAML value holds control or invisible formatting character U+0001 (written as an escape)");
  }

  @Test
  void anAliasIsRefusedAndReadAsAnEmptyValue() {
    SafeYaml.Result result = SafeYaml.load("a: &x 1\nb: *x\n", 1);
    assertThat(result.problems())
        .extracting(Violation::code, Violation::where, Violation::message)
        .containsExactly(
            tuple("format.yaml_anchor", "line 1", "YAML anchor &x is not allowed"),
            tuple("format.yaml_alias", "line 2", "YAML alias *x is not allowed"));
    YamlNode.Mapping root = (YamlNode.Mapping) result.root().orElseThrow();
    assertThat(root.entries()).extracting(YamlNode.Entry::key).containsExactly("a", "b");
    assertThat(root.entries().get(1).value()).isEqualTo(new YamlNode.Scalar("", true, 2));
  }

  @Test
  void keysAreSingleValuesEachWrittenOnce() {
    SafeYaml.Result result = SafeYaml.load("a: 1\n? [x]\n: 2\nb: 3\na: 4\n", 1);
    assertThat(result.problems())
        .extracting(Violation::code, Violation::where, Violation::message)
        .containsExactly(
            tuple("format.yaml_complex_key", "line 2", "a mapping key must be a plain text, not a list"),
            tuple("format.yaml_duplicate_key", "line 5", "duplicate key 'a' (first on line 1)"));
    YamlNode.Mapping root = (YamlNode.Mapping) result.root().orElseThrow();
    assertThat(root.entries()).extracting(YamlNode.Entry::key, YamlNode.Entry::keyLine)
        .containsExactly(tuple("a", 1), tuple("b", 4));
  }

  @Test
  void nestingStopsAtEightLevels() {
    assertThat(problems("[".repeat(8) + "]".repeat(8) + "\n", 1)).isEmpty();
    assertThat(problems("[".repeat(9) + "]".repeat(9) + "\n", 3))
        .extracting(Violation::code, Violation::where, Violation::message)
        .containsExactly(tuple("format.yaml_too_deep", "line 3", "YAML nesting deeper than 8 levels"));
  }

  @Test
  void aSecondDocumentStopsReading() {
    SafeYaml.Result result = SafeYaml.load("a: 1\n---\nb: !t 2\n", 5);
    assertThat(result.problems())
        .extracting(Violation::code, Violation::where)
        .containsExactly(tuple("format.yaml_multiple_documents", "line 6"));
    assertThat(result.root()).hasValueSatisfying(root ->
        assertThat(((YamlNode.Mapping) root).entries()).extracting(YamlNode.Entry::key).containsExactly("a"));
  }
}
