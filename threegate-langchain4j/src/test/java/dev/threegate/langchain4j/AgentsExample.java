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

import dev.langchain4j.code.CodeExecutionEngine;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import dev.threegate.inbox.Inbox;
import dev.threegate.inbox.InboxRunner;
import dev.threegate.inbox.PendingReview;
import dev.threegate.trust.Approver;
import java.time.Duration;
import java.util.function.Predicate;

// docs:begin
/** An agent that drafts code for a human to approve, and a code execution engine that waits for one. */
final class AgentsExample {
  interface Assistant {
    String chat(String message);
  }

  /** The agent drafts requests and reads results; no tool approves. */
  static Assistant assistant(ChatModel model, Inbox inbox) {
    ThreeGateTools tools = new ThreeGateTools(inbox);
    return AiServices.builder(Assistant.class)
        .chatModel(model)
        .chatMemory(MessageWindowChatMemory.withMaxMessages(20))
        .tools(tools.executors()) // refuses arguments the tools do not declare, such as approved_by
        .build();
  }

  /** Runs code once the operator said yes; the operator's key stays on the host's side. */
  static CodeExecutionEngine engine(Inbox inbox, InboxRunner runner, Predicate<PendingReview> operatorApproves, Approver operator) {
    return ThreeGateCodeExecutionEngine.builder()
        .inbox(inbox)
        .runner(runner) // or none, when `threegate watch` runs the inbox
        .approvalTimeout(Duration.ofMinutes(5)) // then the draft is rejected
        .approval(review -> operatorApproves.test(review)
            ? HumanApproval.approve(operator)
            : HumanApproval.reject("declined by the operator"))
        .build();
  }
}
// docs:end
