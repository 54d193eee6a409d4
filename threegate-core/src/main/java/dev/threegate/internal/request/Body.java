package dev.threegate.internal.request;

import dev.threegate.internal.text.Text;
import dev.threegate.internal.yaml.Problems;
import dev.threegate.request.Section;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * The Markdown body of a request: its level-two sections, located with a CommonMark parser (so a
 * heading inside a code block, a list or a quote is not a section), and the command read from the
 * raw lines under {@code ## Command} as upstream does (the first non-empty line).
 */
final class Body {
  static final List<String> REQUIRED = List.of("Command", "Input Files", "Output Expectations", "Risk Assessment");

  private static final Parser MARKDOWN =
      Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

  private final List<Section> sections;
  private final String command;

  private Body(List<Section> sections, String command) {
    this.sections = List.copyOf(sections);
    this.command = command;
  }

  List<Section> sections() {
    return sections;
  }

  String command() {
    return command;
  }

  Section section(String title) {
    Section found = section(sections, title);
    if (found == null) {
      throw new IllegalStateException("no section " + title);
    }
    return found;
  }

  /**
   * Reads the body.
   *
   * @param lines the body's lines, without line endings
   * @param firstLine the 1-based file line of {@code lines.get(0)}
   */
  static Body read(List<String> lines, int firstLine, Problems problems) {
    Node document = MARKDOWN.parse(String.join("\n", lines));
    List<int[]> bounds = new ArrayList<>(); // {heading index, first content index}
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
      if (!atx && REQUIRED.contains(title)) {
        problems.add(
            "section.heading_style",
            firstLine + start,
            "write the section heading as '## " + title + "', not underlined");
      }
      bounds.add(new int[] {start, end + 1});
      titles.add(heading.getLevel() == 2 && atx ? title : "");
    }

    List<Section> sections = new ArrayList<>();
    String command = "";
    for (int i = 0; i < bounds.size(); i++) {
      if (titles.get(i).isEmpty()) {
        continue;
      }
      int contentStart = bounds.get(i)[1];
      int contentEnd = Math.max(contentStart, i + 1 < bounds.size() ? bounds.get(i + 1)[0] : lines.size());
      List<String> content = lines.subList(contentStart, contentEnd);
      Section section = new Section(titles.get(i), firstLine + bounds.get(i)[0], trimBlankLines(content));
      if (section.title().equals("Command") && section(sections, "Command") == null) {
        command = command(section.line(), content, firstLine + contentStart, problems);
      }
      sections.add(section);
    }
    checkRequired(sections, problems, firstLine);
    return new Body(sections, command);
  }

  private static void checkRequired(List<Section> sections, Problems problems, int firstLine) {
    int lastLine = firstLine;
    int previous = -1;
    boolean ordered = true;
    for (String title : REQUIRED) {
      List<Section> found = sections.stream().filter(s -> s.title().equals(title)).toList();
      if (found.isEmpty()) {
        problems.add("section.missing", lastLine, "required section '## " + title + "' is missing");
        continue;
      }
      for (Section duplicate : found.subList(1, found.size())) {
        problems.add(
            "section.duplicate",
            duplicate.line(),
            "section '## " + title + "' appears again (first on line " + found.get(0).line() + ")");
      }
      int index = sections.indexOf(found.get(0));
      if (index < previous && ordered) {
        ordered = false;
        problems.add(
            "section.order",
            found.get(0).line(),
            "sections must appear in the order " + String.join(", ", REQUIRED.stream().map(t -> "## " + t).toList()));
      }
      previous = Math.max(previous, index);
      lastLine = found.get(0).line();
    }
  }

  private static Section section(List<Section> sections, String title) {
    return sections.stream().filter(s -> s.title().equals(title)).findFirst().orElse(null);
  }

  private static String command(int headingLine, List<String> content, int firstLine, Problems problems) {
    List<String> nonEmpty = new ArrayList<>();
    List<Integer> lineNumbers = new ArrayList<>();
    for (int i = 0; i < content.size(); i++) {
      if (!content.get(i).isBlank()) {
        nonEmpty.add(content.get(i).strip());
        lineNumbers.add(firstLine + i);
      }
    }
    if (nonEmpty.isEmpty()) {
      problems.add("command.missing", headingLine, "the '## Command' section holds no command");
      return "";
    }
    for (int i = 0; i < nonEmpty.size(); i++) {
      if (nonEmpty.get(i).startsWith("```") || nonEmpty.get(i).startsWith("~~~")) {
        problems.add(
            "command.code_fence",
            lineNumbers.get(i),
            "write the command as one plain line, not in a code fence");
        return "";
      }
    }
    if (nonEmpty.size() > 1) {
      problems.add(
          "command.multiple",
          lineNumbers.get(1),
          "the '## Command' section holds " + nonEmpty.size() + " lines; exactly one command is allowed ('"
              + Text.printable(nonEmpty.get(1)) + "')");
    }
    return nonEmpty.get(0);
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

  private static String textOf(Node node) {
    StringBuilder text = new StringBuilder();
    for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
      if (child instanceof org.commonmark.node.Text t) {
        text.append(t.getLiteral());
      } else if (child instanceof Code code) {
        text.append('`').append(code.getLiteral()).append('`');
      } else {
        text.append(textOf(child));
      }
    }
    return text.toString();
  }
}
