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

import dev.threegate.exec.CapturedStream;
import dev.threegate.exec.StreamCapture;
import java.util.function.Function;

/**
 * The Stdout or Stderr section: the stream's size, lines and SHA-256, and an excerpt as an
 * indented code block that no output line can leave, with where the whole stream is when the
 * excerpt is not all of it.
 */
final class StreamSection implements SectionRenderer {
  /** The standard output's section. */
  static final StreamSection STDOUT = new StreamSection("Stdout", c -> c.result().stdout(), f -> f.stdout());

  /** The standard error's section. */
  static final StreamSection STDERR = new StreamSection("Stderr", c -> c.result().stderr(), f -> f.stderr());

  private final String title;
  private final Function<ResultContent, CapturedStream> stream;
  private final Function<ResultFiles, ResultFile> file;

  private StreamSection(String title, Function<ResultContent, CapturedStream> stream, Function<ResultFiles, ResultFile> file) {
    this.title = title;
    this.stream = stream;
    this.file = file;
  }

  @Override
  public void render(ResultContent content, Lines out) {
    CapturedStream captured = stream.apply(content);
    out.line("## " + title);
    out.line("");
    if (captured.bytes() == 0) {
      out.line("No output.");
      out.line("");
      return;
    }
    Markdown.Excerpt excerpt = Markdown.excerpt(captured);
    out.line(captured.bytes() + " bytes, " + captured.lines() + " lines, SHA-256 " + Markdown.code(captured.sha256())
        + (captured.truncated() ? "; cut at the output cap" : "") + ".");
    out.line("");
    excerpt.lines().forEach(out::line);
    out.line("");
    if (!excerpt.complete()) {
      out.line("Excerpt: the first " + excerpt.lines().size() + " lines (at most " + Markdown.EXCERPT_LINES + " lines and "
          + StreamCapture.HEAD_BYTES + " bytes) of " + captured.bytes() + " bytes and " + captured.lines()
          + " lines; the whole captured stream is in " + Markdown.code(file.apply(content.files()).path()) + ".");
      out.line("");
    }
  }
}
