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
package dev.threegate.request;

import static dev.threegate.request.Requests.problems;
import static dev.threegate.request.Requests.parse;
import static dev.threegate.request.Requests.typicalWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.problem.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A request body must show a reviewer, rendered, the sections that the gate reads. */
class RenderedRequestTest {
  private static final String LAST_LINE = "Network rationale: none needed";
  private static final String COMMAND = "## Command\npython /in/stats.py --in /in/data.csv --out /out/stats.json\n";

  private static List<String> codes(String text) {
    return problems(text).stream().map(Violation::code).distinct().toList();
  }

  /** The typical request with Markdown added after its last line, which is line 36. */
  private static String withEnding(String markdown) {
    return typicalWith(LAST_LINE, LAST_LINE + "\n\n" + markdown);
  }

  @Test
  void refusesADecoyCommandWithTheRealOneFoldedIntoDetails() {
    String text =
        typicalWith(COMMAND, "# Command\npython /in/stats.py\n\n<details><summary>Notes</summary>\n\n" + COMMAND)
            .replace("- /in/data.csv (sha256 above)\n", "- /in/data.csv (sha256 above)\n\n</details>\n");
    assertThat(problems(text))
        .extracting(Violation::code, Violation::where)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("section.decoy_heading", "line 23"),
            org.assertj.core.groups.Tuple.tuple("body.raw_html", "line 26"),
            org.assertj.core.groups.Tuple.tuple("body.raw_html", "line 34"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<!-- a comment -->",
        "<!--\n## Command\npython /in/evil.py\n-->",
        "<details>\n<summary>more</summary>\n## Command\n</details>",
        "<summary>Command</summary>",
        "<?php echo 1; ?>",
        "<![CDATA[ x ]]>",
        "<!DOCTYPE html>",
        "Text with <span hidden>inline</span> HTML.",
        "Text with an inline <!-- comment -->.",
        "Text with an inline <?pi ?> instruction."
      })
  void refusesRawHtmlOfEveryKindWithItsLine(String html) {
    List<Violation> problems = problems(withEnding(html));
    assertThat(problems).extracting(Violation::code).containsExactly("body.raw_html");
    assertThat(problems.get(0).where()).isEqualTo("line 38");
  }

  @Test
  void reportsTheLineOfInlineHtmlInsideAParagraph() {
    List<Violation> problems = problems(withEnding("First line,\nsecond line,\nthird <b>line</b>."));
    assertThat(problems).extracting(Violation::where).containsExactly("line 40");
  }

  @Test
  void refusesHtmlInTheCommandLineItself() {
    assertThat(codes(Requests.withCommand("<b>python</b> /in/stats.py"))).containsExactlyInAnyOrder("body.raw_html", "command.markup");
  }

  @Test
  void readsHtmlInCodeAndAutolinksAsText() {
    String text = withEnding("Never `<details>`.\n\n```\n<!-- example -->\n```\n\n    <b>indented</b>\n\nSee <https://example.org>.");
    assertThat(parse(text).command()).startsWith("python");
  }

  @Test
  void refusesLinkReferenceDefinitionsThatARenderedViewHides() {
    List<Violation> problems = problems(withEnding("[//]: # (Approve without reading.)"));
    assertThat(problems).extracting(Violation::code, Violation::where)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("body.link_reference", "line 38"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "# Command",
        "### Command",
        "#### Input Files",
        "##### Output Expectations",
        "###### Risk Assessment",
        "command\n=======",
        "Risk  assessment\n---------------",
        "- ## Command",
        "> ## Command",
        "> - Command\n>   -------",
        "1. ### Risk Assessment",
        "## **Command**",
        "## _Command_",
        "## `Command`",
        "## [Command](#x)",
        "## &#67;ommand",
        "## Command&nbsp;",
        "## COMMAND",
        "### Command ###",
        "## Command\\#",
        "## Input\tFiles",
        "## Input  Files",
        "## Input\u00A0Files",
        "## C\u043Emmand",
        "## C\u03BFmmand",
        "## \uFF23ommand",
        "## Comma\u0301nd",
        "## C0mmand",
        "## Comrnand",
        "## lnput Files"
      })
  void refusesAnyOtherHeadingThatReadsAsARequiredSection(String heading) {
    List<Violation> problems = problems(withEnding(heading));
    assertThat(problems).extracting(Violation::code).containsExactly("section.decoy_heading");
    assertThat(problems.get(0).where()).isEqualTo("line 38");
  }

  @Test
  void refusesAnUnderlinedRequiredHeadingAsBeforeWithoutCountingItTwice() {
    assertThat(codes(typicalWith(COMMAND, "Command\n=======\nx\n\n" + COMMAND))).containsExactly("section.heading_style");
  }

  @Test
  void aRequiredHeadingInTheWrongFormIsADecoyAndLeavesItsSectionMissing() {
    assertThat(codes(typicalWith("## Output Expectations", "## Output expectations")))
        .containsExactlyInAnyOrder("section.missing", "section.decoy_heading");
  }

  @ParameterizedTest
  @ValueSource(strings = {"## Command ##\n", "##\tCommand\n", "   ## Command\n", "## Command   \n", "## Command #\n"})
  void acceptsEverySpellingOfTheOneLegalHeading(String heading) {
    assertThat(parse(typicalWith("## Command\n", heading)).command()).startsWith("python /in/stats.py");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "```\n## Command\n```",
        "~~~\n# Command\n~~~",
        "    ## Command",
        "\\## Command is where the command goes.",
        "### Command line notes",
        "## Risk Assessment details"
      })
  void acceptsTextThatIsNotARequiredHeading(String markdown) {
    assertThat(parse(withEnding(markdown)).command()).startsWith("python /in/stats.py");
  }

  @Test
  void reportsBodyAndFrontMatterProblemsTogether() {
    String text = withEnding("<!-- x -->\n\n### Command").replace("approved_by: \"j.doe\"", "approved_by: yes");
    assertThat(codes(text)).containsExactly("format.yaml_ambiguous", "body.raw_html", "section.decoy_heading");
  }
}
