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

import dev.threegate.internal.result.ResultFiles.OutputFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Outputs: every published file with its size and SHA-256 and what it is. A file's
 * description follows from its role (a stream, or the {@code /out} file of that name), never from
 * its position in a list.
 */
final class OutputsSection implements SectionRenderer {
  /** The most {@code /out} files listed; the front matter lists every one. */
  static final int MAX_OUTPUT_LINES = 1000;

  @Override
  public void render(ResultContent content, Lines out) {
    out.line("## Outputs");
    out.line("");
    ResultFiles files = content.files();
    line(out, files.stdout(), "the whole standard output");
    line(out, files.stderr(), "the whole standard error");
    Map<String, String> descriptions = new LinkedHashMap<>();
    content.request().outputsExpected().forEach(o -> descriptions.put(o.path(), o.description()));
    List<OutputFile> outputs = files.outputs();
    for (OutputFile output : outputs.subList(0, Math.min(outputs.size(), MAX_OUTPUT_LINES))) {
      String description = descriptions.getOrDefault(output.sandboxPath(), "");
      line(out, output.file(), Markdown.code(output.sandboxPath())
          + (description.isEmpty() ? " (undeclared)" : ": " + Markdown.code(description)));
    }
    if (outputs.size() > MAX_OUTPUT_LINES) {
      out.line("- and " + (outputs.size() - MAX_OUTPUT_LINES) + " more files from /out, each listed with its size and SHA-256"
          + " under `artifacts` in the front matter");
    }
    out.line("");
  }

  private static void line(Lines out, ResultFile file, String what) {
    out.line("- " + Markdown.code(file.path()) + ": " + file.bytes() + " bytes, sha256 " + Markdown.code(file.sha256()) + ", " + what);
  }
}
