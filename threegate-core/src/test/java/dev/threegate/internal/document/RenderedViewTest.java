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
import static org.assertj.core.groups.Tuple.tuple;

import dev.threegate.internal.yaml.Problems;
import dev.threegate.problem.Violation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a reviewable body may hold, so that its rendered view shows what the gate reads. */
class RenderedViewTest {
  private static final List<String> REQUIRED = List.of("Command", "Input Files", "Output Expectations");

  /** The problems of a body whose first line is file line 10. */
  private static List<Violation> problems(String body) {
    Problems problems = new Problems();
    MarkdownSections.read(List.of(body.split("\n", -1)), 10, REQUIRED, MarkdownSections.Content.REVIEWABLE, problems);
    return problems.inSourceOrder().stream().filter(v -> !v.code().startsWith("section.") || v.code().equals("section.decoy_heading")).toList();
  }

  private static List<String> codes(String body) {
    return problems(body).stream().map(Violation::code).toList();
  }

  @Test
  void reportsHtmlOnceForEachLineWithTheFirstLineOfItInTheMessage() {
    assertThat(problems("a <b>x</b> <i>y</i>\nand <u>z</u>\n\n<div>\n  <p>hidden</p>\n</div>"))
        .extracting(Violation::code, Violation::where, Violation::message)
        .containsExactly(
            tuple("body.raw_html", "line 10", "raw HTML ('<b>x</b> <i>y</i>') is not allowed in a request: a rendered view"
                + " may hide or move what the gate reads"),
            tuple("body.raw_html", "line 11", "raw HTML ('<u>z</u>') is not allowed in a request: a rendered view"
                + " may hide or move what the gate reads"),
            tuple("body.raw_html", "line 13", "raw HTML ('<div>') is not allowed in a request: a rendered view"
                + " may hide or move what the gate reads"));
  }

  @Test
  void findsHtmlInHeadingsListsAndQuotes() {
    assertThat(problems("### a <b>c</b>\n\n- item <i>x</i>\n\n> quoted <u>y</u>"))
        .extracting(Violation::code, Violation::where)
        .containsExactly(tuple("body.raw_html", "line 10"), tuple("body.raw_html", "line 12"), tuple("body.raw_html", "line 14"));
  }

  @Test
  void reportsAtMostTwentyProblemsOfACodeAndStillTheOthers() {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 25; i++) {
      body.append("<b>").append(i).append("</b>\n\n");
    }
    body.append("# Command");
    List<String> codes = codes(body.toString());
    assertThat(codes).filteredOn("body.raw_html"::equals).hasSize(20);
    assertThat(codes).filteredOn("section.decoy_heading"::equals).hasSize(1);
  }

  @Test
  void namesTheHiddenLinkReference() {
    assertThat(problems("text\n\n[hidden note]: https://example.org"))
        .extracting(Violation::code, Violation::where, Violation::message)
        .containsExactly(tuple("body.link_reference", "line 12",
            "the link reference definition '[hidden note]' is not shown in a rendered view; write links inline"));
  }

  @Test
  void namesTheDecoyAndTheSectionItImitates() {
    assertThat(problems("# Input  files:"))
        .extracting(Violation::code, Violation::where, Violation::message)
        .containsExactly(tuple("section.decoy_heading", "line 10",
            "'Input  files:' shows like the section '## Input Files' but is not that section; write its heading exactly"
                + " as '## Input Files' at the top level, and give no other heading that title"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "**Command**",
        "__Output Expectations__",
        "*Command*\nthen the text",
        "_Input Files_",
        "**Input Files:**",
        "### Commands",
        "### Command.",
        "### Command;",
        "### Command!",
        "### Command?",
        "### Command,",
        "### Command:",
        "### Command...",
        "### &#x202E;dnammoC",
        "### &#x202A;dnammoC",
        "### &#x2066;dnammoC",
        "### &#x2069;dnammoC",
        "### &#x202E;Command",
        "### \u03F9ommand",
        "### C\u043Emm\u0430nd",
        "### Command \u00AD\u00AD"
      })
  void aTextThatShowsAsARequiredTitleIsADecoy(String markdown) {
    assertThat(codes(markdown)).contains("section.decoy_heading");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "**Command line** notes",
        "*C*",
        "### &#x202F;dnammoC",
        "### &#x2029;dnammoC",
        "### &#x2065;dnammoC",
        "### &#x206A;dnammoC",
        "### ...",
        "### ?!",
        "### Command s",
        "### The Command",
        "### Input Files and more"
      })
  void aTextThatShowsOtherwiseIsNoDecoy(String markdown) {
    assertThat(codes(markdown)).doesNotContain("section.decoy_heading");
  }

  @Test
  void aHeadingFoldedToATitleIsADecoyWhateverInvisibleCharactersItHolds() {
    // 48 characters that count, 41 of them shown as nothing
    assertThat(codes("### Command" + "\u00AD".repeat(41))).contains("section.decoy_heading", "body.invisible_character");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "### Output     Expectations" + "\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD"
            + "\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD",
        "### Output\u00A0\u00A0\u00A0\u00A0\u00A0Expectations" + "\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD"
            + "\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD\u00AD"
      })
  void spacesDoNotCountTowardsTheLengthOfATitle(String heading) {
    // 18 letters and 30 characters shown as nothing: 48 that count
    assertThat(codes(heading)).contains("section.decoy_heading");
  }

  @Test
  void hashesAndMarksDoNotCountTowardsTheLengthOfATitle() {
    String hidden = "\u00AD".repeat(41);
    assertThat(codes("### #####Command" + hidden)).contains("section.decoy_heading");
    assertThat(codes("### C\u0301\u0301\u0301\u0301\u0301ommand" + hidden)).contains("section.decoy_heading");
    assertThat(codes("### Command" + "\uDB40\uDC01".repeat(41))).contains("section.decoy_heading");
  }

  @Test
  void refusesAHeadingTooLongToCompare() {
    assertThat(problems("### " + "x".repeat(5000)))
        .extracting(Violation::code, Violation::message)
        .containsExactly(tuple("section.decoy_heading",
            "a heading of 5000 characters cannot be compared with the section titles; keep headings under 4096"));
  }

  @Test
  void comparesAHeadingOfTheLongestLengthAllowed() {
    assertThat(codes("### " + "x".repeat(RenderedView.MAX_HEADING_CHARS))).isEmpty();
    assertThat(codes("### " + "x".repeat(RenderedView.MAX_HEADING_CHARS + 1))).containsExactly("section.decoy_heading");
  }

  @Test
  void judgesEachHeadingWithMarkupByItsOwnLine() {
    assertThat(problems("### *Notes*\n\n### *Command*\n\n### `x`\n\n### [Input Files](#a)"))
        .extracting(Violation::code, Violation::where)
        .containsExactly(tuple("section.decoy_heading", "line 12"), tuple("section.decoy_heading", "line 16"));
  }

  @Test
  void readsAMultiLineSetextHeadingAsOneLine() {
    assertThat(problems("Input\n*Files*\n----"))
        .extracting(Violation::code, Violation::where)
        .containsExactly(tuple("section.decoy_heading", "line 10"));
  }

  @Test
  void theSectionsOwnHeadingsAreNoDecoys() {
    assertThat(problems("## Command\nx\n\n## Input Files\ny\n\n## Output Expectations\nz")).isEmpty();
  }

  @Test
  void reportsAnInvisibleCharacterOnceForEachLine() {
    assertThat(problems("a\u00ADb\u00AD\nc\u2800d\ne\uDB40\uDC01f\nplain\ttabs\u00A0and no-break spaces"))
        .extracting(Violation::code, Violation::where, Violation::message)
        .containsExactly(
            tuple("body.invisible_character", "line 10", "the body holds U+00AD, which a viewer shows as nothing"),
            tuple("body.invisible_character", "line 11", "the body holds U+2800, which a viewer shows as nothing"),
            tuple("body.invisible_character", "line 12", "the body holds U+E0001, which a viewer shows as nothing"));
  }

  @Test
  void leavesForbiddenCharactersToTheirOwnCheck() {
    assertThat(codes("a\u200Bb\u0085c")).isEmpty();
  }

  @Test
  void reportsAtMostTwentyInvisibleCharacters() {
    assertThat(codes("\u00AD\n".repeat(25))).hasSize(20);
  }

  @Test
  void refusesFootnoteDefinitions() {
    assertThat(problems("text\n[^1]: hidden\n  [^note]: also hidden\n[^]: not one"))
        .extracting(Violation::code, Violation::where, Violation::message)
        .containsExactly(
            tuple("body.link_reference", "line 11", "the footnote definition '[^1]: hidden' is hidden by many viewers; write it as text"),
            tuple("body.link_reference", "line 12", "the footnote definition '[^note]: also hidden' is hidden by many viewers;"
                + " write it as text"));
  }

  @Test
  void aBodyForAnyContentIsNotCheckedForWhatItShows() {
    Problems problems = new Problems();
    MarkdownSections.read(List.of("<b>x</b>", "# Command", "a\u00ADb"), 1, REQUIRED, problems);
    assertThat(problems.inSourceOrder()).extracting(Violation::code).containsOnly("section.missing");
  }

  @Test
  void skeletonReadsATextAsItShows() {
    List<String> skeletons = new ArrayList<>();
    for (String text :
        List.of("  ## Input \u00A0 \u2003Files ##  ", "Comrnand", "a#b", "a # b", "\uFF23OMMAND", "Comma\u0301nd", "C\u200Bommand",
            "\u13A2\uAB70", "\u1D04\u1D0F", "Stra\u00DFe", "")) {
      skeletons.add(RenderedView.skeleton(text));
    }
    assertThat(skeletons).containsExactly("input fiies", "command", "a#b", "a # b", "command", "command", "command",
        "td", "co", "stra\u00DFe", "");
  }

  @ParameterizedTest
  @ValueSource(strings = {"python x.py", "a * b", "[x]", "a & b", "a\\b", "  a * b", "if a < b and c > d", "a_b_c"})
  void aLineWithoutEffectiveMarkupRendersAsWritten(String line) {
    assertThat(MarkdownSections.rendersAsWritten(line)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a ~~b~~", "a~~", "*a*", "__a__", "a\\*b", "&amp;", "`a`", "<b>x</b>", "<https://x.org>", "[a](b)", "![a](b)",
        "> a *b*", "1. *a*", "# *a*", "a  *b*"
      })
  void aLineThatMarkupChangesDoesNot(String line) {
    assertThat(MarkdownSections.rendersAsWritten(line)).isFalse();
  }

  @Test
  void aLineTooLongToParseRendersAsWrittenOnlyWithoutMarkup() {
    int longest = 4 * RenderedView.MAX_HEADING_CHARS;
    assertThat(MarkdownSections.rendersAsWritten("a * b" + "c".repeat(longest - 5))).isTrue();
    assertThat(MarkdownSections.rendersAsWritten("a * b" + "c".repeat(longest - 4))).isFalse();
    assertThat(MarkdownSections.rendersAsWritten("a b" + "c".repeat(longest))).isTrue();
  }
}
