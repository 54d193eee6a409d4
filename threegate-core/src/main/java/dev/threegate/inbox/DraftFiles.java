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
package dev.threegate.inbox;

import dev.threegate.request.Backend;
import dev.threegate.request.ExpectedOutput;
import dev.threegate.request.InputFile;
import dev.threegate.request.NetworkMode;
import dev.threegate.request.Section;
import dev.threegate.request.ToolRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The request files of an inbox: a draft rendered from a {@link Draft}, and the same bytes with
 * the approval inserted. Every text is a YAML double-quoted string in printable ASCII, so no value
 * can end its field; the caller parses what is rendered and compares it with what was meant.
 */
final class DraftFiles {
  private static final String REQUESTED_BY = "requested_by: core_draft\n";

  private DraftFiles() {}

  /** The request file of a draft: the approval left out, for a human to add. */
  static String render(String requestId, Instant created, Backend backend, Draft draft, List<InputFile> inputs) {
    StringBuilder out = new StringBuilder(1024);
    out.append("---\n");
    out.append("request_type: tool_request\n");
    out.append("schema_version: 1\n");
    out.append("request_id: ").append(quote(requestId)).append('\n');
    out.append("created_utc: ").append(quote(created.toString())).append('\n');
    out.append(REQUESTED_BY);
    out.append("purpose: ").append(quote(draft.purpose())).append('\n');
    out.append("backend: ").append(quote(backend.wireName())).append('\n');
    out.append("language: ").append(quote(draft.language().wireName())).append('\n');
    out.append("network: ").append(quote(draft.network().wireName())).append('\n');
    if (draft.network() == NetworkMode.ALLOWLIST) {
      out.append("network_allowlist:\n");
      draft.networkAllowlist().forEach(d -> out.append("  - ").append(quote(d)).append('\n'));
    }
    out.append("cpu_limit: ").append(quote(Long.toString(draft.limits().cpu()))).append('\n');
    out.append("memory_limit_mb: ").append(draft.limits().memoryMb()).append('\n');
    out.append("time_limit_sec: ").append(draft.limits().timeSec()).append('\n');
    if (!inputs.isEmpty()) {
      out.append("inputs:\n");
      inputs.forEach(i -> out.append("  - name: ").append(quote(i.name())).append("\n    sha256: ").append(quote(i.sha256())).append('\n'));
    }
    if (!draft.outputs().isEmpty()) {
      out.append("outputs_expected:\n");
      for (ExpectedOutput o : draft.outputs()) {
        out.append("  - path: ").append(quote(o.path())).append("\n    description: ").append(quote(o.description())).append('\n');
      }
    }
    out.append("---\n");
    out.append("## Command\n").append(draft.command()).append("\n\n");
    out.append("## Input Files\n");
    list(out, inputs.stream().map(i -> "/in/" + i.name()).toList());
    out.append("\n## Output Expectations\n");
    list(out, draft.outputs().stream().map(ExpectedOutput::path).toList());
    out.append("\n## Risk Assessment\n");
    out.append("Risk level: ").append(draft.riskLevel().name().toLowerCase(java.util.Locale.ROOT)).append('\n');
    out.append("Justification: ").append(draft.justification()).append('\n');
    out.append("Data sensitivity: ").append(draft.dataSensitivity()).append('\n');
    out.append("Network rationale: ").append(draft.network() == NetworkMode.NONE ? "none needed" : "the destinations listed")
        .append('\n');
    return out.toString();
  }

  private static void list(StringBuilder out, List<String> items) {
    if (items.isEmpty()) {
      out.append("- none\n");
    }
    items.forEach(item -> out.append("- ").append(item).append('\n'));
  }

  /**
   * The draft's bytes with {@code approved_by} and {@code approved_utc} inserted after its {@code
   * requested_by} line; empty if the bytes are not a draft as {@link #render} writes them (no such
   * line in the front matter, or more than one).
   */
  static Optional<byte[]> withApproval(byte[] draft, String approver, Instant approved) {
    String text = new String(draft, StandardCharsets.UTF_8);
    if (!text.startsWith("---\n")) {
      return Optional.empty();
    }
    int end = text.indexOf("\n---\n", 3);
    if (end < 0) {
      return Optional.empty();
    }
    int at = text.indexOf("\n" + REQUESTED_BY, 3);
    if (at < 0 || at > end || text.indexOf("\n" + REQUESTED_BY, at + 1) >= 0 && text.indexOf("\n" + REQUESTED_BY, at + 1) < end) {
      return Optional.empty();
    }
    byte[] insert = ("approved_by: " + quote(approver) + "\napproved_utc: " + quote(approved.toString()) + "\n")
        .getBytes(StandardCharsets.US_ASCII);
    // the offset in bytes of the line after requested_by: the text before it is ASCII
    int split = text.substring(0, at + 1 + REQUESTED_BY.length()).getBytes(StandardCharsets.UTF_8).length;
    byte[] out = Arrays.copyOf(draft, draft.length + insert.length);
    System.arraycopy(insert, 0, out, split, insert.length);
    System.arraycopy(draft, split, out, split + insert.length, draft.length - split);
    return Optional.of(out);
  }

  /** Whether two requests are the same but for their approval and where they were read from. */
  static boolean sameButApproval(ToolRequest draft, ToolRequest approved) {
    return neutral(draft).equals(neutral(approved));
  }

  private static ToolRequest neutral(ToolRequest request) {
    return request.newBuilder().sourceName("").sourceSha256("").approvedBy("").approvedUtc(Optional.empty())
        .sections(request.sections().stream().map(s -> new Section(s.title(), 1, s.text())).toList())
        .build();
  }

  private static void hex(StringBuilder out, int value, int digits) {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      out.append(Character.forDigit((value >> shift) & 0xf, 16));
    }
  }

  /** A YAML double-quoted string in printable ASCII. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    text.codePoints().forEach(cp -> {
      if (cp == '"' || cp == '\\') {
        out.append('\\').append((char) cp);
      } else if (cp >= 0x20 && cp <= 0x7e) {
        out.append((char) cp);
      } else if (cp <= 0xffff) {
        hex(out.append("\\u"), cp, 4);
      } else {
        hex(out.append("\\U"), cp, 8);
      }
    });
    return out.append('"').toString();
  }
}
