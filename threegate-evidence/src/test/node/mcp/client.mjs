// SPDX-License-Identifier: Apache-2.0
// An MCP client on the official TypeScript SDK: starts the server command over stdio, lists its
// tools, makes the calls in CALLS (a JSON array of {"name": ..., "arguments": {...}}) and prints
// one JSON object: {"server": ..., "tools": [...], "results": [...]}.
// Usage: node client.mjs CALLS.json COMMAND [ARG...]
import { readFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const [callsFile, command, ...args] = process.argv.slice(2);
const calls = JSON.parse(readFileSync(callsFile, 'utf8'));
const transport = new StdioClientTransport({ command, args, stderr: 'inherit', env: process.env });
const client = new Client({ name: 'threegate-node-check', version: '1.0.0' });
try {
  await client.connect(transport);
  const { tools } = await client.listTools();
  const results = [];
  for (const call of calls) {
    results.push(await client.callTool({ name: call.name, arguments: call.arguments }));
  }
  console.log(JSON.stringify({ server: client.getServerVersion(), tools, results }));
} finally {
  await client.close();
}
