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
package dev.threegate.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the adapter returns has a known size and never splits a character. */
class BoundedTest {
  @Test
  void cutsAtTheByteLimitOnACharacterBoundaryAndSaysHowMuchWasCut() {
    String text = "ab" + "é".repeat(10) + "😀";
    assertThat(Bounded.cut(text, 100)).isEqualTo(text);
    String cut = Bounded.cut(text, 5);
    assertThat(cut).startsWith("abé\n[... cut: ").endsWith(" more bytes not shown]");
    int all = text.getBytes(StandardCharsets.UTF_8).length;
    assertThat(cut).contains("cut: " + (all - 4) + " more bytes");
    assertThat(Bounded.cut("😀😀", 5)).startsWith("😀\n[... cut: 4 more");
  }

  @Test
  void linesShowControlCharactersAsEscapesAndStayOneLine() {
    String line = Bounded.line("a\nb\r" + (char) 0x2028 + "c" + (char) 0x1b, 100);
    assertThat(line).isEqualTo("a<U+000A>b<U+000D><U+2028>c<U+001B>").doesNotContain("\n");
    assertThat(Bounded.line("x".repeat(10_000), 50)).hasSizeLessThan(100);
  }

  @Test
  void listsSayHowManyWereLeftOut() {
    assertThat(Bounded.lines(List.of("a", "b", "c"), 2)).isEqualTo("a\nb\n[... 1 more not shown]\n");
    assertThat(Bounded.lines(List.of("a"), 2)).isEqualTo("a\n");
  }
}
