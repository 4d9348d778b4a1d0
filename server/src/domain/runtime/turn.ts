import type { AgentPrompt, MessageDto, SessionDto } from '../../../../shared/src/contract/types';
import type { AgentDoc } from '../../db/models/agent.model';
import type { RuntimeDeps } from './runtime-deps';
import { BUILT_IN_TOOL_NAMES, currentState, interpretToolCall, toolsFor, type ToolEffect } from './agent-tools';
import type { LlmMessage, LlmPassage, LlmToolCall } from './llm-provider';
import { buildModelInput, MAX_HISTORY } from './model-input';
import { afterHoursNotice, ladderSaysAfterHours } from '../support/business-hours-gate';
import type { ReplyStream } from './reply-stream';
import { resilientStream } from './resilient-stream';
import { chatLines } from '../i18n/chat-lines';
import { leadFieldsOf } from '../leads/lead-fields';

const DEFAULT_TOOL_ROUNDS = 5;
const PASSAGES_PER_TURN = 3;

const lastCustomerText = (history: MessageDto[]): string => [...history].reverse().find((m) => m.role === 'customer')?.content ?? '';

/** Runs one reply: model input, the stream, and up to a few rounds of tool calls. */
export async function runTurn(deps: RuntimeDeps, agent: AgentDoc, session: SessionDto, reply: ReplyStream): Promise<void> {
  // The turn brings it when this process knows it for sure (no read before the model is asked).
  const history = reply.history?.slice(-(MAX_HISTORY + 1)) ?? (await deps.messages.historyForReply(session.id, MAX_HISTORY + 1));
  const kbIds = agent.knowledgeBaseIds.map((id) => id.toHexString());
  const passages = deps.knowledge && kbIds.length ? await deps.knowledge.retrieve(kbIds, lastCustomerText(history), PASSAGES_PER_TURN) : [];
  const memories = deps.memory && agent.memory?.enabled ? await deps.memory.recall(session.agentId, session.customerId) : [];
  const prompt = agent.prompt as AgentPrompt;
  // Rebuilt after a change of state, so the next round already follows the new state's prompt.
  // The agent's own tools (HTTP, MCP) sit beside the built-in ones.
  const own = deps.tools?.offer(agent) ?? { tools: [], notes: [] };
  const turnFor = (current: SessionDto) => {
    const { tools, notes } = toolsFor({ prompt, session: current, hasKnowledge: kbIds.length > 0, callEscalation: Boolean(agent.callEscalation?.enabled), leadFields: leadFieldsOf(agent) });
    const toolNotes = [...notes, ...own.notes];
    return { tools: [...tools, ...own.tools], input: buildModelInput({ agentName: agent.name, prompt, session: current, history, historyChars: deps.options.historyChars, passages, memories, toolNotes }) };
  };
  const start = turnFor(session);
  let tools = start.tools;
  const input = start.input;
  let current = session;
  const provider = deps.providerFor(agent);
  let fallbackNote = '';
  let ended = false;
  let paused = false;

  for (let round = 0; round < (deps.options.toolMaxRounds ?? DEFAULT_TOOL_ROUNDS); round++) {
    const calls: LlmToolCall[] = [];
    const textBefore = reply.text.length;
    const events = resilientStream(
      provider,
      { model: agent.llm?.model ?? 'offline', temperature: agent.llm?.temperature ?? undefined, messages: input, tools, passages, signal: reply.signal },
      {
        maxRetries: deps.options.maxRetries,
        baseDelayMs: deps.options.retryBaseMs,
        firstTokenTimeoutMs: deps.options.firstTokenTimeoutMs,
        idleTimeoutMs: deps.options.idleTimeoutMs,
        onRetry: (err) => deps.observer?.llmRetry(err.kind),
      },
    );
    for await (const event of events) {
      if (event.type === 'delta') {
        const storing = reply.push(event.text);
        if (storing) await storing;
      } else if (event.type === 'tool_call') calls.push(event.call);
    }
    if (calls.length === 0) {
      ended = true;
      break;
    }
    const applied = await applyCalls(deps, agent, current, calls, reply);
    fallbackNote = applied.note || fallbackNote;
    if (applied.session.currentState !== current.currentState) {
      const rebuilt = turnFor(applied.session);
      tools = rebuilt.tools;
      input[0] = rebuilt.input[0];
    }
    current = applied.session;
    input.push({ role: 'assistant', content: reply.text.slice(textBefore), toolCalls: calls }, ...applied.results);
    // A call waits for a person's approval: the reply ends here; the decision asks for the next one.
    if (applied.paused) {
      paused = true;
      break;
    }
    if (reply.text.length > textBefore) {
      ended = true;
      break;
    }
  }
  if (paused) return reply.push(`${reply.text ? '\n\n' : ''}${chatLines(agent.language).approvalPending}`);
  if (!reply.text && fallbackNote) return reply.push(fallbackNote);
  // Out of rounds with nothing said: the reply says so rather than ending empty.
  if (!reply.text && !ended) await reply.push(chatLines(agent.language).toolLimit);
}

/** Carries out one round's tool calls in order; each sees the session as the previous left it. */
async function applyCalls(deps: RuntimeDeps, agent: AgentDoc, session: SessionDto, calls: LlmToolCall[], reply: ReplyStream): Promise<{ results: LlmMessage[]; session: SessionDto; note: string; paused: boolean }> {
  const results: LlmMessage[] = [];
  let note = '';
  let paused = false;
  for (const call of calls) {
    if (deps.tools && !BUILT_IN_TOOL_NAMES.includes(call.name)) {
      const own = await deps.tools.run({ agent, session, call, status: (label) => reply.status(label) });
      paused ||= own.paused;
      results.push({ role: 'tool', toolCallId: call.id, content: own.content });
      continue;
    }
    const result = await applyTool(deps, agent, session, interpretToolCall(call.name, call.arguments));
    note = result.note || note;
    session = result.session ?? session;
    results.push({ role: 'tool', toolCallId: call.id, content: result.content });
  }
  return { results, session, note, paused };
}

interface ToolResult {
  content: string;
  note: string;
  /** The session after the tool changed it (a change of state). */
  session?: SessionDto;
}

async function applyTool(deps: RuntimeDeps, agent: AgentDoc, session: SessionDto, effect: ToolEffect): Promise<ToolResult> {
  switch (effect.kind) {
    case 'request_help': {
      const { changed, session: flagged } = await deps.sessions.requestHelp(session.id, effect.reason);
      const away = afterHoursNotice(agent);
      if (away) {
        if (changed && !ladderSaysAfterHours(agent, flagged)) await deps.messages.append(session.id, 'system', away, { source: 'business_hours' });
        return { content: `The support team is outside business hours. ${away} Tell the customer so, briefly.`, note: away };
      }
      // Said only if the model says nothing itself (it is told to tell the customer).
      const lines = chatLines(agent.language);
      return { content: 'Support staff have been notified and a person will join. Tell the customer so, briefly.', note: effect.why === 'asked' ? lines.teamAsked : lines.bringingTeam };
    }
    case 'transition':
      return transition(deps, agent, session, effect.to);
    case 'search': {
      const ids = agent.knowledgeBaseIds.map((id) => id.toHexString());
      const found: LlmPassage[] = deps.knowledge ? await deps.knowledge.retrieve(ids, effect.query, PASSAGES_PER_TURN) : [];
      const content = found.length ? found.map((p) => `${p.title}: ${p.text}`).join('\n\n') : 'No matching passages.';
      return { content, note: '' };
    }
    case 'offer_call': {
      if (!deps.calls || !agent.callEscalation?.enabled) return { content: 'Phone calls are not available right now.', note: '' };
      await deps.calls.offer(session.id, effect.reason);
      return { content: 'The customer now sees a call offer with a phone field. Tell them briefly.', note: 'I can call you — enter your phone number in the card below.' };
    }
    case 'save_fields': {
      if (!deps.leads) return { content: 'Saving details is not available.', note: '' };
      const saved = await deps.leads.saveFromModel(session, agent, effect.values);
      return { content: saved.content, note: '', session: saved.session };
    }
    case 'unknown':
      return { content: `Unknown tool ${effect.name}.`, note: '' };
  }
}

async function transition(deps: RuntimeDeps, agent: AgentDoc, session: SessionDto, to: string): Promise<ToolResult> {
  const prompt = agent.prompt as AgentPrompt;
  if (prompt.type !== 'multi') return { content: 'This agent has no states.', note: '' };
  const from = currentState(prompt, session.currentState)?.name ?? prompt.start;
  const allowed = currentState(prompt, session.currentState)?.transitions.some((t) => t.to === to);
  if (!allowed) return { content: `Moving from "${from}" to "${to}" is not allowed.`, note: '' };
  let moved = true;
  const next = await deps.sessions.transition(session.id, { currentState: session.currentState }, { $set: { currentState: to } }, (s) => ((moved = false), s));
  // Another reply (or process) moved the session meanwhile: refuse rather than fail the reply.
  if (!moved) return { content: `The conversation is now in state "${next.currentState ?? ''}"; "${to}" was not applied.`, note: '', session: next };
  await deps.messages.append(session.id, 'context', `Conversation moved from state "${from}" to "${to}".`, { source: 'state' });
  const state = prompt.states.find((s) => s.name === to);
  return { content: `Now in state "${to}". Its instructions: ${state?.prompt ?? ''}`, note: '', session: next };
}
