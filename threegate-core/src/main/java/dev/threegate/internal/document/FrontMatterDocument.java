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
import dev.threegate.internal.yaml.Problems;
import dev.threegate.internal.yaml.SafeYaml;
import java.util.List;
import java.util.Optional;

/**
 * A Markdown document with YAML front matter, read strictly: UTF-8 (a leading BOM dropped), LF or
 * CRLF, no control or invisible formatting characters (each reported once, then neutralised so the
 * readers behind do not report it again), a {@code ---} first line and a closing {@code ---} line.
 */
public final class FrontMatterDocument {
  private static final int MAX_CONTROL_REPORTS = 10;

  private final List<String> lines;
  private final int close;

  private FrontMatterDocument(List<String> lines, int close) {
    this.lines = lines;
    this.close = close;
  }

  /**
   * Reads a document.
   *
   * @param bytes the document's bytes
   * @param problems where problems go
   * @return the document, or empty when it has no front matter to read (a problem says why)
   */
  public static Optional<FrontMatterDocument> read(byte[] bytes, Problems problems) {
    String text = Utf8.decode(bytes, problems);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String[] lines = text.replace("\r\n", "\n").split("\n", -1);
    checkControlCharacters(lines, problems);
    for (int i = 0; i < lines.length; i++) {
      lines[i] = neutralise(lines[i]);
    }
    if (!isFence(lines[0])) {
      problems.add("format.front_matter_missing", 1, "the document must start with a '---' line opening the YAML front matter");
      return Optional.empty();
    }
    int close = 1;
    while (close < lines.length && !isFence(lines[close])) {
      String stripped = stripAnySpace(lines[close]);
      if (stripped.equals("---") || stripped.equals("...")) {
        // another reader may take it for the closing fence (or the document's end) and read the rest as Markdown
        problems.add(
            "format.front_matter_fence",
            close + 1,
            "a line that reads as '" + stripped + "' with characters other than ASCII spaces or tabs around it; a"
                + " front-matter fence is '---' alone");
      }
      close++;
    }
    if (close == lines.length) {
      problems.add("format.front_matter_unclosed", 1, "the YAML front matter has no closing '---' line");
      return Optional.empty();
    }
    return Optional.of(new FrontMatterDocument(List.of(lines), close));
  }

  /**
   * Loads the front matter with the safe YAML loader, refusing plain scalars that YAML 1.1 and
   * YAML 1.2 readers read differently.
   *
   * @return the tree and its problems
   */
  public SafeYaml.Result frontMatter() {
    return frontMatter(SafeYaml.PlainScalars.UNAMBIGUOUS);
  }

  /**
   * Loads the front matter with the safe YAML loader.
   *
   * @param plainScalars which plain scalars are accepted
   * @return the tree and its problems
   */
  public SafeYaml.Result frontMatter(SafeYaml.PlainScalars plainScalars) {
    return SafeYaml.load(String.join("\n", lines.subList(1, close)), 2, plainScalars);
  }

  /**
   * Every line of the document, decoded, without line endings.
   *
   * @return the lines
   */
  public List<String> lines() {
    return lines;
  }

  /**
   * The body's lines, after the closing fence.
   *
   * @return the lines, without line endings
   */
  public List<String> body() {
    return lines.subList(close + 1, lines.size());
  }

  /**
   * The file line of the body's first line.
   *
   * @return a 1-based line number
   */
  public int bodyFirstLine() {
    return close + 2;
  }

  /** A line without the spaces and invisible characters around it, of every kind. */
  private static String stripAnySpace(String line) {
    int from = 0;
    int to = line.length();
    while (from < to && (CodePoints.isInvisible(line.charAt(from)) || line.charAt(from) == ' ')) {
      from++;
    }
    while (to > from && (CodePoints.isInvisible(line.charAt(to - 1)) || line.charAt(to - 1) == ' ')) {
      to--;
    }
    return line.substring(from, to);
  }

  /** {@code ---} followed by nothing but ASCII spaces and tabs: every reader's fence. */
  private static boolean isFence(String line) {
    if (!line.startsWith("---")) {
      return false;
    }
    for (int i = 3; i < line.length(); i++) {
      if (line.charAt(i) != ' ' && line.charAt(i) != '\t') {
        return false;
      }
    }
    return true;
  }

  private static String neutralise(String line) {
    StringBuilder out = new StringBuilder(line.length());
    line.codePoints().forEach(cp -> out.appendCodePoint(CodePoints.isForbidden(cp) || cp == '\r' ? 0xFFFD : cp));
    return out.toString();
  }

  private static void checkControlCharacters(String[] lines, Problems problems) {
    int reports = 0;
    for (int i = 0; i < lines.length && reports < MAX_CONTROL_REPORTS; i++) {
      int cp = CodePoints.firstForbidden(lines[i]);
      if (cp < 0 && lines[i].indexOf('\r') >= 0) {
        problems.add("format.control_character", i + 1, "a carriage return outside a CRLF line ending");
        reports++;
      } else if (cp >= 0) {
        problems.add(
            "format.control_character",
            i + 1,
            String.format("control or invisible formatting character U+%04X is not allowed", cp));
        reports++;
      }
    }
  }
}
