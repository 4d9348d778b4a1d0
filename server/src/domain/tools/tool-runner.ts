import type { SessionDto } from '../../../../shared/src/contract/types';
import type { AgentDoc } from '../../db/models/agent.model';
import type { LlmTool, LlmToolCall } from '../runtime/llm-provider';
import type { ApprovalFlags } from './approval-flags';
import { argumentsProblem } from './json-schema';
import { catalogOf, findTool } from './tool-catalog';
import type { ToolCallStore } from './tool-call.store';
import type { ToolInvoker } from './tool-invoker';
import { modelContent, TOOL_DATA_NOTE } from './tool-outcome';

/** One call the model made this turn, with a way to show the customer what is going on. */
export interface ToolTurn {
  agent: AgentDoc;
  session: SessionDto;
  call: LlmToolCall;
  /** Shows (or, with null, clears) a label on the streaming reply. */
  status(label: string | null): Promise<void>;
}

export interface ToolRunResult {
  /** What the model is given as the call's result. */
  content: string;
  /** The call waits for a person's approval: the reply ends here. */
  paused: boolean;
}

function parseArguments(raw: string): Record<string, unknown> | string {
  try {
    const value: unknown = JSON.parse(raw || '{}');
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : 'the arguments must be a JSON object';
  } catch {
    return 'the arguments are not valid JSON';
  }
}

/**
 * The runtime's port to an agent's own tools: what to offer the model, and carrying out a
 * call (checked against its schema first; stored as a `tool` message; paused for approval
 * when the tool asks for it).
 */
export class ToolRunner {
  constructor(
    private readonly store: ToolCallStore,
    private readonly invoker: ToolInvoker,
    private readonly flags: ApprovalFlags,
  ) {}

  offer(agent: AgentDoc): { tools: LlmTool[]; notes: string[] } {
    const entries = catalogOf(agent);
    const tools = entries.map((e) => ({ name: e.name, description: e.description, parameters: e.parameters }));
    const approval = entries.filter((e) => e.approval === 'always').map((e) => e.name);
    const notes = entries.length ? [TOOL_DATA_NOTE] : [];
    if (approval.length) notes.push(`These tools need a person's approval before they run; call them when needed, the customer will be told to wait: ${approval.join(', ')}.`);
    return { tools, notes };
  }

  async run(turn: ToolTurn): Promise<ToolRunResult> {
    const { agent, session, call } = turn;
    const entry = findTool(agent, call.name);
    if (!entry) return { content: JSON.stringify({ status: 'failed', error: `There is no tool called ${call.name}.` }), paused: false };
    const base = { name: entry.name, approval: entry.approval, source: entry.source, progressLabel: entry.progressLabel };
    const parsed = parseArguments(call.arguments);
    const problem = typeof parsed === 'string' ? { field: 'arguments', message: parsed } : argumentsProblem(entry.parameters, parsed);
    if (problem || typeof parsed === 'string') {
      // Stored (staff see the attempt) and handed back, so the model can ask or fix it.
      const reason = `invalid arguments: ${problem?.field ?? 'arguments'} ${problem?.message ?? ''}`.trim();
      await this.store.create(session, { ...base, arguments: typeof parsed === 'string' ? {} : parsed, status: 'failed', reason }, 'tool.called');
      return { content: JSON.stringify({ status: 'failed', error: `${reason}. Nothing was sent. Correct the arguments (ask the customer if you need to) and call the tool again.` }), paused: false };
    }
    if (entry.approval === 'always') {
      const expiresAt = new Date(Date.now() + (agent.approvalTimeoutSeconds ?? 300) * 1000);
      await this.store.create(session, { ...base, arguments: parsed, status: 'pending_approval', expiresAt }, 'tool.approval_requested');
      await this.flags.raise(session.id, entry.name);
      return { content: modelContent({ status: 'pending_approval', result: null, reason: null, decidedBy: null }), paused: true };
    }
    const message = await this.store.create(session, { ...base, arguments: parsed, status: 'running', staleAt: this.invoker.staleAt(entry) }, 'tool.called');
    if (entry.progressLabel) await turn.status(entry.progressLabel);
    try {
      const settled = await this.invoker.runStored(agent, entry, message, parsed);
      const call = settled?.toolCall ?? { status: 'failed' as const, result: null, reason: 'the call was settled elsewhere', decidedBy: null };
      return { content: modelContent(call), paused: false };
    } finally {
      if (entry.progressLabel) await turn.status(null);
    }
  }
}
