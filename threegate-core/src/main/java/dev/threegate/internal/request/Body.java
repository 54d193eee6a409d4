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
package dev.threegate.internal.request;

import dev.threegate.internal.document.MarkdownSections;
import dev.threegate.internal.text.Text;
import dev.threegate.internal.yaml.Problems;
import dev.threegate.request.Section;
import java.util.ArrayList;
import java.util.List;

/**
 * The Markdown body of a request: its sections, and the command read from the raw lines under
 * {@code ## Command} as upstream does (the first non-empty line), refused when ambiguous. The body
 * must read the same rendered as raw: no HTML, no hidden link definitions, no decoy headings.
 */
final class Body {
  static final List<String> REQUIRED = List.of("Command", "Input Files", "Output Expectations", "Risk Assessment");

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

  static Body read(List<String> lines, int firstLine, Problems problems) {
    List<MarkdownSections.Raw> raw =
        MarkdownSections.read(lines, firstLine, REQUIRED, MarkdownSections.Content.REVIEWABLE, problems);
    String command =
        raw.stream()
            .filter(r -> r.section().title().equals("Command"))
            .findFirst()
            .map(r -> command(r, problems))
            .orElse("");
    return new Body(raw.stream().map(MarkdownSections.Raw::section).toList(), command);
  }

  private static String command(MarkdownSections.Raw raw, Problems problems) {
    List<String> nonEmpty = new ArrayList<>();
    List<Integer> lineNumbers = new ArrayList<>();
    for (int i = 0; i < raw.content().size(); i++) {
      if (!raw.content().get(i).isBlank()) {
        nonEmpty.add(raw.content().get(i).strip());
        lineNumbers.add(raw.contentFirstLine() + i);
      }
    }
    if (nonEmpty.isEmpty()) {
      problems.add("command.missing", raw.section().line(), "the '## Command' section holds no command");
      return "";
    }
    for (int i = 0; i < nonEmpty.size(); i++) {
      if (nonEmpty.get(i).startsWith("```") || nonEmpty.get(i).startsWith("~~~")) {
        problems.add("command.code_fence", lineNumbers.get(i), "write the command as one plain line, not in a code fence");
        return "";
      }
    }
    if (nonEmpty.size() > 1) {
      problems.add(
          "command.multiple",
          lineNumbers.get(1),
          "the '## Command' section holds "
              + nonEmpty.size()
              + " lines; exactly one command is allowed ('"
              + Text.printable(nonEmpty.get(1))
              + "')");
    }
    if (!MarkdownSections.rendersAsWritten(nonEmpty.get(0))) {
      problems.add(
          "command.markup",
          lineNumbers.get(0),
          "the command shows differently in a Markdown view (emphasis, a code span, a link, an entity or"
              + " strikethrough would change or hide characters); the approver must see it as it runs");
    }
    return nonEmpty.get(0);
  }
}
