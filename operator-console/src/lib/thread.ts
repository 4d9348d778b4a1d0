/**
 * The session thread as a pure reducer: messages from the join ack, REST catch-up and live
 * events merge by id and sort by seq, so a message seen twice (after a reconnect, or live and
 * again over REST) is shown once. Streamed deltas are kept by index: a late or repeated delta
 * lands in its place, and the text shown stops at the first gap until it is filled or the
 * final message arrives with `stream:end`. A tool call's message is stored once and then
 * changes in place (`message:updated`): its status only moves forward, so a stale copy (a
 * join ack or catch-up racing a live update) never brings back an earlier status.
 */
import type { MessageDto, ToolCallStatus } from '../../../shared/src/dto';
import type { StreamDelta, StreamEnd, StreamStart } from '../../../shared/src/events';

export interface ThreadState {
  /** Oldest first, by seq. */
  messages: MessageDto[];
  /** Deltas of replies still streaming, by message id, each at its index. */
  chunks: Record<string, string[]>;
  /** Text a streaming message already had when we first saw it (joined mid-stream). */
  base: Record<string, string>;
}

export type ThreadAction =
  | { type: 'reset' }
  | { type: 'merge'; messages: MessageDto[] }
  | { type: 'start'; payload: StreamStart; at: string }
  | { type: 'delta'; payload: StreamDelta }
  | { type: 'end'; payload: StreamEnd }
  /** `message:updated`: a stored message changed (a tool call's status). */
  | { type: 'updated'; message: MessageDto };

export const emptyThread: ThreadState = { messages: [], chunks: {}, base: {} };

/** The highest seq held: where a catch-up fetch continues from. */
export function highestSeq(state: ThreadState): number {
  return state.messages.reduce((max, m) => Math.max(max, m.seq), 0);
}

/** Text of the deltas received so far, up to the first missing index. */
export function contiguousText(chunks: string[] | undefined): { text: string; fromStart: boolean } {
  if (!chunks || chunks.length === 0) return { text: '', fromStart: false };
  let first = 0;
  while (first < chunks.length && chunks[first] === undefined) first += 1;
  let text = '';
  for (let i = first; i < chunks.length && chunks[i] !== undefined; i += 1) text += chunks[i];
  return { text, fromStart: first === 0 };
}

/** How far a tool call has got: waiting for a person, running, then settled (one of the five outcomes). */
const TOOL_STAGE: Record<ToolCallStatus, number> = { pending_approval: 0, running: 1, succeeded: 2, failed: 2, denied: 2, timed_out: 2, cancelled: 2 };

/** True when `incoming` would take a tool call back to an earlier status than the one held. */
function regressesToolCall(current: MessageDto, incoming: MessageDto): boolean {
  if (!current.toolCall || !incoming.toolCall) return false;
  const held = TOOL_STAGE[current.toolCall.status];
  const next = TOOL_STAGE[incoming.toolCall.status];
  return next < held || (held === 2 && current.toolCall.status !== incoming.toolCall.status);
}

function isFinal(m: MessageDto): boolean {
  return m.status !== undefined && m.status !== 'streaming';
}

function streamedContent(state: ThreadState, m: MessageDto): string {
  const { text, fromStart } = contiguousText(state.chunks[m.id]);
  if (fromStart) return text;
  // Joined mid-stream: what the server had stored, then what has arrived since.
  return (state.base[m.id] ?? m.content) + text;
}

function upsert(state: ThreadState, incoming: MessageDto): ThreadState {
  const index = state.messages.findIndex((m) => m.id === incoming.id);
  const current = index >= 0 ? state.messages[index] : undefined;
  if (current && isFinal(current) && !isFinal(incoming)) return state; // never regress a finished reply
  if (current && regressesToolCall(current, incoming)) return state;
  let next = incoming;
  let { chunks, base } = state;
  if (isFinal(incoming)) {
    chunks = without(chunks, incoming.id);
    base = without(base, incoming.id);
  } else if (incoming.status === 'streaming') {
    if (!(incoming.id in base)) base = { ...base, [incoming.id]: incoming.content };
    next = { ...incoming, content: streamedContent({ ...state, base }, incoming) };
  }
  const messages = current ? state.messages.map((m, i) => (i === index ? next : m)) : [...state.messages, next];
  return { messages: messages.sort((a, b) => a.seq - b.seq), chunks, base };
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const copy = { ...record };
  delete copy[key];
  return copy;
}

function applyDelta(state: ThreadState, delta: StreamDelta): ThreadState {
  const current = state.messages.find((m) => m.id === delta.messageId);
  if (current && isFinal(current)) return state; // a straggler after stream:end
  const list = [...(state.chunks[delta.messageId] ?? [])];
  list[delta.index] = delta.text;
  const next = { ...state, chunks: { ...state.chunks, [delta.messageId]: list } };
  if (!current) return next; // held until stream:start or the message itself arrives
  const content = streamedContent(next, current);
  return { ...next, messages: next.messages.map((m) => (m.id === current.id ? { ...m, content } : m)) };
}

/** Merges one event into the thread. */
export function threadReducer(state: ThreadState, action: ThreadAction): ThreadState {
  switch (action.type) {
    case 'reset':
      return emptyThread;
    case 'merge':
      return action.messages.reduce(upsert, state);
    case 'start': {
      if (state.messages.some((m) => m.id === action.payload.messageId)) return state;
      const { sessionId, messageId, seq } = action.payload;
      const placeholder: MessageDto = { id: messageId, sessionId, seq, role: 'agent', content: '', status: 'streaming', createdAt: action.at };
      // Not joined mid-stream: the text is exactly the deltas, from index 0.
      return upsert({ ...state, base: { ...state.base, [messageId]: '' } }, placeholder);
    }
    case 'delta':
      return applyDelta(state, action.payload);
    case 'end':
      return upsert(state, { ...action.payload.message, status: action.payload.status });
    case 'updated':
      return upsert(state, action.message);
  }
}
