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
import dev.threegate.exec.LimitEnforcement;
import dev.threegate.internal.text.Text;
import dev.threegate.request.Command;
import dev.threegate.request.CommandSyntaxException;
import dev.threegate.request.ToolRequest;
import dev.threegate.trust.Approval;
import dev.threegate.trust.ApprovalRecord;
import java.util.List;
import java.util.Locale;

/**
 * The Provenance (trusted computing base): the request and its hash, who asked and who approved,
 * the command and the words the program received, the backend, and every limit with what enforced
 * it or that nothing did.
 */
final class ProvenanceSection implements SectionRenderer {
  @Override
  public void render(ResultContent content, Lines out) {
    ToolRequest request = content.request();
    ExecutionResult result = content.result();
    out.line("## Provenance");
    out.line("");
    out.line("Request: " + Markdown.code(request.requestId()) + " from " + Markdown.code(request.sourceName())
        + ", SHA-256 " + Markdown.code(request.sourceSha256()) + ".");
    out.line("");
    out.line("Requested by " + Markdown.code(request.requestedBy()) + "; " + approval(content) + ".");
    out.line("");
    out.line("Purpose: " + Markdown.code(request.purpose()));
    out.line("");
    out.line("Command (" + request.language().wireName() + "):");
    out.line("");
    out.line("    " + Text.oneLine(request.command()));
    out.line("");
    out.line("Arguments as the program received them, one per line, each in double quotes:");
    out.line("");
    argv(request).forEach(word -> out.line("    \"" + Text.oneLine(word.replace("\\", "\\\\").replace("\"", "\\\"")) + "\""));
    out.line("");
    out.line("Backend: " + Markdown.code(result.backend().name()) + " version " + Markdown.code(result.backend().version())
        + ", isolation " + result.backend().capabilities().isolation().name().toLowerCase(Locale.ROOT) + ".");
    if (request.backend() != result.backend().kind()) {
      out.line("");
      out.line("The request named backend " + Markdown.code(request.backend().wireName()) + "; it ran on "
          + Markdown.code(result.backend().kind().wireName()) + " instead, a substitution the policy allowed.");
    }
    out.line("");
    out.line("Limits applied and what enforced them:");
    out.line("");
    // never empty: the writer records every limit of the request (LimitCoverage)
    for (LimitEnforcement limit : result.limits()) {
      out.line("- " + limit.limit() + " " + limit.value() + ": "
          + (limit.enforced() ? "enforced by " + Markdown.code(limit.enforcedBy()) : "NOT enforced"));
    }
    out.line("");
  }

  /** What established the approval, and whether anything verified it. */
  private static String approval(ResultContent content) {
    if (content.approval() instanceof ApprovalRecord.Signed signed) {
      Approval approval = signed.verified().approval();
      return "approval signed by " + Markdown.code(approval.approver()) + " at " + approval.approvedAt() + " with key "
          + Markdown.code(signed.verified().keyId()) + ", verified against the gate's trust store"
          + content.files().approval().map(f -> " (the signed approval: " + Markdown.code(f.path()) + ")").orElse("");
    }
    ApprovalRecord.Declared declared = (ApprovalRecord.Declared) content.approval();
    return "approval declared by " + Markdown.code(declared.approver())
        + declared.approvedAt().map(t -> " at " + t).orElse("") + ", not verified (the request's own approved_by)";
  }

  /** The words the program received, or the raw line for a request that has none (never validated). */
  private static List<String> argv(ToolRequest request) {
    try {
      return Command.parse(request.command()).argv();
    } catch (CommandSyntaxException e) {
      return List.of(request.command());
    }
  }
}
