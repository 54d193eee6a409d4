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
package dev.threegate.internal.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which text of a paragraph or a heading counts as raw HTML, and on which line. */
class InlineHtmlTest {
  /** Each piece found, as its line, a colon and its shape. */
  private static List<String> found(String text) {
    List<String> found = new ArrayList<>();
    InlineHtml.find(text, (line, shape) -> found.add(line + ":" + shape));
    return found;
  }

  @ParameterizedTest
  @ValueSource(strings = {"<a>", "<z>", "<A>", "<Z>", "</p>", "<!-- c -->", "<?pi?>", "<![CDATA[x]]>", "<a href=x>"})
  void findsATagACommentAnInstructionOrADeclaration(String html) {
    assertThat(found("see " + html + " here")).containsExactly("0:" + html + " here");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a < b > c", "<1>", "<@x>", "<[x]>", "<`x>", "<{x}>", "< b>", "<-x>", "<=>"})
  void aLessThanSignNotFollowedByALetterOrSlashOrBangOrQuestionMarkIsText(String text) {
    assertThat(found(text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"<b", "x > <b", "<b\n", "1 > 0 and <b"})
  void aTagWithNoGreaterThanSignAfterItIsText(String text) {
    assertThat(found(text)).isEmpty();
  }

  @Test
  void reportsEachPieceWithItsLineAndAtMostFortyCharactersOfIt() {
    String long60 = "<span title=\"" + "x".repeat(50) + "\">";
    assertThat(found("a\nb <i>\n\nc " + long60 + " <b>"))
        .containsExactly("1:<i>\n\nc <span title=\"" + "x".repeat(20), "3:" + long60.substring(0, 40), "3:<b>");
  }

  @Test
  void findsEveryTagOnALineEvenAdjacentOnes() {
    assertThat(found("<a><b>")).containsExactly("0:<a><b>", "0:<b>");
  }

  @Test
  void aCodeSpanHidesHtmlAndItsLinesStillCount() {
    assertThat(found("`<b>` and ``<i> ` </i>`` and `a\nb` then\n<u>")).containsExactly("2:<u>");
  }

  @Test
  void aLineEndAtTheEndOfALongerCodeSpanCounts() {
    assertThat(found("``a\n``\n<b>")).containsExactly("2:<b>");
    assertThat(found("```ab\n```\n<b>")).containsExactly("2:<b>");
  }

  @Test
  void aLineEndRightAfterACodeSpanCountsOnce() {
    assertThat(found("`x`\n<b>")).containsExactly("1:<b>");
  }

  @Test
  void aCodeSpanClosesOnlyOnARunOfTheSameLength() {
    assertThat(found("``<b>` x ``")).isEmpty();
    assertThat(found("``<b>` x ```")).containsExactly("0:<b>` x ```");
  }

  @Test
  void backticksWithoutACloserAreLiteralAndHideNothing() {
    assertThat(found("`<b> and `` <i>")).containsExactly("0:<b> and `` <i>", "0:<i>");
  }

  @Test
  void aLaterCodeSpanOfTheSameLengthFindsItsOwnCloser() {
    assertThat(found("`a` <b> `c` <i> `<u>`")).containsExactly("0:<b> `c` <i> `<u>`", "0:<i> `<u>`");
  }

  @Test
  void anEscapedLessThanSignOrBacktickIsText() {
    assertThat(found("\\<b>")).isEmpty();
    // the escaped backtick opens no code span, so the tag after it shows
    assertThat(found("\\`<b>`")).containsExactly("0:<b>`");
    // an escaped backslash escapes nothing after it
    assertThat(found("\\\\<b>")).containsExactly("0:<b>");
  }

  @Test
  void anEscapedBacktickLeavesTheRestOfItsRunToOpenACodeSpan() {
    assertThat(found("\\``<b>")).containsExactly("0:<b>");
    assertThat(found("\\``<b>`")).isEmpty();
  }

  @Test
  void aBackslashBeforeALineEndIsABreakAndTheLineStillCounts() {
    assertThat(found("a\\\n<b>")).containsExactly("1:<b>");
  }

  @Test
  void aBackslashAtTheEndIsText() {
    assertThat(found("<b> \\")).containsExactly("0:<b> \\");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<https://example.org>",
        "<ab:x>",
        "<a+b.c-d:x>",
        "<h2:x>",
        "<abcdefghijabcdefghijabcdefghijab:x>",
        "<ab:c:d>",
        "<a@b.c>",
        "<ab@c>",
        "<zA9Z0:x>",
        "<aZ:x>",
        "<a0:x>"
      })
  void anAutolinkIsNotHtml(String link) {
    assertThat(found("see " + link + " now")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<a:x>",
        "<abcdefghijabcdefghijabcdefghijabc:x>",
        "<h\u00E9:x>",
        "<a_b:x>",
        "<ab :x>",
        "<ab:x y>",
        "<ab:x\ty>",
        "<ab:x\ny>",
        "<ab:<b>",
        "<a@>",
        "<ab@>",
        "<a@b <i>",
        "<a/b:x>",
        "</ab:x>",
        "<?ab:x>",
        "<a[:x>",
        "<a{:x>",
        "<a`:x>"
      })
  void whatIsNotAnAutolinkIsHtml(String text) {
    assertThat(found(text)).first().isEqualTo("0:" + text);
  }
}
