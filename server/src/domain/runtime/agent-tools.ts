import type { AgentPrompt, MultiPrompt, PromptState, SessionDto, LeadFieldDto } from '../../../../shared/src/contract/types';
import type { LlmTool } from './llm-provider';
import { SAVE_FIELDS_TOOL, saveFieldsOffer } from '../leads/save-fields-tool';

/** What a tool call asks the runtime to do; the runtime carries it out through the services. */
export type ToolEffect =
  /** `asked`: the customer asked for a person; `escalated`: the model could not help. */
  | { kind: 'request_help'; reason: string; why: 'asked' | 'escalated' }
  | { kind: 'transition'; to: string }
  | { kind: 'offer_call'; reason: string }
  | { kind: 'search'; query: string }
  | { kind: 'save_fields'; values: Record<string, unknown> }
  | { kind: 'unknown'; name: string };

/** The names of the built-in tools: an agent's own tools may not take them. */
export const BUILT_IN_TOOL_NAMES: readonly string[] = ['request_human', 'escalate_to_human', 'search_knowledge_base', 'offer_call', 'change_state', 'save_fields'];

export const REQUEST_HUMAN: LlmTool = {
  name: 'request_human',
  description: 'Call when the customer asks to talk to a human person. Support staff are then notified.',
  parameters: { type: 'object', properties: { reason: { type: 'string', description: 'What the customer wants help with' } }, required: [] },
};

export const ESCALATE: LlmTool = {
  name: 'escalate_to_human',
  description: 'Call when you cannot help: the question is out of your depth, needs account access, or the customer is upset.',
  parameters: { type: 'object', properties: { reason: { type: 'string' } }, required: ['reason'] },
};

export const SEARCH_KNOWLEDGE: LlmTool = {
  name: 'search_knowledge_base',
  description: "Searches the agent's knowledge base and returns the best passages with their titles.",
  parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
};

export const OFFER_CALL: LlmTool = {
  name: 'offer_call',
  description: 'Offers the customer a phone call with a voice agent when talking would resolve things faster.',
  parameters: { type: 'object', properties: { reason: { type: 'string' } }, required: [] },
};

export interface ToolOptions {
  prompt: AgentPrompt;
  session: SessionDto;
  hasKnowledge: boolean;
  callEscalation: boolean;
  /** The agent's lead fields: `save_fields` is offered when there are any. */
  leadFields?: LeadFieldDto[];
}

/** The tools on offer this turn, and notes for the system prompt that explain them. */
export function toolsFor(opts: ToolOptions): { tools: LlmTool[]; notes: string[] } {
  const tools = [REQUEST_HUMAN, ESCALATE];
  const notes: string[] = [];
  if (opts.hasKnowledge) tools.push(SEARCH_KNOWLEDGE);
  if (opts.callEscalation) tools.push(OFFER_CALL);
  const leads = saveFieldsOffer(opts.leadFields ?? [], opts.session);
  if (leads) {
    tools.push(leads.tool);
    notes.push(leads.note);
  }
  const transition = transitionTool(opts.prompt, opts.session.currentState);
  if (transition) {
    tools.push(transition.tool);
    notes.push(transition.note);
  }
  return { tools, notes };
}

/** The state a session is in; the start state when it has none (or one the prompt no longer has). */
export function currentState(prompt: MultiPrompt, state: string | null): PromptState | undefined {
  return prompt.states.find((s) => s.name === state) ?? prompt.states.find((s) => s.name === prompt.start);
}

function transitionTool(prompt: AgentPrompt, state: string | null): { tool: LlmTool; note: string } | null {
  if (prompt.type !== 'multi') return null;
  const current = currentState(prompt, state);
  if (!current || current.transitions.length === 0) return null;
  const targets = current.transitions.map((t) => t.to);
  return {
    tool: {
      name: 'change_state',
      description: 'Moves the conversation to the next state when its condition is met.',
      parameters: { type: 'object', properties: { to: { type: 'string', enum: targets } }, required: ['to'] },
    },
    note: `You may move the conversation on with change_state:\n${current.transitions.map((t) => `- to "${t.to}" when ${t.when}`).join('\n')}`,
  };
}

function parseArgs(raw: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(raw || '{}');
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const str = (v: unknown, fallback: string) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 500) : fallback);

/** Interprets one tool call the model made. */
export function interpretToolCall(name: string, rawArgs: string): ToolEffect {
  const args = parseArgs(rawArgs);
  switch (name) {
    case 'request_human':
      return { kind: 'request_help', reason: str(args.reason, 'The customer asked for a person'), why: 'asked' };
    case 'escalate_to_human':
      return { kind: 'request_help', reason: str(args.reason, 'The assistant could not help'), why: 'escalated' };
    case 'change_state':
      return { kind: 'transition', to: str(args.to, '') };
    case 'offer_call':
      return { kind: 'offer_call', reason: str(args.reason, '') };
    case 'search_knowledge_base':
      return { kind: 'search', query: str(args.query, '') };
    case SAVE_FIELDS_TOOL:
      return { kind: 'save_fields', values: args };
    default:
      return { kind: 'unknown', name };
  }
}
