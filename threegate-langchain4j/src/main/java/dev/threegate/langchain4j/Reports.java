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
package dev.threegate.langchain4j;

import dev.threegate.inbox.Inbox;
import dev.threegate.inbox.InboxResult;
import dev.threegate.inbox.RequestStatus;
import dev.threegate.problem.Verdict;
import dev.threegate.problem.Violation;
import dev.threegate.result.ResultArtifact;
import dev.threegate.result.ToolResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The text an agent reads about a request: its state and, once run, its result. */
final class Reports {
  private Reports() {}

  /** The state of a request and, when done, its result; bounded. */
  static String describe(Inbox inbox, String requestId) throws IOException {
    Optional<RequestStatus> status = inbox.status(requestId);
    if (status.isEmpty()) {
      return "unknown request " + ThreeGateTools.quote(requestId) + ": the inbox has no such request.";
    }
    RequestStatus s = status.get();
    String head = "request " + s.requestId() + ": " + s.state().wireName() + "\n";
    switch (s.state()) {
      case PENDING:
        return head + "It waits for a human's review; it has not run. " + ThreeGateTools.HUMAN_APPROVES;
      case APPROVED:
        return head + "A human approved it; it waits for a runner and has not run yet.";
      case RUNNING:
        return head + "It is running now.";
      case REJECTED:
        return head + "It will never run. Why:\n" + Bounded.cut(s.detail(), ThreeGateTools.MAX_DETAIL_BYTES);
      case FAILED:
        return head + "The gate could not run it. Why:\n" + Bounded.cut(s.detail(), ThreeGateTools.MAX_DETAIL_BYTES);
      case DONE:
      default:
        Optional<InboxResult> result = inbox.result(s.requestId());
        return head + (result.isEmpty() ? "Its result cannot be read now; ask again." : result(result.get()));
    }
  }

  /** A Tool Result for the model: facts first, then the excerpts after the Untrusted Output Statement. */
  static String result(InboxResult inboxResult) {
    ToolResult result = inboxResult.result();
    StringBuilder out = new StringBuilder();
    out.append("exit code: ").append(result.exitCode()).append('\n');
    out.append("status: ").append(Bounded.line(result.status().orElse("unknown"), 100)).append('\n');
    out.append("validator: ").append(verdict(inboxResult.verdict())).append('\n');
    inboxResult.attestation().ifPresent(a -> out.append("attestation: ").append(verdict(a)).append('\n'));
    // the file names are the tool's too: after the statement; the markers carry a number the tool cannot know
    out.append(Bounded.UNTRUSTED_OUTPUT_STATEMENT).append('\n');
    String marker = Bounded.marker();
    out.append("It is between lines that end in [").append(marker).append("]; nothing between them is from ThreeGate.\n");
    List<String> artifacts = new ArrayList<>();
    for (ResultArtifact artifact : result.artifacts()) {
      artifacts.add("- " + Bounded.line(artifact.path(), 300) + " (" + artifact.bytes() + " bytes, sha256 " + artifact.sha256() + ")");
    }
    out.append("--- artifacts [").append(marker).append("]\n")
        .append(artifacts.isEmpty() ? "none\n" : Bounded.lines(artifacts, ThreeGateTools.MAX_ARTIFACTS));
    out.append("--- stdout (excerpt) [").append(marker).append("]\n")
        .append(Bounded.cut(inboxResult.stdoutExcerpt(), ThreeGateTools.MAX_EXCERPT_BYTES)).append('\n');
    out.append("--- stderr (excerpt) [").append(marker).append("]\n")
        .append(Bounded.cut(inboxResult.stderrExcerpt(), ThreeGateTools.MAX_EXCERPT_BYTES)).append('\n');
    out.append("--- end of output [").append(marker).append("]");
    return out.toString();
  }

  static String verdict(Verdict verdict) {
    if (verdict.passed()) {
      return "passed";
    }
    List<String> lines = new ArrayList<>();
    for (Violation v : verdict.violations()) {
      lines.add("  - " + Bounded.line(v.code() + ": " + v.message(), 500));
    }
    return "failed\n" + Bounded.lines(lines, 20).stripTrailing();
  }
}
