import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { EgressClient } from '../egress/egress-client';
import type { ToolOutcome } from './tool-outcome';

export interface McpTarget {
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

export interface ListedMcpTool {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

type FetchLike = ConstructorParameters<typeof StreamableHTTPClientTransport>[1] extends infer O ? (O extends { fetch?: infer F } ? F : never) : never;

/**
 * One short MCP session (initialize, the work, close) over streamable HTTP, through the
 * egress policy. Nothing is kept open between calls, so any process can make any call.
 */
async function withClient<T>(egress: EgressClient, target: McpTarget, work: (client: Client) => Promise<T>): Promise<T> {
  const transport = new StreamableHTTPClientTransport(new URL(target.url), {
    requestInit: { headers: target.headers },
    fetch: egress.fetch as unknown as FetchLike,
  });
  const client = new Client({ name: 'switchboard', version: '1.0.0' });
  await client.connect(transport, { timeout: target.timeoutMs });
  try {
    return await work(client);
  } finally {
    await transport.terminateSession().catch(() => undefined);
    await client.close().catch(() => undefined);
  }
}

export function listMcpTools(egress: EgressClient, target: McpTarget): Promise<ListedMcpTool[]> {
  return withClient(egress, target, async (client) => {
    const { tools } = await client.listTools(undefined, { timeout: target.timeoutMs });
    return tools.map((t) => ({ name: t.name, description: t.description ?? '', inputSchema: t.inputSchema as Record<string, unknown> }));
  });
}

/** Calls one tool; an MCP `isError` result, a timeout or a refused connection is a failed outcome. */
export async function callMcpTool(egress: EgressClient, target: McpTarget, name: string, args: Record<string, unknown>): Promise<ToolOutcome> {
  const started = Date.now();
  try {
    const result = await withClient(egress, target, (client) => client.callTool({ name, arguments: args }, undefined, { timeout: target.timeoutMs }));
    const content = Array.isArray(result.content) ? (result.content as { type: string; text?: string }[]) : [];
    const text = content.map((c) => (c.type === 'text' ? (c.text ?? '') : `[${c.type}]`)).join('\n');
    const data = result.structuredContent ? JSON.stringify(result.structuredContent) : JSON.stringify(text);
    if (result.isError) return { ok: false, status: null, data: null, error: text.slice(0, 500) || 'the MCP tool reported an error', durationMs: Date.now() - started };
    return { ok: true, status: null, data, error: null, durationMs: Date.now() - started };
  } catch (err) {
    return { ok: false, status: null, data: null, error: `the MCP server failed: ${(err as Error).message}`.slice(0, 500), durationMs: Date.now() - started };
  }
}
