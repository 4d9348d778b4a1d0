/**
 * What the offline demo model makes of supervision: a whisper becomes the line it says next
 * ("offer ACME10" → "I can offer you ACME10."), once, and only when relevant if the whisper
 * says when ("if they ask for a discount, offer ACME10"); context notes are facts it may quote.
 * Plain rules, no model — enough for the keyless demo to show a supervisor steering the AI,
 * and honest: it says what it was told to, it does not pretend to reason.
 */
import type { LlmMessage, LlmPassage } from '../llm-provider';
import { CONTEXT_NOTE_MARK, WHISPER_NOTE } from '../model-input';
import { overlap, questionWords } from './offline-words';

/** Context notes written by Switchboard for the model only (the release summary): never quoted. */
const INTERNAL_SOURCES = new Set(['release']);
/** Words of a whisper's condition that say nothing about when it applies. */
const CONDITION_NOISE = new Set(['customer', 'ask', 'say', 'mention', 'want', 'someone', 'somebody', 'person']);
const WHO = '(?:them|the customer|him|her|the user)';

const VERBS = 'offer|tell|let|say|mention|explain|apologi[sz]e|ask|inform|remind';
const SEPARATE = new RegExp(`\\s*(?:;|[.!]\\s+|,?\\s+(?:and|then)\\s+(?=(?:${VERBS})\\b))\\s*`, 'i');
const CONDITION = /^(?:if|when|should)\s+(.+?)(?:,|:|\s+then\s+)\s*(.+)$/i;
const ACTIONS: { pattern: RegExp; line: (x: string) => string }[] = [
  { pattern: new RegExp(`^offer\\s+(?:${WHO}\\s+)?(.+)$`, 'i'), line: (x) => `I can offer you ${x}.` },
  { pattern: new RegExp(`^let\\s+${WHO}\\s+know\\s+(?:that\\s+)?(.+)$`, 'i'), line: (x) => `${capital(x)}.` },
  { pattern: new RegExp(`^(?:tell|inform|remind)\\s+${WHO}\\s+(?:that\\s+)?(.+)$`, 'i'), line: (x) => `${capital(x)}.` },
  { pattern: /^(?:say|mention|explain)\s+(?:that\s+)?(.+)$/i, line: (x) => `${capital(x)}.` },
  { pattern: /^apologi[sz]e(?:\s+for\s+(.+))?$/i, line: (x) => (x ? `I'm sorry for ${x}.` : "I'm sorry about that.") },
  { pattern: new RegExp(`^ask\\s+${WHO}\\s+to\\s+(.+)$`, 'i'), line: (x) => `Could you ${x}?` },
  { pattern: new RegExp(`^ask\\s+(?:${WHO}\\s+)?for\\s+(.+)$`, 'i'), line: (x) => `Could you share ${x}?` },
];

interface Whisper {
  /** Words that make it relevant; null when it always applies. */
  when: Set<string> | null;
  line: string;
}

/** A whisper as the line to say and when it applies. */
export function readWhisper(text: string): Whisper {
  const plain = text.replace(/\s+/g, ' ').trim().replace(/^please\s+/i, '');
  const conditional = CONDITION.exec(plain);
  const action = (conditional ? conditional[2] : plain).replace(/^please\s+/i, '').replace(/[.!\s]+$/, '');
  const when = conditional ? new Set([...questionWords(conditional[1])].filter((w) => !CONDITION_NOISE.has(w))) : null;
  // "apologise and ask them for a photo": each instruction in turn.
  return { when, line: action.split(SEPARATE).map(sayOne).join(' ') };
}

function sayOne(action: string): string {
  for (const { pattern, line } of ACTIONS) {
    const match = pattern.exec(action);
    if (match) return line(toCustomer(match[1] ?? ''));
  }
  return `${capital(toCustomer(action))}.`;
}

/**
 * The lines of whispers not yet followed (no later reply of the AI says them) that apply to
 * the question; `force` follows them whatever their condition (the supervisor asked for a reply now).
 */
export function pendingGuidance(messages: LlmMessage[], question: string, force = false): string[] {
  const asked = questionWords(question);
  const lines: string[] = [];
  messages.forEach((message, i) => {
    const text = whisperText(message);
    if (text === null) return;
    const whisper = readWhisper(text);
    const followed = messages.slice(i + 1).some((m) => m.role === 'assistant' && m.content.includes(whisper.line));
    const applies = force || whisper.when === null || whisper.when.size === 0 || overlap(asked, whisper.when) > 0;
    if (!followed && applies && !lines.includes(whisper.line)) lines.push(whisper.line);
  });
  return lines;
}

/** Whether the newest message is a whisper (a whisper sent with `respond: true` asked for this reply). */
export function endsWithWhisper(messages: LlmMessage[]): boolean {
  const last = messages.at(-1);
  return last !== undefined && whisperText(last) !== null;
}

/** The context note that asked for this reply (`respond: true`): the newest message, when it is one. */
export function freshContext(messages: LlmMessage[]): string | null {
  const last = messages.at(-1);
  const note = last ? contextNote(last) : null;
  return note && !INTERNAL_SOURCES.has(note.source) ? note.content : null;
}

/** Context notes of the conversation as passages the model may quote. */
export function contextPassages(messages: LlmMessage[]): LlmPassage[] {
  return messages.flatMap((m) => {
    const note = contextNote(m);
    return note && !INTERNAL_SOURCES.has(note.source) ? [{ title: 'the notes on this conversation', text: note.content }] : [];
  });
}

function whisperText(message: LlmMessage): string | null {
  return message.role === 'system' && message.content.startsWith(WHISPER_NOTE) ? message.content.slice(WHISPER_NOTE.length) : null;
}

function contextNote(message: LlmMessage): { source: string; content: string } | null {
  if (message.role !== 'system' || !message.content.startsWith('Context')) return null;
  const mark = message.content.indexOf(CONTEXT_NOTE_MARK);
  if (mark < 0) return null;
  const head = message.content.slice(0, mark);
  return { source: head.startsWith('Context from ') ? head.slice('Context from '.length) : '', content: message.content.slice(mark + CONTEXT_NOTE_MARK.length) };
}

/** Guidance speaks of the customer in the third person; the reply speaks to them. */
function toCustomer(text: string): string {
  const swaps: Record<string, string> = { their: 'your', theirs: 'yours', them: 'you', they: 'you', "they're": "you're", his: 'your', her: 'your', he: 'you', she: 'you', themselves: 'yourself' };
  return text.replace(/\b(their|theirs|them|they're|they|his|her|he|she|themselves)\b/gi, (w) => swaps[w.toLowerCase()] ?? w);
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
