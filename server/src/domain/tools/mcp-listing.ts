import { Types } from 'mongoose';
import { AgentModel, type AgentDoc } from '../../db/models/agent.model';
import type { EgressClient } from '../egress/egress-client';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../../logger';
import { listMcpTools } from './mcp-client';
import type { ToolDefinitions } from './tool-definitions';

/**
 * Lists the tools of an agent's MCP servers and caches them on the agent (when it is saved,
 * and on `POST /v1/agents/:id/mcp-servers/refresh`). A server that fails keeps no tools and
 * says why in `error`.
 */
export class McpListing {
  constructor(
    private readonly egress: EgressClient,
    private readonly definitions: ToolDefinitions,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private readonly timeoutMs: number,
  ) {}

  /** Re-lists every server of the agent; resolves with the agent as stored afterwards. */
  async refresh(agent: AgentDoc): Promise<AgentDoc> {
    const servers = agent.mcpServers ?? [];
    if (servers.length === 0) return agent;
    const agentId = agent._id.toHexString();
    const listings = await Promise.all(servers.map((server) => this.list(agentId, server)));
    const set: Record<string, unknown> = {};
    const filter: Record<string, unknown> = { _id: new Types.ObjectId(agentId) };
    listings.forEach((listing, i) => {
      // Only where the server at that position is still the one listed (a concurrent save may have changed it).
      filter[`mcpServers.${i}.url`] = servers[i]?.url;
      set[`mcpServers.${i}.tools`] = listing.tools;
      set[`mcpServers.${i}.listedAt`] = new Date();
      set[`mcpServers.${i}.error`] = listing.error;
    });
    const updated = await AgentModel.findOneAndUpdate(filter, { $set: set }, { returnDocument: 'after' });
    this.bus.send({ kind: 'agent-changed', agentId });
    return updated ?? agent;
  }

  private async list(agentId: string, server: AgentDoc['mcpServers'][number]): Promise<{ tools: { name: string; description: string; inputSchema: string }[]; error: string | null }> {
    try {
      const tools = await listMcpTools(this.egress, { url: server.url, headers: this.definitions.headersOf(agentId, server), timeoutMs: this.timeoutMs });
      return { tools: tools.map((t) => ({ name: t.name, description: t.description, inputSchema: JSON.stringify(t.inputSchema) })), error: null };
    } catch (err) {
      const error = `listing the tools failed: ${(err as Error).message}`.slice(0, 500);
      this.logger.warn({ agentId, server: server.name, err: error }, 'MCP server listing failed');
      return { tools: [], error };
    }
  }
}
