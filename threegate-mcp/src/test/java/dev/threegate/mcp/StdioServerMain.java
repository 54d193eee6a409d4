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

import dev.threegate.inbox.Inbox;
import dev.threegate.policy.Policy;
import dev.threegate.testkit.FakeExecutor;
import java.nio.file.Path;

/**
 * The server as the CLI starts it, for the tests' real processes: {@code StdioServerMain INBOX
 * MAX_INPUT_BYTES} serves the inbox on standard input and output until standard input closes,
 * then says so on standard error and exits with 0.
 */
public final class StdioServerMain {
  private StdioServerMain() {}

  /**
   * Serves.
   *
   * @param args the inbox directory and its limit of attached bytes
   * @throws Exception if the inbox cannot be opened
   */
  public static void main(String[] args) throws Exception {
    Inbox inbox = Inbox.builder(Path.of(args[0]))
        .policy(Policy.strict())
        .backend(FakeExecutor.builder().build().backend())
        .maxInputBytes(Long.parseLong(args[1]))
        .build();
    ThreeGateMcpServer.serveStdio(inbox, System.in, System.out);
    System.err.println("threegate-mcp: the client closed standard input");
    System.exit(0);
  }
}
