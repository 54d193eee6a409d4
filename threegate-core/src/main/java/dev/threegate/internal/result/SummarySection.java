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

import dev.threegate.exec.ExecutionResult;
import dev.threegate.internal.result.ResultFiles.OutputFile;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The Summary: what ran, on which backend, how it ended, and which files it left in {@code /out}. */
final class SummarySection implements SectionRenderer {
  /** The most artifact names listed in the Summary. */
  static final int MAX_NAMES = 20;

  @Override
  public void render(ResultContent content, Lines out) {
    ExecutionResult result = content.result();
    out.line("## Summary");
    out.line("");
    String how =
        switch (result.status()) {
          case COMPLETED -> "succeeded (exit code 0)";
          case NONZERO_EXIT -> "failed with exit code " + result.exitCode();
          case TIMED_OUT -> "did not finish: the time limit ran out";
          case OUTPUT_LIMIT -> "was stopped: its output reached the output cap";
          case KILLED -> "was killed (exit code " + result.exitCode() + ")";
        };
    out.line("The " + content.request().language().wireName() + " command of request " + Markdown.code(content.request().requestId())
        + " ran on backend " + Markdown.code(result.backend().name()) + " and " + how + " after "
        + String.format(Locale.ROOT, "%.3f", content.runtimeSec()) + " s.");
    out.line("");
    List<OutputFile> files = content.files().outputs();
    out.line(files.isEmpty()
        ? "It left no files in /out."
        : "It left " + files.size() + " file(s) in /out: "
            + files.stream().limit(MAX_NAMES).map(f -> Markdown.code(f.name())).collect(Collectors.joining(", "))
            + (files.size() > MAX_NAMES ? " and " + (files.size() - MAX_NAMES) + " more, listed under Outputs" : "")
            + ".");
    out.line("");
  }
}
