package dev.threegate.internal.document;

import dev.threegate.internal.text.Text;
import dev.threegate.internal.yaml.Problems;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.commonmark.node.Block;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Checks that the rendered view of a request body, which is what a person approves, shows the
 * sections the gate reads. Raw HTML breaks that: CommonMark ends an HTML block at a blank line, so
 * the gate reads a {@code ## Command} that follows {@code <details>} as a section, while a browser
 * folds it out of sight up to {@code </details>}. So does a heading that reads as a required
 * section's title without being that section ({@code # Command}, {@code ### Command}, an
 * underlined or emphasised one, one in a list or a quote, one with a look-alike letter): the
 * reviewer sees a section that the gate does not read. Problems:
 *
 * <ul>
 *   <li>{@code body.raw_html}: an HTML block or inline HTML (tags, comments, processing
 *       instructions, declarations, CDATA), once per line; HTML shown in a code span or a code
 *       block is text, not HTML;
 *   <li>{@code body.link_reference}: a link reference definition, which a rendered view does not
 *       show at all (the {@code [//]: # (hidden)} comment idiom);
 *   <li>{@code section.decoy_heading}: a heading of any level, style or nesting whose rendered text
 *       reads as a required title, unless it is that section's own heading. Texts are compared
 *       without inline markup, surrounding {@code #}s and spaces, letter case, accents, repeated
 *       spaces, compatibility forms (full-width letters) and letters that look like Latin ones
 *       (Cyrillic {@code о}, Greek {@code ο}, small capitals, {@code 0} for {@code o}).
 * </ul>
 */
final class RenderedView {
  /**
   * Inline nodes get their lines by counting line breaks from their block's first line: inline
   * source spans would be exact in a few more cases (a line break inside a code span or a link
   * title) but make parsing some hostile inputs ten times slower.
   */
  private static final Parser MARKDOWN = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

  private static final int MAX_REPORTS_PER_CODE = 20;

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SURROUNDING = Pattern.compile("^[#\\s\\p{Z}]+|[#\\s\\p{Z}]+$");
  private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");

  /**
   * Letters that render like a Latin letter (after lower-casing), each followed by that letter:
   * Cyrillic, Greek, Latin small capitals and variants, and digits. {@code l} and {@code 1} are
   * read as {@code i}, since a capital I looks like either.
   */
  private static final Map<Integer, Integer> LOOK_ALIKES =
      pairs(
          "\u0430a\u0432b\u0435e\u043Ak\u043Cm\u043Dh\u043Eo\u0440p\u0441c\u0442t\u0443y\u0445x\u0455s\u0456i\u0458j"
              + "\u04BBh\u04CFi\u0501d"
              + "\u03B1a\u03B2b\u03B5e\u03B6z\u03B7h\u03B9i\u03BAk\u03BCm\u03BDn\u03BFo\u03C1p\u03C4t\u03C5y\u03C7x"
              + "\u0131i\u0237j\u0251a\u0261g\u1D00a\u1D04c\u1D05d\u1D07e\u026Ai\u1D0Bk\u029Fi\u1D0Dm\u0274n\u1D0Fo"
              + "\u1D18p\u0280r\uA731s\u1D1Bt\u1D1Cu\uA730f"
              + "0o1ili");

  private RenderedView() {}

  /**
   * Reports what a rendered view would show differently from what the gate reads.
   *
   * @param text the body
   * @param firstLine the file line of the body's first line
   * @param required the titles of the required sections
   * @param sectionHeadings the body lines (0-based) of the headings already judged as sections
   * @param problems where problems go
   */
  static void check(String text, int firstLine, List<String> required, Set<Integer> sectionHeadings, Problems problems) {
    Map<String, String> titles = new HashMap<>();
    required.forEach(title -> titles.put(skeleton(title), title));
    Map<String, Integer> reports = new HashMap<>();
    Set<Integer> htmlLines = new HashSet<>();
    int blockLine = 0;
    int lineBreaks = 0;
    Node document = MARKDOWN.parse(text);
    for (Node node = document; node != null; node = next(node, document)) {
      if (node instanceof Block && !node.getSourceSpans().isEmpty()) {
        blockLine = node.getSourceSpans().get(0).getLineIndex();
        lineBreaks = 0;
      } else if (node instanceof SoftLineBreak || node instanceof HardLineBreak) {
        lineBreaks++;
      }
      int line = blockLine + lineBreaks;
      String problem = null;
      String message = null;
      if (node instanceof HtmlBlock || node instanceof HtmlInline) {
        String html = node instanceof HtmlBlock block ? block.getLiteral() : ((HtmlInline) node).getLiteral();
        if (htmlLines.add(line)) {
          problem = "body.raw_html";
          message =
              "raw HTML ('" + Text.printable(html.strip().lines().findFirst().orElse(""))
                  + "') is not allowed in a request: a rendered view may hide or move what the gate reads";
        }
        if (node instanceof HtmlInline) {
          lineBreaks += (int) html.chars().filter(c -> c == '\n').count();
        }
      } else if (node instanceof LinkReferenceDefinition definition) {
        problem = "body.link_reference";
        message =
            "the link reference definition '[" + Text.printable(definition.getLabel())
                + "]' is not shown in a rendered view; write links inline";
      } else if (node instanceof Heading heading && !sectionHeadings.contains(line)) {
        String rendered = renderedText(heading);
        String title = titles.get(skeleton(rendered));
        if (title != null) {
          problem = "section.decoy_heading";
          message =
              "the heading '" + Text.printable(rendered.strip()) + "' reads as the section '## " + title
                  + "' but is not that section; write its heading exactly as '## " + title
                  + "' at the top level, and give no other heading that title";
        }
      }
      if (problem != null && reports.merge(problem, 1, Integer::sum) <= MAX_REPORTS_PER_CODE) {
        problems.add(problem, firstLine + line, message);
      }
    }
  }

  /** The node after this one in document order within {@code root}, without recursion: bodies nest deeply. */
  private static Node next(Node node, Node root) {
    if (node.getFirstChild() != null) {
      return node.getFirstChild();
    }
    for (Node at = node; at != root; at = at.getParent()) {
      if (at.getNext() != null) {
        return at.getNext();
      }
    }
    return null;
  }

  /** The text a heading shows: its text and code, without markup or HTML. */
  private static String renderedText(Heading heading) {
    StringBuilder text = new StringBuilder();
    for (Node node = next(heading, heading); node != null; node = next(node, heading)) {
      if (node instanceof org.commonmark.node.Text t) {
        text.append(t.getLiteral());
      } else if (node instanceof Code code) {
        text.append(code.getLiteral());
      } else if (node instanceof SoftLineBreak || node instanceof HardLineBreak) {
        text.append(' ');
      }
    }
    return text.toString();
  }

  /**
   * A text reduced to how it reads: compatibility forms decomposed, accents dropped, lower case,
   * look-alike letters folded to Latin ones, {@code rn} read as {@code m}, surrounding {@code #}s
   * and spaces dropped, inner spaces collapsed.
   */
  static String skeleton(String text) {
    String folded = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT)).replaceAll("");
    StringBuilder out = new StringBuilder(folded.length());
    folded.codePoints().forEach(cp -> out.appendCodePoint(LOOK_ALIKES.getOrDefault(cp, cp)));
    String trimmed = SURROUNDING.matcher(out.toString().replace("rn", "m")).replaceAll("");
    return SPACES.matcher(trimmed).replaceAll(" ");
  }

  private static Map<Integer, Integer> pairs(String pairs) {
    Map<Integer, Integer> map = new HashMap<>();
    for (int i = 0; i < pairs.length(); i += 2) {
      map.put((int) pairs.charAt(i), (int) pairs.charAt(i + 1));
    }
    return Map.copyOf(map);
  }
}
