import type { ToolApproval } from '../../../../shared/src/contract/types';
import type { AgentDoc } from '../../db/models/agent.model';
import type { StoredMcpServer, StoredTool } from './tool-definitions';
import { mcpToolName } from './tool-names';

/** One tool the model may call this turn, and where a call goes. */
export interface CatalogEntry {
  /** The name the model calls it by. */
  name: string;
  description: string;
  parameters: Record<string, unknown>;
  source: 'http' | 'mcp';
  approval: ToolApproval;
  progressLabel: string | null;
  http?: StoredTool;
  mcp?: { server: StoredMcpServer; tool: string };
}

function parseSchema(text: string | null | undefined): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text ?? '{}');
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    /* a broken listing offers an empty schema */
  }
  return { type: 'object', properties: {} };
}

/**
 * An agent's own tools: its HTTP tools and the tools its MCP servers listed last (cached on
 * the agent, filtered by `allowedTools`). A server that could not be listed offers nothing;
 * the reply goes on with the rest.
 */
export function catalogOf(agent: AgentDoc): CatalogEntry[] {
  const entries: CatalogEntry[] = (agent.tools ?? []).map((t) => ({
    name: t.name,
    description: t.description ?? '',
    parameters: (t.parameters ?? { type: 'object', properties: {} }) as Record<string, unknown>,
    source: 'http',
    approval: (t.approval ?? 'never') as ToolApproval,
    progressLabel: t.progressLabel ?? null,
    http: t,
  }));
  for (const server of agent.mcpServers ?? []) {
    const allowed = server.allowedTools ? new Set(server.allowedTools) : null;
    for (const tool of server.tools ?? []) {
      const name = tool.name ? mcpToolName(server.name, tool.name) : null;
      if (!name || !tool.name || (allowed && !allowed.has(tool.name))) continue;
      entries.push({
        name,
        description: tool.description || `${tool.name} (from ${server.name})`,
        parameters: parseSchema(tool.inputSchema),
        source: 'mcp',
        approval: (server.approval ?? 'never') as ToolApproval,
        progressLabel: null,
        mcp: { server, tool: tool.name },
      });
    }
  }
  return entries;
}

export const findTool = (agent: AgentDoc, name: string): CatalogEntry | undefined => catalogOf(agent).find((e) => e.name === name);
