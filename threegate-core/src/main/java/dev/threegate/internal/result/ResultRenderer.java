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
package dev.threegate.internal.result;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Renders a Tool Result document (trusted computing base): {@code ---}, the {@linkplain
 * FrontMatter front matter}, {@code ---}, then the six sections in the format's order. Pure: the
 * same content gives the same bytes; it reads and writes no file.
 */
final class ResultRenderer {
  /** The body's sections, in the order of the format. */
  private static final List<SectionRenderer> SECTIONS = List.of(
      new SummarySection(),
      new ProvenanceSection(),
      new OutputsSection(),
      StreamSection.STDOUT,
      StreamSection.STDERR,
      new SafetyNotesSection());

  private ResultRenderer() {}

  /** The document's text. */
  static String render(ResultContent content) {
    Lines out = new Lines();
    out.line("---");
    out.raw(FrontMatter.render(content));
    out.line("---");
    for (SectionRenderer section : SECTIONS) {
      section.render(content, out);
    }
    return out.toString();
  }

  /** The document's bytes, in UTF-8. */
  static byte[] renderBytes(ResultContent content) {
    return render(content).getBytes(StandardCharsets.UTF_8);
  }
}
