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

import dev.threegate.internal.text.CodePoints;
import dev.threegate.internal.text.Text;
import dev.threegate.internal.yaml.Problems;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.Block;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.Node;
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
  /** Parses one heading's text in full, to read it as a viewer would; headings are short. */
  private static final Parser INLINE = Parser.builder().build();

  /** The longest heading text compared with the section titles; a longer one is refused. */
  static final int MAX_HEADING_CHARS = 4096;

  private static final int MAX_REPORTS_PER_CODE = 20;

  /** Twice the base characters of the longest title ({@code Output Expectations}), and some. */
  private static final int MAX_TITLE_BASE_CHARACTERS = 48;

  /** Characters with which inline markup, entities or escapes may change what a heading shows. */
  private static final String MARKUP = "*_`[]!&<>\\";


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
              + "0o1ili"
              // Armenian, Greek lunate, Lisu
              + "\u0585o\u057Du\u0578n\u0570h\u0581g\u0584p\u03F2c\u03F9c\u03F3j"
              + "\uA4D0b\uA4D1p\uA4D3d\uA4D4t\uA4D6g\uA4D7k\uA4D9j\uA4DAc\uA4DCz\uA4DDf\uA4DFm\uA4E0n\uA4E1i"
              + "\uA4E2s\uA4E3r\uA4E6v\uA4E7h\uA4EAw\uA4ECx\uA4EEa\uA4F0e\uA4F2i\uA4F3o\uA4F4u"
              + cherokee("\u13A0d\u13A1r\u13A2t\u13A4o\u13A5i\u13A9y\u13AAa\u13ABj\u13ACe\u13B3w\u13B7m\u13BBh"
                  + "\u13BEo\u13C0g\u13C1n\u13C2h\u13C3z\u13CFb\u13D9v\u13DAs\u13DEi\u13DFc\u13E2p\u13E6k\u13F4b"));

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
  static void check(Node document, int firstLine, List<String> required, Set<Integer> sectionHeadings, Problems problems) {
    Map<String, String> titles = new HashMap<>();
    required.forEach(title -> titles.put(skeleton(title), title));
    Map<String, Integer> reports = new HashMap<>();
    Set<Integer> htmlLines = new HashSet<>();
    List<Integer> headingLines = new java.util.ArrayList<>();
    StringBuilder headings = new StringBuilder();
    for (Node node = document; node != null; node = next(node, document)) {
      if (!(node instanceof Block) || node.getSourceSpans().isEmpty()) {
        continue;
      }
      int line = node.getSourceSpans().get(0).getLineIndex();
      if (node instanceof HtmlBlock block) {
        if (htmlLines.add(line)) {
          report(reports, problems, "body.raw_html", firstLine + line, html(block.getLiteral()));
        }
      } else if (node instanceof LinkReferenceDefinition definition) {
        report(reports, problems, "body.link_reference", firstLine + line,
            "the link reference definition '[" + Text.printable(definition.getLabel())
                + "]' is not shown in a rendered view; write links inline");
      } else if (node.getFirstChild() instanceof org.commonmark.node.Text raw) {
        // a paragraph or a heading, its inline text kept raw by the block parser
        String content = raw.getLiteral();
        InlineHtml.find(content, (within, shape) -> {
          if (htmlLines.add(line + within)) {
            report(reports, problems, "body.raw_html", firstLine + line + within, html(shape));
          }
        });
        String leading = content.lines().findFirst().orElse("");
        if (node instanceof org.commonmark.node.Paragraph && looksLikeAHeading(leading)) {
          // a line of bold or italic text that starts a paragraph shows like a heading
          headings.append("# ").append(leading).append('\n');
          headingLines.add(line);
        } else if (node instanceof Heading && !sectionHeadings.contains(line)) {
          if (content.length() > MAX_HEADING_CHARS) {
            report(reports, problems, "section.decoy_heading", firstLine + line,
                "a heading of " + content.length() + " characters cannot be compared with the section titles; keep"
                    + " headings under " + MAX_HEADING_CHARS);
          } else if (!hasMarkup(content)) {
            decoy(content, titles).ifPresent(message -> report(reports, problems, "section.decoy_heading", firstLine + line, message));
          } else {
            // every heading with markup becomes one ATX heading line of a single document, parsed once
            headings.append("# ").append(content.replace('\n', ' ').replace('\r', ' ')).append('\n');
            headingLines.add(line);
          }
        }
      }
    }
    if (headingLines.isEmpty()) {
      return;
    }
    int index = 0; // each line of the document is one heading, so its blocks match headingLines one for one
    for (Node node = INLINE.parse(headings.toString()).getFirstChild(); node != null; node = node.getNext(), index++) {
      int line = headingLines.get(index);
      decoy(renderedText(node), titles).ifPresent(message -> report(reports, problems, "section.decoy_heading", firstLine + line, message));
    }
  }

  private static boolean looksLikeAHeading(String paragraph) {
    String line = paragraph.strip();
    return line.length() >= 3 && line.length() <= 200
        && "*_".indexOf(line.charAt(0)) >= 0 && "*_".indexOf(line.charAt(line.length() - 1)) >= 0;
  }

  private static boolean hasMarkup(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (MARKUP.indexOf(text.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** Why a heading's rendered text reads as a section title that it is not, if it does. */
  private static java.util.Optional<String> decoy(String rendered, Map<String, String> titles) {
    if (baseCharacters(rendered) > MAX_TITLE_BASE_CHARACTERS) {
      return java.util.Optional.empty(); // too long to fold into any title: skip the costly folding
    }
    String skeleton = skeleton(rendered);
    if (rendered.codePoints().anyMatch(cp -> (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))) {
      // a bidirectional override shows the text backwards: judge what it shows
      String reversed = new StringBuilder(skeleton).reverse().toString();
      java.util.Optional<String> shown = decoyOf(reversed, rendered, titles);
      if (shown.isPresent()) {
        return shown;
      }
    }
    return decoyOf(skeleton, rendered, titles);
  }

  private static java.util.Optional<String> decoyOf(String skeleton, String rendered, Map<String, String> titles) {
    int end = skeleton.length();
    while (end > 0 && ".:;!?,".indexOf(skeleton.charAt(end - 1)) >= 0) {
      end--;
    }
    String bare = skeleton.substring(0, end).strip();
    String title = titles.get(bare);
    if (title == null && bare.endsWith("s")) {
      title = titles.get(bare.substring(0, bare.length() - 1));
    }
    return java.util.Optional.ofNullable(title).map(t ->
        "'" + Text.printable(rendered.strip()) + "' shows like the section '## " + t
            + "' but is not that section; write its heading exactly as '## " + t
            + "' at the top level, and give no other heading that title");
  }

  /**
   * Characters that stay in a skeleton, at least half of them ({@code rn} folds to {@code m}):
   * neither marks, spaces nor {@code #}. Folding never merges more, so a text with more than
   * twice the longest title's can be no title.
   */
  private static int baseCharacters(String text) {
    int count = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (!CodePoints.isMark(cp) && cp != '#' && !Character.isWhitespace(cp) && !Character.isSpaceChar(cp)) {
        count++;
      }
    }
    return count;
  }

  private static String html(String literal) {
    return "raw HTML ('" + Text.printable(literal.strip().lines().findFirst().orElse(""))
        + "') is not allowed in a request: a rendered view may hide or move what the gate reads";
  }

  private static void report(Map<String, Integer> reports, Problems problems, String code, int line, String message) {
    if (reports.merge(code, 1, Integer::sum) <= MAX_REPORTS_PER_CODE) {
      problems.add(code, line, message);
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

  /**
   * The text a heading shows: its text and code, without markup or HTML. Each heading is parsed on
   * one line, so it holds no line break.
   */
  private static String renderedText(Node heading) {
    StringBuilder text = new StringBuilder();
    for (Node node = next(heading, heading); node != null; node = next(node, heading)) {
      if (node instanceof org.commonmark.node.Text t) {
        text.append(t.getLiteral());
      } else if (node instanceof Code code) {
        text.append(code.getLiteral());
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
    // invisible characters out, every space a space, marks out before NFKD (whose reordering of a
    // long run of marks costs the square of its length)
    StringBuilder clean = new StringBuilder(text.length());
    boolean ascii = true;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        clean.append(' ');
      } else if (!CodePoints.isMark(cp) && !CodePoints.isInvisible(cp)) {
        // look-alikes first: compatibility decomposition would turn some into other letters (Ϲ into Σ)
        int folded = LOOK_ALIKES.getOrDefault(cp, LOOK_ALIKES.getOrDefault(Character.toLowerCase(cp), cp));
        clean.appendCodePoint(folded);
        ascii &= folded < 0x80;
      }
    }
    String decomposed = ascii ? clean.toString() : Normalizer.normalize(clean, Normalizer.Form.NFKD);
    StringBuilder out = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); ) {
      int cp = decomposed.codePointAt(i);
      i += Character.charCount(cp);
      if (CodePoints.isMark(cp)) {
        continue; // decomposition yields marks, letters and spaces, never an invisible character
      }
      int lower = Character.toLowerCase(LOOK_ALIKES.getOrDefault(cp, cp));
      out.appendCodePoint(LOOK_ALIKES.getOrDefault(lower, lower));
    }
    String replaced = out.toString().replace("rn", "m");
    int from = 0;
    int to = replaced.length();
    while (from < to && surrounding(replaced.charAt(from))) {
      from++;
    }
    while (to > from && surrounding(replaced.charAt(to - 1))) {
      to--;
    }
    StringBuilder collapsed = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      char c = replaced.charAt(i);
      if (!surrounding(c) || c == '#') {
        collapsed.append(c);
      } else if (collapsed.charAt(collapsed.length() - 1) != ' ') {
        collapsed.append(' ');
      }
    }
    return collapsed.toString();
  }

  private static boolean surrounding(char c) {
    return c == '#' || Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  /**
   * Refuses what a viewer shows as nothing: format characters, fillers and other invisible marks
   * in the body ({@code body.invisible_character}; spaces and tabs are fine, controls are the
   * document's own problem), and footnote definitions, which many viewers hide when nothing refers
   * to them ({@code body.link_reference}).
   *
   * @param lines the body's lines
   * @param firstLine the file line of the first
   * @param problems where problems go
   */
  static void checkLines(List<String> lines, int firstLine, Problems problems) {
    Map<String, Integer> reports = new HashMap<>();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      for (int i = 0; i < line.length(); ) {
        int cp = line.codePointAt(i);
        i += Character.charCount(cp);
        if (cp >= 0x80 && CodePoints.isInvisible(cp) && !Character.isSpaceChar(cp) && !CodePoints.isForbidden(cp)) {
          report(reports, problems, "body.invisible_character", firstLine + n,
              String.format("the body holds U+%04X, which a viewer shows as nothing", cp));
          break;
        }
      }
      String stripped = line.stripLeading();
      if (stripped.startsWith("[^") && stripped.indexOf("]:") > 2) {
        report(reports, problems, "body.link_reference", firstLine + n,
            "the footnote definition '" + Text.printable(stripped) + "' is hidden by many viewers; write it as text");
      }
    }
  }

  /**
   * Whether a line shows in a Markdown view exactly as written: no emphasis, code span, link,
   * image, entity, escape or GFM strikethrough changes or hides a character of it.
   *
   * @param line one line, at most {@link #MAX_HEADING_CHARS} times four characters (longer lines
   *     are judged by their markup characters alone)
   * @return {@code true} when the rendered text equals the line
   */
  static boolean rendersAsWritten(String line) {
    if (!hasMarkup(line) && line.indexOf("~~") < 0) {
      return true;
    }
    if (line.indexOf("~~") >= 0 || line.length() > 4 * MAX_HEADING_CHARS) {
      return false;
    }
    Node paragraph = INLINE.parse(line).getFirstChild();
    if (!(paragraph instanceof org.commonmark.node.Paragraph)) {
      return false; // the line alone starts some other block: a list item, a quote, a heading
    }
    StringBuilder shown = new StringBuilder();
    for (Node node = paragraph.getFirstChild(); node != null; node = node.getNext()) {
      if (!(node instanceof org.commonmark.node.Text text)) {
        return false;
      }
      shown.append(text.getLiteral());
    }
    return shown.toString().equals(line.strip());
  }

  /** Cherokee capitals paired with Latin letters, and the same for their small forms (U+AB70…). */
  private static String cherokee(String capitals) {
    StringBuilder both = new StringBuilder(capitals);
    for (int i = 0; i < capitals.length(); i += 2) {
      both.append((char) (capitals.charAt(i) - 0x13A0 + 0xAB70)).append(capitals.charAt(i + 1));
    }
    return both.toString();
  }

  private static Map<Integer, Integer> pairs(String pairs) {
    Map<Integer, Integer> map = new HashMap<>();
    for (int i = 0; i < pairs.length(); i += 2) {
      map.put((int) pairs.charAt(i), (int) pairs.charAt(i + 1));
    }
    return Map.copyOf(map);
  }
}
