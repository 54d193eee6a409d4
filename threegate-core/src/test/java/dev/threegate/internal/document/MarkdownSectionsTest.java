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
import dev.threegate.internal.yaml.SafeYaml;
import dev.threegate.internal.yaml.YamlNode;
import dev.threegate.problem.Violation;
import dev.threegate.request.Section;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a body's sections are found, and how a document's front matter is told from its body. */
class MarkdownSectionsTest {
  private static final List<String> REQUIRED = List.of("Alpha", "Beta", "Gamma");

  private static List<MarkdownSections.Raw> read(String body, Problems problems) {
    return MarkdownSections.read(List.of(body.split("\n", -1)), 5, REQUIRED, problems);
  }

  private static List<Violation> problems(String body) {
    Problems problems = new Problems();
    read(body, problems);
    return problems.inSourceOrder();
  }

  @Test
  void readsEachLevelTwoSectionWithItsLinesUpToTheNext() {
    Problems problems = new Problems();
    List<MarkdownSections.Raw> sections =
        read("intro\n## Alpha\n\n  a1\n\na2\n\n### sub\nb\n# Top\n## Beta\n## Gamma\n```\n## not one\n```\n\n", problems);
    assertThat(problems.inSourceOrder()).isEmpty();
    assertThat(sections)
        .extracting(r -> r.section().title(), r -> r.section().line(), r -> r.section().text(), MarkdownSections.Raw::contentFirstLine)
        .containsExactly(
            tuple("Alpha", 6, "  a1\n\na2\n\n### sub\nb", 7),
            tuple("Beta", 15, "", 16),
            tuple("Gamma", 16, "```\n## not one\n```", 17));
    assertThat(sections.get(0).content()).containsExactly("", "  a1", "", "a2", "", "### sub", "b");
    assertThat(sections.get(1).content()).isEmpty();
    assertThat(sections.get(2).content()).containsExactly("```", "## not one", "```", "", "");
  }

  @Test
  void keepsSectionsOtherThanTheRequiredOnes() {
    Problems problems = new Problems();
    assertThat(read("## Alpha\n## Extra\nx\n## Beta\n## Gamma", problems))
        .extracting(r -> r.section().title())
        .containsExactly("Alpha", "Extra", "Beta", "Gamma");
  }

  @Test
  void readsATitleAsWrittenWithoutSurroundingSpacesOrClosingHashes() {
    Problems problems = new Problems();
    assertThat(read("## Alpha\n## `x` *y*  \n## Beta ##\n## Gamma", problems))
        .extracting(r -> r.section().title())
        .containsExactly("Alpha", "`x` *y*", "Beta", "Gamma");
  }

  @Test
  void anUnderlinedRequiredTitleIsRefusedAndIsNoSection() {
    assertThat(problems("Alpha\n-----\n## Beta\nGamma\n=====\nx"))
        .extracting(Violation::code, Violation::where)
        .containsExactly(
            tuple("section.heading_style", "line 5"),
            tuple("section.missing", "line 5"),
            tuple("section.missing", "line 7"),
            tuple("section.heading_style", "line 8"));
  }

  @Test
  void anUnderlinedOtherTitleIsNeitherASectionNorAProblem() {
    Problems problems = new Problems();
    assertThat(read("## Alpha\nNotes\n-----\n## Beta\n## Gamma", problems)).hasSize(3);
    assertThat(problems.inSourceOrder()).isEmpty();
  }

  @Test
  void reportsAMissingSectionAfterTheLastOneFound() {
    assertThat(problems("x\n## Alpha\ny\n## Gamma"))
        .extracting(Violation::code, Violation::where, Violation::message)
        .containsExactly(tuple("section.missing", "line 6", "required section '## Beta' is missing"));
    assertThat(problems("x\n\n## Beta\n## Gamma"))
        .extracting(Violation::code, Violation::where)
        .containsExactly(tuple("section.missing", "line 5"));
  }

  @Test
  void reportsEachDuplicateWithTheFirstLine() {
    assertThat(problems("## Alpha\n## Beta\n## Alpha\n## Gamma\n## Alpha"))
        .extracting(Violation::code, Violation::where, Violation::message)
        .containsExactly(
            tuple("section.duplicate", "line 7", "section '## Alpha' appears again (first on line 5)"),
            tuple("section.duplicate", "line 9", "section '## Alpha' appears again (first on line 5)"));
  }

  @Test
  void reportsTheOrderOnceAtTheFirstSectionOutOfPlace() {
    assertThat(problems("## Gamma\n## Beta\n## Alpha"))
        .extracting(Violation::code, Violation::where, Violation::message)
        .containsExactly(tuple("section.order", "line 6", "sections must appear in the order ## Alpha, ## Beta, ## Gamma"));
  }

  @Test
  void judgesTheOrderAgainstTheLatestSectionSoFar() {
    assertThat(problems("## Beta\n## Gamma\n## Alpha")).extracting(Violation::where).containsExactly("line 5");
    assertThat(problems("## Alpha\n## Gamma\n## Beta")).extracting(Violation::where).containsExactly("line 6");
  }

  @ParameterizedTest
  @ValueSource(strings = {"## Alpha\n## Beta\n## Gamma", "## Alpha\nx\n## Beta\n## Beta\n## Gamma"})
  void theOrderHoldsWhenEachFirstOneIsInPlace(String body) {
    assertThat(problems(body)).extracting(Violation::code).doesNotContain("section.order");
  }

  @Test
  void aBodyWithNoLinesHasEverySectionMissing() {
    Problems problems = new Problems();
    assertThat(MarkdownSections.read(List.of(), 3, REQUIRED, problems)).isEmpty();
    assertThat(problems.inSourceOrder()).extracting(Violation::where).containsExactly("line 3", "line 3", "line 3");
  }

  // --- front matter ---

  private static Optional<FrontMatterDocument> document(String text, Problems problems) {
    return FrontMatterDocument.read(text.getBytes(StandardCharsets.UTF_8), problems);
  }

  private static List<Violation> documentProblems(String text) {
    Problems problems = new Problems();
    document(text, problems);
    return problems.inSourceOrder();
  }

  @Test
  void splitsADocumentIntoFrontMatterAndBody() {
    Problems problems = new Problems();
    FrontMatterDocument document = document("\uFEFF---\r\na: \"1\"\r\nb: x\n--- \t\r\n## Alpha\r\ntext", problems).orElseThrow();
    assertThat(problems.inSourceOrder()).isEmpty();
    assertThat(document.lines()).containsExactly("---", "a: \"1\"", "b: x", "--- \t", "## Alpha", "text");
    assertThat(document.body()).containsExactly("## Alpha", "text");
    assertThat(document.bodyFirstLine()).isEqualTo(5);
    SafeYaml.Result yaml = document.frontMatter();
    assertThat(yaml.problems()).isEmpty();
    YamlNode.Mapping root = (YamlNode.Mapping) yaml.root().orElseThrow();
    assertThat(root.get("b")).hasValueSatisfying(b -> assertThat(b).isInstanceOf(YamlNode.Scalar.class));
  }

  @Test
  void readsTheFrontMatterWithItsFileLinesAndTheChosenPlainScalars() {
    FrontMatterDocument document = document("---\na: x\nb: yes\n---\n", new Problems()).orElseThrow();
    assertThat(document.frontMatter().problems())
        .extracting(Violation::code, Violation::where)
        .containsExactly(tuple("format.yaml_ambiguous", "line 3"));
    assertThat(document.frontMatter(SafeYaml.PlainScalars.ANY).problems()).isEmpty();
    assertThat(document.body()).containsExactly("");
  }

  @Test
  void anEmptyBodyAfterTheLastFence() {
    FrontMatterDocument document = document("---\n---", new Problems()).orElseThrow();
    assertThat(document.body()).isEmpty();
    assertThat(document.bodyFirstLine()).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a: 1\n---\n", " ---\n---\n", "----\n---\n", "--- x\n---\n", "\n---\n---\n"})
  void aDocumentMustOpenWithAFence(String text) {
    Problems problems = new Problems();
    assertThat(document(text, problems)).isEmpty();
    assertThat(problems.inSourceOrder())
        .extracting(Violation::code, Violation::where, Violation::message)
        .containsExactly(tuple("format.front_matter_missing", "line 1",
            "the document must start with a '---' line opening the YAML front matter"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"---", "---\na: 1", "---\na: 1\n----\n--- x"})
  void aFrontMatterMustBeClosed(String text) {
    Problems problems = new Problems();
    assertThat(document(text, problems)).isEmpty();
    assertThat(problems.inSourceOrder())
        .extracting(Violation::code, Violation::where, Violation::message)
        .containsExactly(tuple("format.front_matter_unclosed", "line 1", "the YAML front matter has no closing '---' line"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u00A0---", "--- \u00A0", "\u3000---", "\u00AD---", " ...", "...", "...\u2007", " --- "})
  void refusesALineThatOtherReadersMayTakeForAFence(String line) {
    Problems problems = new Problems();
    Optional<FrontMatterDocument> document = document("---\na: 1\n" + line + "\nb: 2\n---\nbody", problems);
    String stripped = line.contains("...") ? "..." : "---";
    assertThat(problems.inSourceOrder())
        .extracting(Violation::code, Violation::where, Violation::message)
        .containsExactly(tuple("format.front_matter_fence", "line 3",
            "a line that reads as '" + stripped + "' with characters other than ASCII spaces or tabs around it; a"
                + " front-matter fence is '---' alone"));
    assertThat(document).hasValueSatisfying(d -> assertThat(d.body()).containsExactly("body"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a: ---", "- ...", ".... ", "x---"})
  void aLineWithMoreThanAFenceIsNoFence(String line) {
    assertThat(documentProblems("---\n" + line + "\n---\n")).isEmpty();
  }

  @Test
  void refusesAndBlanksControlCharactersAndLoneCarriageReturns() {
    Problems problems = new Problems();
    FrontMatterDocument document = document("---\na: \"x\u0001y\"\nb: \"c\rd\"\n---\ne\u202Ef\r\n", problems).orElseThrow();
    assertThat(problems.inSourceOrder())
        .extracting(Violation::code, Violation::where, Violation::message)
        .containsExactly(
            tuple("format.control_character", "line 2", "control or invisible formatting character U+0001 is not allowed"),
            tuple("format.control_character", "line 3", "a carriage return outside a CRLF line ending"),
            tuple("format.control_character", "line 5", "control or invisible formatting character U+202E is not allowed"));
    assertThat(document.lines()).containsExactly("---", "a: \"x\uFFFDy\"", "b: \"c\uFFFDd\"", "---", "e\uFFFDf", "");
  }

  @Test
  void keepsTheTextWhenNoControlCharacterIsFound() {
    FrontMatterDocument document = document("---\na: \"\u00E9\t\"\n---\n", new Problems()).orElseThrow();
    assertThat(document.lines()).containsExactly("---", "a: \"\u00E9\t\"", "---", "");
  }

  @Test
  void reportsAtMostTenControlCharacters() {
    String text = "---\n" + "a\u0001\n".repeat(12) + "b\rc\n---\n";
    List<Violation> problems = documentProblems(text);
    assertThat(problems).hasSize(10).allMatch(v -> v.code().equals("format.control_character"));
    // the lines past the tenth are blanked all the same
    Problems more = new Problems();
    assertThat(document(text, more).orElseThrow().lines().get(13)).isEqualTo("b\uFFFDc");
  }

  // --- UTF-8 ---

  @Test
  void decodesValidUtf8AsItIs() {
    Problems problems = new Problems();
    assertThat(Utf8.decode("a\u00E9\u20AC\uD83D\uDE00\n".getBytes(StandardCharsets.UTF_8), problems)).isEqualTo("a\u00E9\u20AC\uD83D\uDE00\n");
    assertThat(Utf8.decode(new byte[0], problems)).isEmpty();
    assertThat(problems.isEmpty()).isTrue();
  }

  @Test
  void replacesEachMalformedSequenceAndReportsItsLineAndOffset() {
    Problems problems = new Problems();
    byte[] bytes = {'a', '\n', 'b', (byte) 0xFF, '\n', '\n', (byte) 0xC3, 'c', (byte) 0xE2, (byte) 0x82};
    assertThat(Utf8.decode(bytes, problems)).isEqualTo("a\nb\uFFFD\n\n\uFFFDc\uFFFD");
    assertThat(problems.inSourceOrder())
        .extracting(Violation::code, Violation::where, Violation::message)
        .containsExactly(
            tuple("format.encoding", "line 2", "invalid UTF-8 at byte offset 3; the request must be UTF-8 text"),
            tuple("format.encoding", "line 4", "invalid UTF-8 at byte offset 6; the request must be UTF-8 text"),
            tuple("format.encoding", "line 4", "invalid UTF-8 at byte offset 8; the request must be UTF-8 text"));
  }

  @Test
  void reportsAtMostTenMalformedSequencesAndReplacesThemAll() {
    Problems problems = new Problems();
    byte[] bytes = new byte[12];
    java.util.Arrays.fill(bytes, (byte) 0x80);
    assertThat(Utf8.decode(bytes, problems)).isEqualTo("\uFFFD".repeat(12));
    assertThat(problems.inSourceOrder()).hasSize(10);
  }
}
