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
package dev.threegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.inbox.Draft;
import dev.threegate.inbox.Inbox;
import dev.threegate.inbox.Submission;
import dev.threegate.policy.Policy;
import dev.threegate.request.Language;
import dev.threegate.request.ResourceLimits;
import dev.threegate.request.RiskAssessment;
import dev.threegate.request.ToolRequestParser;
import dev.threegate.testkit.ToolRequests;
import dev.threegate.trust.ApprovalCheck;
import dev.threegate.trust.ApprovalVerifier;
import dev.threegate.trust.Approver;
import dev.threegate.trust.Approvers;
import dev.threegate.trust.Keys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inbox from the command line, in this process: a human reviews, approves exactly the bytes
 * reviewed, or rejects; status says where a request stands. Under a strict policy (signed approvals).
 */
class InboxCommandsTest {
  @TempDir Path temp;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private Path dir;
  private Path policy;
  private String key;

  private int run(String... args) {
    out.reset();
    err.reset();
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of("PATH", "/usr/bin:/bin"));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @BeforeEach
  void inboxAndKey() throws IOException {
    dir = temp.resolve("inbox");
    policy = Files.writeString(temp.resolve("strict.yaml"), "approval: signed\n");
    assertThat(run("keygen", "--out", temp.resolve("jdoe").toString())).as(err()).isZero();
    key = temp.resolve("jdoe.key").toString();
    assertThat(run("inbox", "init", dir.toString())).as(err()).isZero();
    assertThat(err()).startsWith("ACCEPT: created the inbox " + dir);
  }

  /** What an agent does: a draft, judged by the same strict policy. */
  private String submit(String command) throws IOException {
    Inbox agentSide = Inbox.builder(dir).policy(Policy.read(policy)).build();
    Submission submission = agentSide.submit(Draft.builder()
        .purpose("Count the rows.")
        .language(Language.PYTHON)
        .command(command)
        .input("count.py", "print(3)\n".getBytes(StandardCharsets.UTF_8))
        .limits(new ResourceLimits(1, 256, 30))
        .risk(RiskAssessment.Level.LOW, "prints a number")
        .build());
    assertThat(submission).as("%s", submission).isInstanceOf(Submission.Submitted.class);
    return ((Submission.Submitted) submission).requestId();
  }

  private String reviewedSha256() {
    return out().lines().filter(l -> l.startsWith("sha256: ")).findFirst().orElseThrow().substring(8);
  }

  @Test
  void initCreatesTheLayoutAndLeavesAnExistingInboxAsItIs() throws IOException {
    for (String sub : new String[] {"drafts", "approved", "inputs", "results", "quarantine", "failed"}) {
      assertThat(dir.resolve(sub)).isDirectory();
    }
    String id = submit("python3 /in/count.py");
    assertThat(run("inbox", "init", dir.toString())).isZero();
    assertThat(err()).contains("exists; left as it is");
    assertThat(dir.resolve("drafts/" + id + ".md")).isRegularFile();
    assertThat(run("inbox", "list", temp.resolve("typo").toString())).as("not created silently").isEqualTo(64);
    assertThat(err()).contains("is not an inbox", "threegate inbox init");
    assertThat(temp.resolve("typo")).doesNotExist();
  }

  @Test
  void reviewPrintsTheDraftAndItsDigestThenApproveSignsOnlyThoseBytes() throws Exception {
    String id = submit("python3 /in/count.py");
    assertThat(run("inbox", "list", dir.toString())).isZero();
    assertThat(out()).isEqualTo(id + " pending\n");

    assertThat(run("inbox", "review", dir.toString(), id, "--policy", policy.toString())).as(err()).isZero();
    assertThat(out()).contains("policy: PASSED", "[0] \"python3\"", "[1] \"/in/count.py\"", "count.py");
    String sha256 = reviewedSha256();
    assertThat(sha256).isEqualTo(ToolRequests.sha256(Files.readAllBytes(dir.resolve("drafts/" + id + ".md"))));
    assertThat(err()).startsWith("ACCEPT: " + id + " passes the policy").contains("--sha256 " + sha256);

    String wrong = "0".repeat(64);
    assertThat(run("inbox", "approve", dir.toString(), id, "--sha256", wrong, "--key", key, "--as", "j.doe",
        "--policy", policy.toString())).isEqualTo(2);
    assertThat(err()).contains("REJECT: not approved: " + id, "ERROR: inbox.changed_since_review");
    assertThat(dir.resolve("approved/" + id + ".md")).doesNotExist();
    assertThat(run("inbox", "approve", dir.toString(), id, "--key", key, "--as", "j.doe")).as("no digest, no terminal").isEqualTo(64);
    assertThat(err()).contains("inbox approve needs --sha256");

    assertThat(run("inbox", "approve", dir.toString(), id, "--sha256", sha256, "--key", key, "--as", "j.doe",
        "--policy", policy.toString())).as(err()).isZero();
    assertThat(err()).startsWith("ACCEPT: " + id + " approved by j.doe with key ");
    Path approved = dir.resolve("approved/" + id + ".md");
    assertThat(approved).isRegularFile();
    assertThat(dir.resolve("drafts/" + id + ".md")).doesNotExist();
    byte[] bytes = Files.readAllBytes(approved);
    ApprovalCheck check = ApprovalVerifier.builder(
            Approvers.builder().trust("j.doe", Keys.readPublicKey(temp.resolve("jdoe.pub"))).build())
        .build().verify(approved, ToolRequestParser.standard().parse(approved.getFileName().toString(), bytes));
    assertThat(check.verified()).as(check.toString()).isTrue();
    assertThat(((ApprovalCheck.Verified) check).approval().policySha256()).contains(ToolRequests.sha256(Files.readAllBytes(policy)));

    assertThat(run("inbox", "status", dir.toString(), id)).isZero();
    assertThat(out()).contains("request: " + id + "\n", "state: approved\n");
    assertThat(run("inbox", "list", dir.toString(), "--state", "approved")).isZero();
    assertThat(out()).isEqualTo(id + " approved\n");
    assertThat(run("inbox", "list", dir.toString(), "--state", "pending")).isZero();
    assertThat(out()).isEmpty();

    assertThat(run("inbox", "approve", dir.toString(), id, "--sha256", sha256, "--key", key, "--as", "j.doe")).as("twice").isEqualTo(3);
    assertThat(err()).contains(id + " is approved, not pending");
    assertThat(Approver.bundleFile(approved)).isRegularFile();
  }

  @Test
  void aDraftChangedAfterItsReviewIsNotApproved() throws IOException {
    String id = submit("python3 /in/count.py");
    assertThat(run("inbox", "review", dir.toString(), id)).isZero();
    String sha256 = reviewedSha256();
    Path draft = dir.resolve("drafts/" + id + ".md");
    Files.writeString(draft, Files.readString(draft).replace("Count the rows.", "Count the rows again."));
    assertThat(run("inbox", "approve", dir.toString(), id, "--sha256", sha256, "--key", key, "--as", "j.doe")).isEqualTo(2);
    assertThat(err()).contains("inbox.changed_since_review");
    assertThat(dir.resolve("approved/" + id + ".md")).doesNotExist();
  }

  @Test
  void aDraftThePolicyRejectsIsNeitherPassedByReviewNorApproved() throws IOException {
    String id = submit("python3 /in/count.py");
    assertThat(run("inbox", "review", dir.toString(), id)).isZero();
    String sha256 = reviewedSha256();
    Path tight = Files.writeString(temp.resolve("tight.yaml"), "approval: signed\nallowed_languages: [node]\n");
    assertThat(run("inbox", "review", dir.toString(), id, "--policy", tight.toString())).isEqualTo(2);
    assertThat(out()).contains("policy: REJECTED");
    assertThat(err()).startsWith("REJECT: " + id).contains("ERROR: ");
    assertThat(run("inbox", "approve", dir.toString(), id, "--sha256", sha256, "--key", key, "--as", "j.doe",
        "--policy", tight.toString())).isEqualTo(2);
    assertThat(err()).contains("REJECT: not approved: the policy rejects " + id);
    assertThat(dir.resolve("approved/" + id + ".md")).doesNotExist();
  }

  @Test
  void rejectMovesTheDraftToQuarantineAndStatusSaysWhy() throws IOException {
    String id = submit("python3 /in/count.py");
    assertThat(run("inbox", "reject", dir.toString(), id, "--reason", "reads more than it needs")).as(err()).isZero();
    assertThat(err()).startsWith("ACCEPT: " + id + " rejected");
    assertThat(dir.resolve("drafts/" + id + ".md")).doesNotExist();
    assertThat(run("inbox", "status", dir.toString(), id)).isZero();
    assertThat(out()).contains("state: rejected\n", "inbox.rejected_by_reviewer", "reads more than it needs");
    assertThat(run("inbox", "reject", dir.toString(), id, "--reason", "again")).isEqualTo(2);
    assertThat(err()).contains("REJECT: not rejected: " + id, "inbox.not_pending", "is rejected, not pending");
    assertThat(run("inbox", "review", dir.toString(), id)).isEqualTo(3);
    assertThat(err()).contains(id + " is rejected, not pending");
    assertThat(run("inbox", "reject", dir.toString(), id)).isEqualTo(64);
    assertThat(err()).contains("inbox reject needs --reason");
  }

  @Test
  void statusOfAnUnknownRequestIsAnError() {
    assertThat(run("inbox", "status", dir.toString(), "TR-20260101-000000Z-nothing")).isEqualTo(3);
    assertThat(err()).contains("has no request TR-20260101-000000Z-nothing");
    assertThat(run("inbox", "status", dir.toString())).isEqualTo(64);
    assertThat(err()).contains("inbox status takes DIR ID");
    assertThat(run("inbox")).isEqualTo(64);
    assertThat(err()).contains("inbox needs a command: init, list, review, approve, reject, status");
    assertThat(run("inbox", "aprove", dir.toString())).isEqualTo(64);
    assertThat(err()).contains("unknown command aprove; did you mean approve?");
  }
}
