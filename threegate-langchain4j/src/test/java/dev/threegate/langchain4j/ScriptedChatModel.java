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

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A {@link ChatModel} that answers from a script, like MockWebServer: each call takes the next
 * step, which sees the request (and so what the tools returned) and returns the model's message.
 * No network, no LLM. Every request is kept for inspection.
 */
final class ScriptedChatModel implements ChatModel {
  private final Queue<Function<ChatRequest, AiMessage>> script = new ConcurrentLinkedQueue<>();
  private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

  /** Adds a step. */
  ScriptedChatModel then(Function<ChatRequest, AiMessage> step) {
    script.add(step);
    return this;
  }

  /** Adds a step that calls one tool. */
  ScriptedChatModel thenCalls(String tool, String argumentsJson) {
    return then(request -> AiMessage.from(ToolExecutionRequest.builder()
        .id("call-" + requests.size()).name(tool).arguments(argumentsJson).build()));
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    requests.add(request);
    Function<ChatRequest, AiMessage> step = script.poll();
    if (step == null) {
      throw new AssertionError("the scripted model was called more often than scripted: " + request.messages());
    }
    return ChatResponse.builder().aiMessage(step.apply(request)).build();
  }

  /** Every request the model received, in order. */
  List<ChatRequest> requests() {
    return List.copyOf(requests);
  }

  /** The texts of the tool results in the last message of a request. */
  static List<String> toolResults(ChatRequest request) {
    List<String> out = new ArrayList<>();
    for (ChatMessage message : request.messages()) {
      if (message instanceof ToolExecutionResultMessage result) {
        out.add(result.text());
      }
    }
    return out;
  }

  /** The text of the last tool result a request carries. */
  static String lastToolResult(ChatRequest request) {
    List<String> results = toolResults(request);
    if (results.isEmpty()) {
      throw new AssertionError("no tool result in " + request.messages());
    }
    return results.get(results.size() - 1);
  }

  /** Whether the script has run out. */
  boolean done() {
    return script.isEmpty();
  }
}
