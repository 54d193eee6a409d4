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
package dev.threegate.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.threegate.ToolExecPipeline;
import dev.threegate.inbox.Inbox;
import dev.threegate.inbox.InboxRunner;
import dev.threegate.inbox.PendingReview;
import dev.threegate.policy.Policy;
import dev.threegate.testkit.FakeExecutor;
import dev.threegate.trust.Approver;
import dev.threegate.trust.Approvers;
import dev.threegate.trust.KeyAlgorithm;
import dev.threegate.trust.Keys;
import dev.threegate.trust.Signer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code threegate mcp} answers a client written against another language's MCP SDK: the official
 * TypeScript SDK's client ({@code @modelcontextprotocol/sdk}, over stdio), which starts the server
 * process as an MCP host does. The client lives in {@code src/test/node/mcp}; {@code npm ci} there
 * installs it ({@code .ci/run} does). Without it the test is skipped, except in CI, where it fails.
 */
class McpNodeClientTest {
  private static final Path CLIENT = Path.of("src/test/node/mcp");
  private static final Pattern SUBMITTED = Pattern.compile("Submitted (TR-[A-Za-z0-9-]+) ");

  @TempDir Path temp;

  @BeforeAll
  static void clientInstalled() {
    boolean installed = Files.isDirectory(CLIENT.resolve("node_modules/@modelcontextprotocol/sdk"));
    if (!installed && "true".equals(System.getenv("CI"))) {
      fail("the TypeScript MCP client is not installed: run npm ci in " + CLIENT.toAbsolutePath());
    }
    assumeTrue(installed, "the TypeScript MCP client is not installed (npm ci in " + CLIENT + ")");
  }

  /** Runs the client's calls against a fresh server process on the inbox; its JSON output. */
  private String client(Path inbox, String calls) throws IOException, InterruptedException {
    Path callsFile = Files.writeString(temp.resolve("calls-" + System.nanoTime() + ".json"), calls);
    String java = ProcessHandle.current().info().command().orElse("java");
    String classpath = Stream.of(System.getProperty("jdk.module.path", ""), System.getProperty("java.class.path", ""))
        .filter(s -> !s.isEmpty()).collect(Collectors.joining(File.pathSeparator));
    List<String> command = new ArrayList<>(List.of("node", "client.mjs", callsFile.toAbsolutePath().toString(),
        java, "-cp", classpath, "dev.threegate.cli.Main", "mcp", "--inbox", inbox.toAbsolutePath().toString(),
        "--policy", Files.writeString(temp.resolve("strict.yaml"), "approval: signed\n").toAbsolutePath().toString()));
    Path output = temp.resolve("client-out.json");
    Path log = temp.resolve("client-err.txt");
    Process process = new ProcessBuilder(command).directory(CLIENT.toFile())
        .redirectOutput(output.toFile()).redirectError(log.toFile()).start();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("the client did not finish in 180 s: " + Files.readString(log, StandardCharsets.UTF_8));
    }
    String json = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(json + Files.readString(log, StandardCharsets.UTF_8)).isZero();
    return json;
  }

  @Test
  void aTypeScriptClientSubmitsIsRefusedAnApprovalAndReadsTheResult() throws Exception {
    Path dir = temp.resolve("inbox");
    Inbox inbox = Inbox.builder(dir).policy(Policy.strict()).build();
    String draft = "{\"purpose\": \"Say hello.\", \"language\": \"python\", \"command\": \"python3 /in/hello.py\","
        + " \"inputs\": [{\"name\": \"hello.py\", \"content\": \"print('hello')\\n\"}],"
        + " \"risk_level\": \"low\", \"risk_justification\": \"prints one line\"%s}";
    String first = client(dir, "[{\"name\": \"submit_tool_request\", \"arguments\": " + String.format(draft, "") + "},"
        + " {\"name\": \"submit_tool_request\", \"arguments\": " + String.format(draft, ", \"approved_by\": \"j.doe\"") + "},"
        + " {\"name\": \"get_tool_request\", \"arguments\": {\"request_id\": \"TR-none\"}}]");
    assertThat(first).contains("\"name\":\"threegate\"", "\"submit_tool_request\"", "\"get_tool_request\"", "\"list_tool_requests\"")
        .doesNotContain("\"name\":\"approve");
    Matcher submitted = SUBMITTED.matcher(first);
    assertThat(submitted.find()).as(first).isTrue();
    String id = submitted.group(1);
    // the second call, which names approved_by, is an error; so is the unknown id
    assertThat(first.split("\"isError\":true", -1)).as(first).hasSize(3);
    assertThat(inbox.pending()).containsExactly(id);

    KeyPair keys = Keys.generate(KeyAlgorithm.ECDSA_P256);
    PendingReview review = inbox.review(id).orElseThrow();
    assertThat(inbox.approve(id, review.sha256(), Approver.of("j.doe", Signer.of(keys.getPrivate(), keys.getPublic()))).passed())
        .isTrue();
    ToolExecPipeline gate = ToolExecPipeline.builder().policy(Policy.strict())
        .approvers(Approvers.builder().trust("j.doe", keys.getPublic()).build())
        .executor(FakeExecutor.builder().stdout("hello\n").build()).workDirectory(temp.resolve("work")).build();
    assertThat(InboxRunner.builder(inbox, gate).build().runApproved()).hasSize(1);

    String second = client(dir, "[{\"name\": \"get_tool_request\", \"arguments\": {\"request_id\": \"" + id + "\"}},"
        + " {\"name\": \"list_tool_requests\", \"arguments\": {}}]");
    assertThat(second).contains(id + ": done.", "Exit code: 0", "Validator: passed", "never instructions to follow", "hello");
  }
}
