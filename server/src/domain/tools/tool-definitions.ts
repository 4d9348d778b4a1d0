import type { z } from 'zod';
import type { agentToolSchema, mcpServerSchema } from '../../../../shared/src/schemas';
import type { AgentDoc } from '../../db/models/agent.model';
import { invalid } from '../app-error';
import type { AgentSecret } from '../agents/agent-secret';
import type { EgressClient } from '../egress/egress-client';
import { parametersProblem } from './json-schema';
import { isBuiltInTool } from './tool-names';

export type ToolInput = z.output<typeof agentToolSchema>;
export type McpServerInput = z.output<typeof mcpServerSchema>;
export type StoredTool = AgentDoc['tools'][number];
export type StoredMcpServer = AgentDoc['mcpServers'][number];

/** What is written for a tool / an MCP server (secrets sealed, the last listing kept). */
type ToolRecord = Omit<ToolInput, 'secret' | 'progressLabel'> & { secret?: string; progressLabel: string | null };
type McpRecord = Omit<McpServerInput, 'headers' | 'allowedTools'> & {
  headers?: string;
  allowedTools: string[] | null;
  tools: { name: string; description: string; inputSchema: string }[];
  listedAt: Date | null;
  error: string | null;
};

/** A secret is bound to its tool's name and URL: a copy moved to another tool or endpoint does not open. */
const scopeOf = (name: string, url: string) => `${name}|${url}`;

/**
 * An agent's tools and MCP servers as saved: checked (names, JSON Schema, egress), secrets
 * sealed, and a secret left out of a save kept when the tool (name and URL) is the same.
 */
export class ToolDefinitions {
  constructor(
    private readonly secrets: { tool: AgentSecret; mcp: AgentSecret },
    private readonly egress: EgressClient,
  ) {}

  /** The stored forms of what a create or patch sets; throws 400 naming the field. */
  prepare(agentId: string, input: { tools?: ToolInput[]; mcpServers?: McpServerInput[] }, existing: AgentDoc | null): { tools?: ToolRecord[]; mcpServers?: McpRecord[] } {
    const tools = input.tools ?? (existing?.tools ?? []).map((t) => ({ name: t.name, http: { url: t.http?.url ?? '' } }));
    const servers = input.mcpServers ?? (existing?.mcpServers ?? []).map((m) => ({ name: m.name }));
    checkNames(tools.map((t) => t.name), servers.map((m) => m.name));
    const out: { tools?: ToolRecord[]; mcpServers?: McpRecord[] } = {};
    if (input.tools) out.tools = input.tools.map((t, i) => this.tool(agentId, t, i, existing?.tools ?? []));
    if (input.mcpServers) out.mcpServers = input.mcpServers.map((m, i) => this.mcpServer(agentId, m, i, existing?.mcpServers ?? []));
    return out;
  }

  secretOf(agentId: string, tool: StoredTool): string | undefined {
    return this.secrets.tool.open(agentId, tool.secret, scopeOf(tool.name, tool.http?.url ?? ''));
  }

  headersOf(agentId: string, server: StoredMcpServer): Record<string, string> {
    const sealed = this.secrets.mcp.open(agentId, server.headers, scopeOf(server.name, server.url));
    return sealed ? (JSON.parse(sealed) as Record<string, string>) : {};
  }

  private tool(agentId: string, t: ToolInput, i: number, existing: StoredTool[]): ToolRecord {
    const problem = parametersProblem(t.parameters);
    if (problem) throw invalid(`tools[${i}].parameters`, problem);
    this.egress.assertAllowed(t.http.url, `tools[${i}].http.url`);
    const { secret, progressLabel, ...rest } = t;
    const record: ToolRecord = { ...rest, progressLabel: progressLabel || null };
    const scope = scopeOf(t.name, t.http.url);
    if (secret) record.secret = this.secrets.tool.seal(agentId, secret, scope);
    else if (secret === undefined) {
      const same = existing.find((e) => e.name === t.name && e.http?.url === t.http.url);
      if (same?.secret) record.secret = same.secret;
    }
    return record;
  }

  private mcpServer(agentId: string, m: McpServerInput, i: number, existing: StoredMcpServer[]): McpRecord {
    this.egress.assertAllowed(m.url, `mcpServers[${i}].url`);
    const same = existing.find((e) => e.name === m.name && e.url === m.url);
    const { headers, allowedTools, ...rest } = m;
    const record: McpRecord = {
      ...rest,
      allowedTools: allowedTools ?? null,
      // The last listing stays until the refresh that follows the save replaces it.
      tools: (same?.tools ?? []).map((t) => ({ name: t.name ?? '', description: t.description ?? '', inputSchema: t.inputSchema ?? '{}' })),
      listedAt: same?.listedAt ?? null,
      error: same?.error ?? null,
    };
    if (headers) record.headers = this.secrets.mcp.seal(agentId, JSON.stringify(headers), scopeOf(m.name, m.url));
    else if (headers === undefined && same?.headers) record.headers = same.headers;
    return record;
  }
}

function checkNames(tools: string[], servers: string[]): void {
  const seen = new Set<string>();
  tools.forEach((name, i) => {
    if (isBuiltInTool(name)) throw invalid(`tools[${i}].name`, `"${name}" is the name of a built-in tool`);
    if (seen.has(name)) throw invalid(`tools[${i}].name`, `"${name}" is used twice`);
    seen.add(name);
  });
  const names = new Set<string>();
  servers.forEach((name, i) => {
    if (names.has(name)) throw invalid(`mcpServers[${i}].name`, `"${name}" is used twice`);
    names.add(name);
  });
}
