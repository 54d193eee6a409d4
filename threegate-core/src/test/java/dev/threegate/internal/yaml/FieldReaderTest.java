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
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@link FieldReader} gives for each kind of value and which problem, at which line and path,
 * it reports when the value is not of that kind.
 */
class FieldReaderTest {
  private final Problems problems = new Problems();

  private FieldReader reader(String yaml) {
    SafeYaml.Result result = SafeYaml.load(yaml, 1, SafeYaml.PlainScalars.ANY);
    assertThat(result.problems()).isEmpty();
    return new FieldReader((YamlNode.Mapping) result.root().orElseThrow(), "p.", problems);
  }

  private List<org.assertj.core.groups.Tuple> reported() {
    return problems.inSourceOrder().stream().map(v -> tuple(v.code(), v.where(), v.message())).toList();
  }

  @Test
  void wholeNumbers() {
    FieldReader fields = reader("a: +5\nb: '-7'\nc: 1234567890123456789\nd: 1.5\ne: 123456789012345678\n");
    assertThat(fields.integer("a")).hasValue(5);
    assertThat(fields.integer("b")).hasValue(-7);
    assertThat(fields.integer("c")).isEmpty();
    assertThat(fields.integer("d")).isEmpty();
    assertThat(fields.integer("e")).hasValue(123456789012345678L);
    assertThat(fields.integer("f")).isEmpty();
    assertThat(reported()).containsExactly(
        tuple("field.missing", "line 1, p.f", "required key 'f' is missing"),
        tuple("field.integer", "line 3, p.c", "'c' must be a whole number, not '1234567890123456789'"),
        tuple("field.integer", "line 4, p.d", "'d' must be a whole number, not '1.5'"));
  }

  @Test
  void decimalNumbers() {
    FieldReader fields = reader("a: 1.5\nb: ' 2 '\nc: 1e3\nd: 1234567890123456\n");
    assertThat(fields.decimal("a")).hasValue(1.5);
    assertThat(fields.decimal("b")).hasValue(2.0);
    assertThat(fields.decimal("c")).isEmpty();
    assertThat(fields.decimal("d")).isEmpty();
    assertThat(fields.decimal("e")).isEmpty();
    assertThat(reported()).containsExactly(
        tuple("field.missing", "line 1, p.e", "required key 'e' is missing"),
        tuple("field.number", "line 3, p.c", "'c' must be a number, not '1e3'"),
        tuple("field.number", "line 4, p.d", "'d' must be a number, not '1234567890123456'"));
  }

  @Test
  void instants() {
    FieldReader fields = reader("a: '2026-11-26T12:00:00Z'\nb: ''\nc: '2026-02-30T12:00:00Z'\nd: '2026-11-26 12:00'\ne:\n");
    assertThat(fields.instant("a", true)).hasValue(Instant.parse("2026-11-26T12:00:00Z"));
    assertThat(fields.instant("b", false)).isEmpty();
    assertThat(fields.instant("c", false)).isEmpty();
    assertThat(fields.instant("d", true)).isEmpty();
    assertThat(fields.instant("e", false)).isEmpty();
    assertThat(fields.instant("f", false)).isEmpty();
    assertThat(reported()).containsExactly(
        tuple("field.timestamp", "line 3, p.c", "'c' must be a UTC instant like 2026-11-26T12:00:00Z, not '2026-02-30T12:00:00Z'"),
        tuple("field.timestamp", "line 4, p.d", "'d' must be a UTC instant like 2026-11-26T12:00:00Z, not '2026-11-26 12:00'"));
  }

  @Test
  void textThatMustNotBeEmpty() {
    FieldReader fields = reader("a: x\nb: '  '\nc:\n");
    assertThat(fields.nonBlank("a")).isEqualTo("x");
    assertThat(fields.nonBlank("b")).isEqualTo("  ");
    assertThat(fields.nonBlank("c")).isEmpty();
    assertThat(fields.string("c", false)).hasValue("");
    assertThat(reported()).containsExactly(
        tuple("field.empty", "line 2, p.b", "'b' must not be empty"),
        tuple("field.missing", "line 3, p.c", "required key 'c' has no value"));
  }

  @Test
  void booleans() {
    FieldReader fields = reader("a: true\nb: false\nc: 'yes'\nd: ''\n");
    assertThat(fields.bool("a")).hasValue(true);
    assertThat(fields.bool("b")).hasValue(false);
    assertThat(fields.bool("c")).isEmpty();
    assertThat(fields.bool("d")).isEmpty();
    assertThat(fields.bool("e")).isEmpty();
    assertThat(reported()).containsExactly(tuple("field.boolean", "line 3, p.c", "'c' must be true or false, not 'yes'"));
  }

  @Test
  void listsOfValues() {
    FieldReader fields = reader("a: [x, y]\nb: x\nc:\nd: {k: v}\ne:\n  - x\n  - [y]\n");
    assertThat(fields.stringList("a")).containsExactly("x", "y");
    assertThat(fields.stringList("b")).containsExactly("x");
    assertThat(fields.stringList("c")).isEmpty();
    assertThat(fields.stringList("d")).isEmpty();
    assertThat(fields.stringList("e")).containsExactly("x");
    assertThat(fields.stringList("f")).isEmpty();
    assertThat(reported()).containsExactly(
        tuple("field.type", "line 4, p.d", "'d' must be a list, not a mapping"),
        tuple("field.type", "line 7, p.e", "'e' must be a single value, not a list"));
  }

  @Test
  void listsOfMappingsReadEachItemUnderItsOwnPath() {
    FieldReader fields = reader("a:\n  - {n: 1}\n  - x\n  - {n: 2, m: 3}\nb:\nc: {n: 1}\nz: 0\n");
    assertThat(fields.mappings("a", item -> item.string("n", true).orElseThrow())).containsExactly("1", "2");
    assertThat(fields.mappings("b", item -> "never")).isEmpty();
    assertThat(fields.mappings("c", item -> "never")).isEmpty();
    assertThat(fields.mappings("d", item -> "never")).isEmpty();
    assertThat(fields.has("z")).isTrue();
    assertThat(fields.has("y")).isFalse();
    assertThat(fields.lineOf("z")).isEqualTo(7);
    assertThat(fields.lineOf("y")).isEqualTo(1);
    fields.rejectUnread();
    assertThat(reported()).containsExactly(
        tuple("field.type", "line 3, p.a[1]", "each item of 'a' must be a mapping, not a scalar"),
        tuple("field.unknown", "line 4, p.a[2].m", "unknown key 'm'"),
        tuple("field.type", "line 6, p.c", "'c' must be a list, not a mapping"),
        tuple("field.unknown", "line 7, p.z", "unknown key 'z'"));
  }
}
