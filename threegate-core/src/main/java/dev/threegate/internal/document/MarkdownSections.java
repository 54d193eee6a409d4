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

import dev.threegate.internal.yaml.Problems;
import dev.threegate.request.Section;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * The level-two sections of a Markdown body, located with a CommonMark parser: a heading inside a
 * code block, a list or a quote is not a section, and a look-alike character does not match. Only
 * top-level ATX headings ({@code ## Title}) open a section; any top-level heading of level one or two
 * closes it.
 */
public final class MarkdownSections {
  /**
   * Blocks only: inline content is kept as its raw text (a heading's title is compared as written,
   * with no escape or emphasis processing), which is all the sections need and much cheaper.
   */
  private static final Parser MARKDOWN =
      Parser.builder()
          .includeSourceSpans(IncludeSourceSpans.BLOCKS)
          .inlineParserFactory(context -> (lines, block) -> block.appendChild(new Text(lines.getContent())))
          .build();

  private MarkdownSections() {}

  /** What a body may hold besides its sections. */
  public enum Content {
    /** Anything Markdown allows: a Tool Result quotes tool output, HTML and headings included. */
    ANY,
    /**
     * Only what a reviewer of the rendered document sees as the gate reads it: no raw HTML, no
     * link reference definitions, and no heading that reads as a required section's title other
     * than that section's own heading (see {@link RenderedView}). For requests.
     */
    REVIEWABLE
  }

  /**
   * A section with its raw lines.
   *
   * @param section the section
   * @param content the raw lines under the heading, up to the next section
   * @param contentFirstLine the file line of {@code content.get(0)}
   */
  public record Raw(Section section, List<String> content, int contentFirstLine) {}

  /**
   * Reads the sections of a body that may hold {@linkplain Content#ANY anything}.
   *
   * @param lines the body's lines
   * @param firstLine the file line of {@code lines.get(0)}
   * @param required the titles that must appear, in order
   * @param problems where problems go ({@code section.*})
   * @return every section, in document order
   */
  public static List<Raw> read(List<String> lines, int firstLine, List<String> required, Problems problems) {
    return read(lines, firstLine, required, Content.ANY, problems);
  }

  /**
   * Reads the sections and checks that each required one appears once, in the given order.
   *
   * @param lines the body's lines
   * @param firstLine the file line of {@code lines.get(0)}
   * @param required the titles that must appear, in order
   * @param allowed what else the body may hold
   * @param problems where problems go ({@code section.*}, and {@code body.*} for a reviewable body)
   * @return every section, in document order
   */
  public static List<Raw> read(
      List<String> lines, int firstLine, List<String> required, Content allowed, Problems problems) {
    String text = String.join("\n", lines);
    Node document = MARKDOWN.parse(text);
    Set<Integer> judged = new HashSet<>();
    List<int[]> bounds = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
      if (!(node instanceof Heading heading) || heading.getLevel() > 2 || node.getSourceSpans().isEmpty()) {
        continue;
      }
      List<SourceSpan> spans = node.getSourceSpans();
      int start = spans.get(0).getLineIndex();
      int end = spans.get(spans.size() - 1).getLineIndex();
      String title = textOf(heading).strip();
      boolean atx = lines.get(start).stripLeading().startsWith("#");
      if (!atx && required.contains(title)) {
        problems.add("section.heading_style", firstLine + start, "write the section heading as '## " + title + "', not underlined");
        judged.add(start);
      } else if (atx && heading.getLevel() == 2 && required.contains(title)) {
        judged.add(start);
      }
      bounds.add(new int[] {start, end + 1});
      titles.add(heading.getLevel() == 2 && atx ? title : "");
    }
    List<Raw> sections = new ArrayList<>();
    for (int i = 0; i < bounds.size(); i++) {
      if (titles.get(i).isEmpty()) {
        continue;
      }
      int contentStart = bounds.get(i)[1];
      int contentEnd = Math.max(contentStart, i + 1 < bounds.size() ? bounds.get(i + 1)[0] : lines.size());
      List<String> content = List.copyOf(lines.subList(contentStart, contentEnd));
      Section section = new Section(titles.get(i), firstLine + bounds.get(i)[0], trimBlankLines(content));
      sections.add(new Raw(section, content, firstLine + contentStart));
    }
    checkRequired(sections, required, problems, firstLine);
    if (allowed == Content.REVIEWABLE) {
      RenderedView.checkLines(lines, firstLine, problems);
      RenderedView.check(document, firstLine, required, judged, problems);
    }
    return sections;
  }

  /**
   * Whether a line shows in a Markdown view exactly as written (no emphasis, code span, link,
   * entity, escape or strikethrough changes it).
   *
   * @param line one line
   * @return {@code true} when what a viewer shows is the line itself
   */
  public static boolean rendersAsWritten(String line) {
    return RenderedView.rendersAsWritten(line);
  }

  private static void checkRequired(List<Raw> sections, List<String> required, Problems problems, int firstLine) {
    int lastLine = firstLine;
    int previous = -1;
    boolean ordered = true;
    for (String title : required) {
      List<Raw> found = sections.stream().filter(s -> s.section().title().equals(title)).toList();
      if (found.isEmpty()) {
        problems.add("section.missing", lastLine, "required section '## " + title + "' is missing");
        continue;
      }
      int firstAt = found.get(0).section().line();
      for (Raw duplicate : found.subList(1, found.size())) {
        problems.add(
            "section.duplicate",
            duplicate.section().line(),
            "section '## " + title + "' appears again (first on line " + firstAt + ")");
      }
      int index = sections.indexOf(found.get(0));
      if (index < previous && ordered) {
        ordered = false;
        problems.add(
            "section.order",
            firstAt,
            "sections must appear in the order " + String.join(", ", required.stream().map(t -> "## " + t).toList()));
      }
      previous = index; // once out of order, the order is reported and no later index matters
      lastLine = firstAt;
    }
  }

  private static String trimBlankLines(List<String> content) {
    int from = 0;
    int to = content.size();
    while (from < to && content.get(from).isBlank()) {
      from++;
    }
    while (to > from && content.get(to - 1).isBlank()) {
      to--;
    }
    return String.join("\n", content.subList(from, to));
  }

  /** A heading's text as written: the block-only parser leaves it as one text node. */
  private static String textOf(Heading heading) {
    return heading.getFirstChild() instanceof Text text ? text.getLiteral() : "";
  }
}
