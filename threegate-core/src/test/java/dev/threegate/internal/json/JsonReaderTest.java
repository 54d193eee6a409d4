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

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonReaderTest {

  @Test
  void readsEveryKindOfValue() {
    JsonObject object =
        JsonReader.readObject(
            " {\"s\":\"a\\\"b\\\\c\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\", \"n\": -1.5e3, \"z\":0,"
                + " \"t\":true, \"f\":false, \"u\":null, \"a\":[1,[],{}], \"o\":{\"k\":\"v\"}}\n");
    assertThat(object.string("s")).isEqualTo("a\"b\\c/\b\f\n\r\t\u00e9\uD83D\uDE00");
    assertThat(object.number("n")).isEqualByComparingTo(new BigDecimal("-1500"));
    assertThat(object.number("z")).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(object.members().get("t")).isEqualTo(Boolean.TRUE);
    assertThat(object.members().get("f")).isEqualTo(Boolean.FALSE);
    assertThat(object.members().get("u")).isSameAs(JsonObject.NULL);
    assertThat(object.array("a")).hasSize(3);
    assertThat(object.object("o").string("k")).isEqualTo("v");
    assertThat(object.members().keySet()).containsExactly("s", "n", "z", "t", "f", "u", "a", "o");
  }

  @Test
  void keepsRawUtf16PairsAndEscapedPairs() {
    assertThat(JsonReader.read("\"\uD83D\uDE00\"")).isEqualTo("\uD83D\uDE00");
    assertThat(JsonReader.read("\"\uD83D" + "\\" + "ude00\"")).isEqualTo("\uD83D\uDE00");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "{",
        "{\"a\":1,}",
        "[1,]",
        "[1 2]",
        "{\"a\" 1}",
        "{a:1}",
        "{'a':1}",
        "{\"a\":1}x",
        "{\"a\":1}{}",
        "\uFEFF{}",
        "{\"a\":1,\"a\":2}",
        "\"\\ud83d\"",
        "\"\\ude00\"",
        "\"\\ud83d\\u0041\"",
        "\"\uDE00\"",
        "\"\uD83D\"",
        "\"a\tb\"",
        "\"a\nb\"",
        "\"\\x41\"",
        "\"\\u12\"",
        "\"\\u12G4\"",
        "\"\\u\uFF11\uFF12\uFF13\uFF14\"",
        "\"abc",
        "\"abc\\",
        "01",
        "-",
        "1.",
        ".5",
        "1e",
        "1e+",
        "+1",
        "1e9999999999",
        "NaN",
        "Infinity",
        "tru",
        "nul",
        "True",
        "[1]]",
        "/* */ {}",
        "{\"a\":1}\u0000"
      })
  void refusesWhatIsNotStrictJson(String text) {
    assertThatThrownBy(() -> JsonReader.read(text)).isInstanceOf(JsonException.class);
  }

  @Test
  void refusesNestingDeeperThanTheLimit() {
    String ok = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);
    assertThat(JsonReader.read(ok)).isInstanceOf(List.class);
    String deep = "[".repeat(JsonReader.MAX_DEPTH + 1) + "]".repeat(JsonReader.MAX_DEPTH + 1);
    assertThatThrownBy(() -> JsonReader.read(deep))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("nested deeper");
    String hostile = "[".repeat(1_000_000);
    assertThatThrownBy(() -> JsonReader.read(hostile)).isInstanceOf(JsonException.class);
  }

  @Test
  void refusesANumberLongerThanTheLimitInLinearTime() {
    assertThat(JsonReader.read("1".repeat(JsonReader.MAX_NUMBER_CHARS))).isNotNull();
    String huge = "{\"n\":" + "1".repeat(4_000_000) + "}";
    assertThatThrownBy(() -> JsonReader.read(huge)).isInstanceOf(JsonException.class).hasMessageContaining("a number longer");
  }

  @Test
  void namesTheOffsetOfTheProblem() {
    assertThatThrownBy(() -> JsonReader.read("{\"a\":1,\"a\":2}"))
        .hasMessage("duplicate member name \"a\" at offset 7");
  }

  @Test
  void typedAccessorsNameTheMember() {
    JsonObject object = JsonReader.readObject("{\"s\":1,\"o\":\"x\",\"a\":[1]}");
    assertThatThrownBy(() -> object.string("s")).hasMessage("\"s\" must be a string");
    assertThatThrownBy(() -> object.string("missing")).hasMessage("\"missing\" is missing");
    assertThatThrownBy(() -> object.object("o")).hasMessage("\"o\" must be an object");
    assertThatThrownBy(() -> object.objects("a")).hasMessage("\"a\" must hold only objects");
    assertThatThrownBy(() -> object.number("o")).hasMessage("\"o\" must be a number");
    assertThat(object.optionalString("missing")).isEmpty();
    assertThat(object.optionalObject("missing")).isEmpty();
    assertThat(object.has("a")).isTrue();
    assertThatThrownBy(() -> JsonReader.readObject("[]"))
        .hasMessage("the document is not a JSON object");
  }

  @Test
  void readsWhatTheWriterWrites() {
    String hostile = "\u0000\u001f\u007f\"\\\u2028\u2029\uD83D\uDE00\u00e9/";
    for (JsonWriter writer : List.of(JsonWriter.compact(), JsonWriter.pretty())) {
      String json =
          writer.beginObject().member("k", hostile).name("n").value(42).name("a").beginArray()
              .value("x").beginObject().endObject().beginArray().endArray().endArray().endObject()
              .toJson();
      JsonObject read = JsonReader.readObject(json);
      assertThat(read.string("k")).isEqualTo(hostile);
      assertThat(read.number("n")).isEqualByComparingTo(BigDecimal.valueOf(42));
      assertThat(read.array("a")).hasSize(3);
      assertThat(json).doesNotContain("\u2028", "\u2029", "\u0000", "\u007f");
    }
  }
}
