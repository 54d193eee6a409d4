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
package dev.threegate.mcp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.problem.Violation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgumentSchemaTest {
  private final ArgumentSchema.Obj schema = ArgumentSchema.object("")
      .required("name", ArgumentSchema.string("", 1, 5))
      .optional("count", ArgumentSchema.integer("", 1, 10))
      .optional("tags", ArgumentSchema.array("", ArgumentSchema.oneOf("", List.of("a", "b")), 2))
      .forbidden("approved_by", "never here")
      .build();

  private List<String> problems(Map<String, Object> value) {
    List<Violation> out = new ArrayList<>();
    schema.check(value, "", out);
    return out.stream().map(v -> v.where() + ": " + v.message()).toList();
  }

  @Test
  void publishesWhatItChecks() {
    assertThat(schema.toMap()).containsEntry("additionalProperties", false).containsEntry("required", List.of("name"));
    assertThat(schema.toMap().get("properties")).asString().contains("maxLength=5", "minimum=1", "maximum=10", "maxItems=2", "enum=[a, b]");
  }

  @Test
  void acceptsAValidValue() {
    assertThat(problems(Map.of("name", "x", "count", 10, "tags", List.of("a")))).isEmpty();
    assertThat(problems(Map.of("name", "x", "count", 3.0))).isEmpty();
  }

  @Test
  void namesEveryProblem() {
    assertThat(problems(Map.of("count", new BigInteger("99999999999999999999"), "tags", List.of("a", "c"), "approved_by", "me", "x\ny", 1)))
        .containsExactlyInAnyOrder(
            "count: count must be between 1 and 10",
            "tags[1]: tags[1] must be one of a, b, not \"c\"",
            "approved_by: unknown field \"approved_by\": never here; accepted fields: name, count, tags",
            "x<U+000A>y: unknown field \"x<U+000A>y\"; accepted fields: name, count, tags",
            "name: name is required");
    assertThat(problems(Map.of("name", "toolong", "count", 1.5))).containsExactlyInAnyOrder(
        "name: name has 7 characters; at most 5 are accepted", "count: count must be an integer");
  }
}
