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
package dev.threegate.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonWriterTest {

  @Test
  void writesCompactJsonInTheOrderGiven() {
    String json =
        JsonWriter.compact().beginObject().member("b", "1").member("a", "2").name("n").value(-7)
            .name("l").beginArray().value("x").value("y").endArray().endObject().toJson();
    assertThat(json).isEqualTo("{\"b\":\"1\",\"a\":\"2\",\"n\":-7,\"l\":[\"x\",\"y\"]}");
  }

  @Test
  void writesIndentedJsonForPeople() {
    String json =
        JsonWriter.pretty().beginObject().member("a", "1").name("e").beginArray().endArray()
            .name("o").beginObject().member("k", "v").endObject().endObject().toJson();
    assertThat(json)
        .isEqualTo("{\n  \"a\": \"1\",\n  \"e\": [],\n  \"o\": {\n    \"k\": \"v\"\n  }\n}");
  }

  @Test
  void escapesWhatJsonRequiresAndLineSeparators() {
    String json =
        JsonWriter.compact().beginArray()
            .value("\"\\\n\r\t\b\f\u0001\u007f\u2028\u2029\u00e9").endArray().toJson();
    assertThat(json)
        .isEqualTo("[\"\\\"\\\\\\n\\r\\t\\b\\f\\u0001\\u007f\\u2028\\u2029\u00e9\"]");
  }

  @Test
  void refusesUnpairedSurrogates() {
    assertThatThrownBy(() -> JsonWriter.compact().beginArray().value("a\uD83D"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JsonWriter.compact().beginArray().value("\uDE00b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesMisuse() {
    assertThatThrownBy(() -> JsonWriter.compact().value("x"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JsonWriter.compact().beginObject().value("x"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JsonWriter.compact().beginArray().name("x"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JsonWriter.compact().beginObject().name("a").name("b"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JsonWriter.compact().beginObject().name("a").endObject())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JsonWriter.compact().beginObject().endArray())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JsonWriter.compact().beginObject().toJson())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JsonWriter.compact().toJson())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JsonWriter.compact().beginArray().endArray().beginArray())
        .isInstanceOf(IllegalStateException.class);
  }
}
