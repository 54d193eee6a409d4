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

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.code.CodeExecutionEngine;
import dev.langchain4j.data.message.AiMessage;
import dev.threegate.inbox.InboxRunner;
import dev.threegate.inbox.PendingReview;
import dev.threegate.inbox.RequestState;
import dev.threegate.testkit.FakeExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/langchain4j.md and docs/agents.md show AgentsExample exactly, and the example works. */
class AgentsExampleTest {
  @TempDir Path temp;

  private static String between(String text, String begin, String end) {
    int from = text.indexOf(begin);
    int to = text.indexOf(end, from + 1);
    assertThat(from).as("%s in the text", begin).isNotNegative();
    assertThat(to).as("%s in the text", end).isPositive();
    return text.substring(from + begin.length(), to).strip();
  }

  @Test
  void theDocsShowTheCompiledExample() throws Exception {
    String source = Files.readString(Path.of("src/test/java/dev/threegate/langchain4j/AgentsExample.java"));
    String example = between(source, "// docs:begin", "// docs:end");
    for (String page : new String[] {"langchain4j.md", "agents.md"}) {
      String docs = Files.readString(Path.of("..", "docs", page));
      assertThat(between(docs, "<!-- example:begin -->\n```java", "```\n<!-- example:end -->")).as(page).isEqualTo(example);
    }
  }

  @Test
  void theExampleDraftsWaitsForTheOperatorAndRuns() throws Exception {
    Fixture fx = new Fixture(temp, FakeExecutor.builder().stdout("42\n").build());
    ScriptedChatModel model = new ScriptedChatModel()
        .thenCalls("submitToolRequest", """
            {"purpose": "Compute.", "language": "python", "command": "python3 /in/main.py",
             "inputs": [{"name": "main.py", "content": "print(42)"}], "riskLevel": "low", "justification": "prints"}""")
        .then(request -> AiMessage.from(ScriptedChatModel.lastToolResult(request)));
    String reply = AgentsExample.assistant(model, fx.inbox).chat("compute");
    Matcher id = Pattern.compile("TR-[0-9A-Za-z-]+").matcher(reply);
    assertThat(id.find()).isTrue();
    assertThat(fx.inbox.status(id.group()).orElseThrow().state()).isEqualTo(RequestState.PENDING);

    InboxRunner runner = InboxRunner.builder(fx.inbox, fx.gate).build();
    CodeExecutionEngine yes = AgentsExample.engine(fx.inbox, runner, (PendingReview review) -> true, fx.doe);
    assertThat(yes.execute("print(42)")).contains(Bounded.UNTRUSTED_OUTPUT_STATEMENT, "42");
    CodeExecutionEngine no = AgentsExample.engine(fx.inbox, runner, review -> false, fx.doe);
    assertThat(no.execute("print(42)")).contains("declined by the operator");
    // the agent's own draft is still pending: only a human approves it
    assertThat(fx.inbox.status(id.group()).orElseThrow().state()).isEqualTo(RequestState.PENDING);
    assertThat(fx.executor.executions()).hasSize(1);
  }
}
