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
package dev.threegate.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threegate.inbox.Inbox;
import dev.threegate.policy.Policy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** serveStdio in this process, spoken to in raw JSON-RPC lines: it answers, then returns when its input ends. */
@Timeout(120) // a deadlock guard only
class ServeStdioTest {
  @TempDir Path temp;

  @Test
  void servesUntilTheClientClosesItsInputThenReturns() throws Exception {
    Inbox inbox = Inbox.builder(temp.resolve("inbox")).policy(Policy.strict()).build();
    PipedOutputStream toServer = new PipedOutputStream();
    PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 16);
    PipedInputStream fromServer = new PipedInputStream(1 << 16);
    PipedOutputStream serverOut = new PipedOutputStream(fromServer);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread serving = new Thread(() -> {
      try {
        ThreeGateMcpServer.serveStdio(inbox, serverIn, serverOut);
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "serve-stdio");
    serving.start();
    BufferedReader replies = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8));

    send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
    String initialized = replies.readLine();
    assertThat(initialized).contains("\"id\":1", "\"name\":\"threegate\"", "\"version\":\"" + ThreeGateMcpServer.version() + "\"");
    send(toServer, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
    String tools = replies.readLine();
    assertThat(tools).contains("\"id\":2", "submit_tool_request", "get_tool_request", "list_tool_requests").doesNotContain("approve_");
    send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"list_tool_requests\","
        + "\"arguments\":{\"approved_by\":\"me\"}}}");
    String refused = replies.readLine();
    assertThat(refused).contains("\"id\":3", "\"isError\":true", "unknown field", "never through MCP");
    assertThat(serving.isAlive()).isTrue();

    toServer.close(); // the host closes the server's standard input
    serving.join(60_000);
    assertThat(serving.isAlive()).as("serveStdio returned").isFalse();
    assertThat(failure.get()).isNull();
    assertThat(inbox.list()).isEmpty();
  }

  @Test
  void everyLineItCannotReadIsAnsweredWithAnErrorAndTheSessionGoesOn() throws Exception {
    Inbox inbox = Inbox.builder(temp.resolve("hostile")).policy(Policy.strict()).maxInputBytes(64 * 1024).build();
    PipedOutputStream toServer = new PipedOutputStream();
    PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 16);
    PipedInputStream fromServer = new PipedInputStream(1 << 16);
    PipedOutputStream serverOut = new PipedOutputStream(fromServer);
    Thread serving = new Thread(() -> {
      try {
        ThreeGateMcpServer.serveStdio(inbox, serverIn, serverOut);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "serve-stdio-hostile");
    serving.start();
    BufferedReader replies = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8));
    send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
    assertThat(replies.readLine()).contains("\"id\":1");
    send(toServer, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    String[][] hostile = {
      {"{\"jsonrpc\":\"2.0\",\"id\":5,", "-32700"},
      {"[1,2,3]", "-32600"},
      {"{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"tools/list\"}", "-32600"},
      {"{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":7}", "-32600"},
      {"{\"jsonrpc\":\"1.0\",\"id\":6,\"method\":\"tools/list\"}", "-32600"},
      {"{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"submit_tool_request\","
          + "\"arguments\":{\"purpose\":" + "[".repeat(5000) + "]".repeat(5000) + "}}}", "-32700"},
      {"{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"submit_tool_request\","
          + "\"arguments\":{\"purpose\":\"" + "x".repeat(ThreeGateMcpServer.maxMessageChars(inbox) + 10) + "\"}}}", "-32600"},
    };
    int id = 100;
    for (String[] line : hostile) {
      send(toServer, line[0]);
      assertThat(replies.readLine()).as(line[0].substring(0, Math.min(60, line[0].length())))
          .contains("\"error\"", line[1]);
      send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"list_tool_requests\","
          + "\"arguments\":{}}}");
      assertThat(replies.readLine()).as("the session goes on").contains("\"id\":" + id, "\"isError\":false");
      id++;
    }
    toServer.close();
    serving.join(60_000);
    assertThat(serving.isAlive()).as("serveStdio returned").isFalse();
  }

  private static void send(PipedOutputStream out, String line) throws Exception {
    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
