import { AppError, notFound } from '../app-error';
import type { AgentDto } from '../../../../shared/src/contract/types';
import type { AgentService } from '../agents/agent.service';
import { toAgentDto } from '../agents/agent.mapper';
import { argumentsProblem } from './json-schema';
import type { McpListing } from './mcp-listing';
import { findTool } from './tool-catalog';
import { newToolCallId } from './tool-call.store';
import type { ToolInvoker } from './tool-invoker';

export interface ToolTestResult {
  ok: boolean;
  /** The HTTP status of the answer (null for MCP tools and failures without one). */
  status: number | null;
  durationMs: number;
  /** The tool's answer (parsed JSON) when it worked, else why it did not. */
  result: unknown;
}

/** What admins do with tools outside a conversation: try one, re-list MCP servers. */
export class ToolAdminService {
  constructor(
    private readonly agents: AgentService,
    private readonly invoker: ToolInvoker,
    private readonly listing: McpListing,
  ) {}

  /** Calls a tool with sample arguments (checked as the model's would be); nothing is stored. */
  async test(agentId: string, name: string, args: Record<string, unknown>): Promise<ToolTestResult> {
    const agent = await this.agents.getDoc(agentId);
    const entry = findTool(agent, name);
    if (!entry) throw notFound('tool');
    const problem = argumentsProblem(entry.parameters, args);
    if (problem) throw new AppError('invalid_request', `${problem.field}: ${problem.message}`, { field: problem.field });
    const outcome = await this.invoker.invoke(agent, entry, args, newToolCallId());
    let result: unknown = outcome.error;
    if (outcome.ok) result = outcome.data === null ? null : (JSON.parse(outcome.data) as unknown);
    return { ok: outcome.ok, status: outcome.status, durationMs: outcome.durationMs, result };
  }

  async refreshMcp(agentId: string): Promise<AgentDto> {
    const agent = await this.agents.getDoc(agentId);
    return toAgentDto(await this.listing.refresh(agent));
  }
}
