import type { MessageDto } from '../../../../shared/src/contract/types';
import type { AgentDoc } from '../../db/models/agent.model';
import type { EgressClient } from '../egress/egress-client';
import { invokeHttpTool } from './http-invoker';
import { callMcpTool } from './mcp-client';
import type { CatalogEntry } from './tool-catalog';
import type { ToolDefinitions } from './tool-definitions';
import { excerpt, type ToolOutcome } from './tool-outcome';
import type { ToolCallStore } from './tool-call.store';
import { traceToolCall } from '../../observability/tracing';

export interface InvokerOptions {
  maxResponseBytes: number;
  mcpTimeoutMs: number;
  /** How long past its own timeout a running call may stay `running` before the sweep settles it (STALE_STREAM_SECONDS). */
  staleGraceMs: number;
}

/** Carries out a call (HTTP or MCP) and stores how it went. */
export class ToolInvoker {
  constructor(
    private readonly egress: EgressClient,
    private readonly definitions: ToolDefinitions,
    private readonly store: ToolCallStore,
    private readonly options: InvokerOptions,
  ) {}

  /** When a call started now must have ended. */
  staleAt(entry: CatalogEntry): Date {
    const timeout = entry.http ? (entry.http.timeoutMs ?? 10_000) : this.options.mcpTimeoutMs * 2;
    return new Date(Date.now() + timeout + this.options.staleGraceMs);
  }

  async invoke(agent: AgentDoc, entry: CatalogEntry, args: Record<string, unknown>, toolCallId: string): Promise<ToolOutcome> {
    return traceToolCall({ name: entry.name, kind: entry.source }, toolCallId, () => this.invokeTarget(agent, entry, args, toolCallId));
  }

  private async invokeTarget(agent: AgentDoc, entry: CatalogEntry, args: Record<string, unknown>, toolCallId: string): Promise<ToolOutcome> {
    const agentId = agent._id.toHexString();
    if (entry.http) {
      const target = { url: entry.http.http?.url ?? '', method: entry.http.http?.method === 'GET' ? 'GET' : 'POST', timeoutMs: entry.http.timeoutMs ?? 10_000 } as const;
      return invokeHttpTool(this.egress, target, args, { secret: this.definitions.secretOf(agentId, entry.http), toolCallId, maxBytes: this.options.maxResponseBytes });
    }
    if (entry.mcp) {
      const target = { url: entry.mcp.server.url, headers: this.definitions.headersOf(agentId, entry.mcp.server), timeoutMs: this.options.mcpTimeoutMs };
      return callMcpTool(this.egress, target, entry.mcp.tool, args);
    }
    return { ok: false, status: null, data: null, error: 'the tool has no target', durationMs: 0 };
  }

  /** Runs a call already stored `running` and settles it; null when something else settled it first. */
  async runStored(agent: AgentDoc, entry: CatalogEntry, message: MessageDto, args: Record<string, unknown>): Promise<MessageDto | null> {
    const call = message.toolCall;
    if (!call) return null;
    const outcome = await this.invoke(agent, entry, args, call.toolCallId);
    const settled = await this.store.transition(message.sessionId, call.toolCallId, ['running'], {
      status: outcome.ok ? 'succeeded' : 'failed',
      result: excerpt(outcome.data),
      reason: outcome.error,
      durationMs: outcome.durationMs,
    });
    if (settled) this.store.announce('tool.completed', settled, agent._id.toHexString());
    return settled;
  }
}
