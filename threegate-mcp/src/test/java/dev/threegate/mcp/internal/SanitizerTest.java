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

import org.junit.jupiter.api.Test;

class SanitizerTest {
  @Test
  void aLineHasNoControlCharacterLeft() {
    assertThat(Sanitizer.oneLine("a\nb\rc\033[2J\tz", 100)).isEqualTo("a<U+000A>b<U+000D>c<U+001B>[2J<U+0009>z");
    assertThat(Sanitizer.quote("say \"hi\"", 100)).isEqualTo("\"say \\\"hi\\\"\"");
  }

  @Test
  void aBlockKeepsLineBreaksAndTabsOnly() {
    assertThat(Sanitizer.block("a\n\tb\r\n\007", 100)).isEqualTo("a\n\tb<U+000D>\n<U+0007>");
  }

  @Test
  void bidiOverridesAndLineSeparatorsAreEscaped() {
    assertThat(Sanitizer.block("a" + (char) 0x202e + "b" + (char) 0x2028 + "c" + (char) 0x85, 100))
        .isEqualTo("a<U+202E>b<U+2028>c<U+0085>");
  }

  @Test
  void cutsAreBoundedAndNeverSplitAPair() {
    String pairs = "😀".repeat(10); // 20 chars
    assertThat(Sanitizer.block(pairs, 5)).isEqualTo("😀😀");
    assertThat(Sanitizer.oneLine("abcdef", 3)).isEqualTo("abc…");
    assertThat(Sanitizer.block("x" + (char) 0xd800 + "y", 10)).isEqualTo("x<U+FFFD>y");
  }
}
