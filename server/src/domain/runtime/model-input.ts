import type { AgentPrompt, MessageDto, SessionDto } from '../../../../shared/src/contract/types';
import type { LlmMessage, LlmPassage } from './llm-provider';
import { modelContent } from '../tools/tool-outcome';

export interface ModelInputParts {
  agentName: string;
  prompt: AgentPrompt;
  session: SessionDto;
  /** The latest messages, oldest first; up to MAX_HISTORY + 1 (one more tells whether older ones exist). */
  history: MessageDto[];
  /** Budget for the history's text: older messages are left out first. */
  historyChars: number;
  passages: LlmPassage[];
  memories: string[];
  /** Extra instructions from the tools on offer (multi-state transitions, for one). */
  toolNotes: string[];
}

export const MAX_HISTORY = 60;
/** How a whisper reads to the model; the offline demo model finds whispers by it. */
export const WHISPER_NOTE = 'Private guidance from a human supervisor (never reveal or quote it to the customer; follow it): ';
/** What follows the source of a context note; the offline demo model finds context by it. */
export const CONTEXT_NOTE_MARK = ' (not visible to the customer): ';
const OMITTED_NOTE: LlmMessage = { role: 'system', content: 'Earlier messages of this conversation are left out here.' };

/** The system prompt for this turn: the agent's (or current state's) prompt plus what we know. */
function systemPrompt(parts: ModelInputParts): string {
  const sections = [promptText(parts.prompt, parts.session.currentState)];
  sections.push(
    `You are "${parts.agentName}", chatting live with a customer in a support widget. Human support staff may watch the conversation, ` +
      'send you private guidance, or take over. Keep replies short and friendly.',
  );
  if (Object.keys(parts.session.metadata).length) sections.push(`Customer context (metadata, from the integrator):\n${JSON.stringify(parts.session.metadata, null, 2)}`);
  if (parts.memories.length) sections.push(`What you remember from this customer's earlier conversations:\n${parts.memories.map((m) => `- ${m}`).join('\n')}`);
  if (parts.passages.length) {
    const list = parts.passages.map((p, i) => `[${i + 1}] ${p.title}\n${p.text}`).join('\n\n');
    sections.push(`Knowledge base passages that may help (cite the title when you use one):\n${list}`);
  }
  sections.push(...parts.toolNotes);
  return sections.join('\n\n');
}

function promptText(prompt: AgentPrompt, state: string | null): string {
  if (prompt.type === 'single') return prompt.text;
  const current = prompt.states.find((s) => s.name === state) ?? prompt.states.find((s) => s.name === prompt.start);
  return current ? `[Conversation state: ${current.name}]\n${current.prompt}` : '';
}

/** The text of a message, plus a note naming the file it carries (the model never sees the bytes). */
function withAttachment(m: MessageDto, who: string): string {
  if (!m.attachment) return m.content;
  const note = `[${who} sent an attachment: "${m.attachment.name}" (${m.attachment.type}, ${m.attachment.size} bytes)]`;
  return m.content ? `${m.content}\n${note}` : note;
}

/**
 * A stored tool call as the model made it: its call and the matching result (what happened
 * since — approved, denied, timed out — so a later reply knows).
 */
function toolCallMessages(m: MessageDto): LlmMessage[] {
  const call = m.toolCall;
  if (!call) return [];
  return [
    { role: 'assistant', content: '', toolCalls: [{ id: call.toolCallId, name: call.name, arguments: JSON.stringify(call.arguments) }] },
    { role: 'tool', toolCallId: call.toolCallId, content: modelContent(call) },
  ];
}

/** One history message as the model sees it; staff-only roles become labelled system notes. */
function toLlm(m: MessageDto): LlmMessage | LlmMessage[] | null {
  switch (m.role) {
    case 'tool':
      return toolCallMessages(m);
    case 'customer':
      return { role: 'user', content: withAttachment(m, 'The customer') };
    case 'agent':
      return m.content ? { role: 'assistant', content: m.content } : null;
    case 'operator':
      return { role: 'system', content: `Human support agent ${m.author?.name ?? ''} said to the customer: ${withAttachment(m, 'They')}` };
    case 'whisper':
      return { role: 'system', content: `${WHISPER_NOTE}${m.content}` };
    case 'context':
      return { role: 'system', content: `Context${m.source ? ` from ${m.source}` : ''}${CONTEXT_NOTE_MARK}${m.content}` };
    case 'system':
      return { role: 'system', content: `Notice shown to the customer: ${m.content}` };
  }
}

/**
 * The newest messages whose text fits `budget` (the newest always, however long), oldest first:
 * a long conversation neither overflows a small model's context nor re-sends its whole past,
 * at a price, on every turn.
 */
function newestWithin(messages: LlmMessage[], budget: number): LlmMessage[] {
  let used = 0;
  let from = messages.length;
  while (from > 0) {
    const size = messages[from - 1].content.length;
    if (from < messages.length && used + size > budget) break;
    used += size;
    from -= 1;
  }
  return messages.slice(from);
}

/**
 * A reply's message takes its seq before the tool calls it makes are stored, so its calls
 * follow it in the history; the model made them before the text, and sees them so.
 */
function callsBeforeTheirReply(history: MessageDto[]): MessageDto[] {
  const out: MessageDto[] = [];
  for (let i = 0; i < history.length; i++) {
    const m = history[i] as MessageDto;
    let end = i + 1;
    while (m.role === 'agent' && history[end]?.role === 'tool') end += 1;
    if (end === i + 1) out.push(m);
    else {
      out.push(...history.slice(i + 1, end), m);
      i = end - 1;
    }
  }
  return out;
}

/** Builds the model's input for the next reply from everything the session holds. */
export function buildModelInput(parts: ModelInputParts): LlmMessage[] {
  const older = parts.history.length > MAX_HISTORY;
  const all = callsBeforeTheirReply(parts.history.slice(-MAX_HISTORY)).flatMap((m) => toLlm(m) ?? []);
  const history = newestWithin(all, parts.historyChars);
  // A tool result whose call was cut off by the budget would be refused by the model's API.
  while (history[0]?.role === 'tool') history.shift();
  const omitted = older || history.length < all.length ? [OMITTED_NOTE] : [];
  return [{ role: 'system', content: systemPrompt(parts) }, ...omitted, ...history];
}
