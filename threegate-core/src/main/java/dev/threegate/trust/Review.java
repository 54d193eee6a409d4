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
package dev.threegate.trust;

import dev.threegate.problem.Verdict;
import dev.threegate.problem.Violation;
import dev.threegate.request.Command;
import dev.threegate.request.CommandSyntaxException;
import dev.threegate.request.ExpectedOutput;
import dev.threegate.request.InputFile;
import dev.threegate.request.NetworkMode;
import dev.threegate.request.ToolRequest;
import java.util.List;
import java.util.Objects;

/**
 * What a human must read before approving a request: what will run, not the Markdown as a viewer
 * renders it. The policy's verdict; the argv exactly as every executor receives it, one word a
 * line; the backend, language, limits and network; the inputs with their hashes; the expected
 * outputs; the exact bytes' SHA-256, which the approval signs.
 *
 * <p>Everything the request supplies is shown in double quotes in printable ASCII: a quote and a
 * backslash are escaped with a backslash, and every other character outside U+0020..U+007E as
 * <code>&#92;u{XXXX}</code>, so that no invisible, look-alike, right-to-left or control character can make
 * one text read as another.
 */
public final class Review {
  private Review() {}

  /**
   * Renders a request for review.
   *
   * @param request the request, as parsed from the file reviewed
   * @param verdict the policy's verdict on the request
   * @return the review: lines ending with a newline
   */
  public static String render(ToolRequest request, Verdict verdict) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(verdict, "verdict");
    StringBuilder out = new StringBuilder();
    line(out, "request file", quote(request.sourceName()));
    line(out, "sha256", request.sourceSha256());
    line(out, "request_id", quote(request.requestId()));
    line(out, "requested by", quote(request.requestedBy()) + " at " + request.createdUtc());
    line(out, "approved_by", quote(request.approvedBy())
        + request.approvedUtc().map(at -> " at " + at).orElse(""));
    line(out, "purpose", quote(request.purpose()));
    if (verdict.passed()) {
      line(out, "policy", "PASSED");
    } else {
      line(out, "policy", "REJECTED, " + verdict.violations().size() + " violation(s)");
      for (Violation violation : verdict.violations()) {
        out.append("  ").append(violation.code()).append(" (").append(ascii(violation.where()))
            .append("): ").append(ascii(violation.message())).append('\n');
      }
    }
    line(out, "backend", request.backend().wireName());
    line(out, "language", request.language().wireName());
    line(out, "network", network(request));
    line(out, "limits", "cpu " + request.limits().cpu() + ", memory " + request.limits().memoryMb()
        + " MiB, time " + request.limits().timeSec() + " s");
    command(out, request.command());
    List<InputFile> inputs = request.inputs();
    line(out, "inputs", inputs.isEmpty() ? "none" : String.valueOf(inputs.size()));
    for (InputFile input : inputs) {
      out.append("  ").append(quote("/in/" + input.name())).append(" sha256 ").append(input.sha256()).append('\n');
    }
    List<ExpectedOutput> outputs = request.outputsExpected();
    line(out, "outputs expected", outputs.isEmpty() ? "none" : String.valueOf(outputs.size()));
    for (ExpectedOutput output : outputs) {
      out.append("  ").append(quote(output.path())).append(": ").append(quote(output.description())).append('\n');
    }
    return out.toString();
  }

  private static void command(StringBuilder out, String text) {
    List<String> argv;
    try {
      argv = Command.parse(text).argv();
    } catch (CommandSyntaxException e) {
      line(out, "command", "NOT RUNNABLE: " + ascii(e.getMessage()));
      out.append("  ").append(quote(text)).append('\n');
      return;
    }
    line(out, "command", "argv of " + argv.size() + " word(s), exactly as the executor receives them");
    for (int i = 0; i < argv.size(); i++) {
      out.append("  [").append(i).append("] ").append(quote(argv.get(i))).append('\n');
    }
  }

  private static String network(ToolRequest request) {
    if (request.network() != NetworkMode.ALLOWLIST) {
      return request.network().wireName();
    }
    StringBuilder hosts = new StringBuilder(request.network().wireName()).append(':');
    request.networkAllowlist().forEach(host -> hosts.append(' ').append(quote(host)));
    return hosts.toString();
  }

  private static void line(StringBuilder out, String label, String value) {
    out.append(label).append(": ").append(value).append('\n');
  }

  /**
   * A text as the review shows it: in double quotes, in printable ASCII (a quote and a backslash
   * escaped with a backslash, any other character outside U+0020..U+007E as <code>&#92;u{XXXX}</code>).
   *
   * @param text any text
   * @return the quoted text
   */
  public static String quote(String text) {
    return '"' + ascii(text) + '"';
  }

  private static String ascii(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2);
    text.codePoints()
        .forEach(
            cp -> {
              if (cp == '"' || cp == '\\') {
                out.append('\\').append((char) cp);
              } else if (cp >= 0x20 && cp <= 0x7e) {
                out.append((char) cp);
              } else {
                out.append("\\u{").append(String.format("%04X", cp)).append('}');
              }
            });
    return out.toString();
  }
}
