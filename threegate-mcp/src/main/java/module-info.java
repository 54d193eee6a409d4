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
/**
 * ThreeGate's MCP server: {@link dev.threegate.mcp.ThreeGateMcpServer} gives agents an inbox over
 * the Model Context Protocol (official MCP Java SDK): they submit drafts and read results; approval
 * stays a human's.
 */
module dev.threegate.mcp {
  requires transitive dev.threegate.core;
  requires transitive io.modelcontextprotocol.sdk.mcp.core;
  // the SDK finds its JSON mapper and schema validator with the ServiceLoader
  requires io.modelcontextprotocol.sdk.mcp.json.jackson3;

  exports dev.threegate.mcp;
}
