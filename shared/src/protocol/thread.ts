/**
 * A session's thread as both front ends show it: one pure reducer over what the server sends
 * (snapshots, join acks, catch-ups, live `message` / `message:updated`, and the
 * `stream:start|delta|end|status` events of a streaming reply). DOM-free, types-only imports.
 *
 * Invariants:
 * - `messages` holds each id once, ordered by `seq`; a message seen twice (a snapshot, a
 *   catch-up and a live event overlapping) is shown once.
 * - A final message (any status but `streaming`; a message without `status` — customer,
 *   operator, context — is complete, SPEC §1) is never replaced by a streaming copy, and a tool
 *   call's status only moves forward, so a stale copy never brings back an earlier state.
 * - Deltas are kept by index: a repeated delta is ignored, a reordered one lands in its place,
 *   and the text shown stops at the first missing index until it arrives or `stream:end`
 *   brings the stored final message. Deltas that arrive before `stream:start` are held.
 * - Joined mid-stream (the first copy seen was a stored streaming message), the text is the
 *   stored text plus the deltas that follow; a streaming text never gets shorter (after a
 *   reconnect the stored copy may hold more than the deltas seen).
 */
import type { MessageDto, ToolCallStatus } from '../contract/types';
import type { StreamDelta, StreamEnd, StreamStart } from '../events';

export interface ThreadState {
  /** Oldest first, by seq; a streaming reply's `content` is the text to show so far. */
  messages: MessageDto[];
  /** Deltas of replies still streaming, by message id, each at its index. */
  chunks: Record<string, string[]>;
  /** Text a streaming reply already had when it was first seen as a stored copy (joined mid-stream). */
  base: Record<string, string>;
  /** What the AI is doing for a streaming reply (a tool's progress label), by message id. */
  labels: Record<string, string>;
}

export type ThreadAction =
  | { type: 'reset' }
  /** Stored messages: a snapshot, join ack, catch-up page, an ack's message, `message`, `message:updated`. */
  | { type: 'merge'; messages: MessageDto[] }
  /** `at`: the client's clock, the placeholder's `createdAt` until the stored message arrives. */
  | { type: 'stream:start'; payload: StreamStart; at: string }
  | { type: 'stream:delta'; payload: StreamDelta }
  | { type: 'stream:end'; payload: StreamEnd }
  /** `/widget` `stream:status`: a progress label for a streaming reply; null clears it. */
  | { type: 'stream:status'; payload: { messageId: string; label: string | null } };

export const emptyThread: ThreadState = { messages: [], chunks: {}, base: {}, labels: {} };

/** The highest seq in a list (a thread's messages, an ack's page): where a catch-up (`messages:since`, REST `afterSeq`) continues from. */
export function highestSeq(messages: readonly MessageDto[]): number {
  return messages.reduce((max, m) => Math.max(max, m.seq), 0);
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

/** A message without `status` (customer, operator, context …) is complete. */
const isFinal = (m: MessageDto): boolean => m.status !== 'streaming';

/** How far a tool call has got: waiting for a person, running, then settled (one of five outcomes). */
const TOOL_STAGE: Record<ToolCallStatus, number> = { pending_approval: 0, running: 1, succeeded: 2, failed: 2, denied: 2, timed_out: 2, cancelled: 2 };

/** True when `incoming` would take a tool call back to an earlier status than the one held. */
function regressesToolCall(current: MessageDto, incoming: MessageDto): boolean {
  if (!current.toolCall || !incoming.toolCall) return false;
  const held = TOOL_STAGE[current.toolCall.status];
  const next = TOOL_STAGE[incoming.toolCall.status];
  return next < held || (held === 2 && current.toolCall.status !== incoming.toolCall.status);
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const copy = { ...record };
  delete copy[key];
  return copy;
}

/** The text a streaming reply shows: its deltas from index 0, or (joined mid-stream) the stored text and what followed. */
function streamedText(state: ThreadState, id: string, shown: string): string {
  const { text, fromStart } = contiguousText(state.chunks[id]);
  const live = fromStart ? text : id in state.base ? state.base[id] + text : '';
  return live.length >= shown.length ? live : shown;
}

/** Puts `message` in its place by seq (usually the end), replacing the copy at `index` if any. */
function place(messages: MessageDto[], message: MessageDto, index: number): MessageDto[] {
  if (index >= 0) return messages.map((m, i) => (i === index ? message : m));
  let i = messages.length;
  while (i > 0 && messages[i - 1].seq > message.seq) i -= 1;
  return [...messages.slice(0, i), message, ...messages.slice(i)];
}

function upsert<S extends ThreadState>(state: S, incoming: MessageDto): S {
  const index = state.messages.findIndex((m) => m.id === incoming.id);
  const current = index >= 0 ? state.messages[index] : undefined;
  if (current && isFinal(current) && !isFinal(incoming)) return state; // never regress a finished reply
  if (current && regressesToolCall(current, incoming)) return state;
  if (isFinal(incoming)) {
    const { id } = incoming;
    return { ...state, messages: place(state.messages, incoming, index), chunks: without(state.chunks, id), base: without(state.base, id), labels: without(state.labels, id) };
  }
  // A stored streaming copy seen first: we joined mid-stream, its text is where deltas continue.
  const base = current || incoming.id in state.base ? state.base : { ...state.base, [incoming.id]: incoming.content };
  const shown = current && current.content.length > incoming.content.length ? current.content : incoming.content;
  const next = { ...state, base };
  return { ...next, messages: place(state.messages, { ...incoming, content: streamedText(next, incoming.id, shown) }, index) };
}

function start<S extends ThreadState>(state: S, { sessionId, messageId, seq }: StreamStart, at: string): S {
  if (state.messages.some((m) => m.id === messageId)) return state; // a repeated start, or the stored copy came first
  const placeholder: MessageDto = { id: messageId, sessionId, seq, role: 'agent', content: '', status: 'streaming', createdAt: at };
  // Seen from its start: the text is exactly the deltas from index 0 (held ones included).
  const content = contiguousText(state.chunks[messageId]);
  return { ...state, messages: place(state.messages, { ...placeholder, content: content.fromStart ? content.text : '' }, -1) };
}

function applyDelta<S extends ThreadState>(state: S, { messageId, index, text }: StreamDelta): S {
  const current = state.messages.find((m) => m.id === messageId);
  if (current && isFinal(current)) return state; // a straggler after stream:end
  const held = state.chunks[messageId] ?? [];
  if (index < 0 || held[index] !== undefined) return state; // a repeat
  const list = held.slice();
  list[index] = text;
  const next = { ...state, chunks: { ...state.chunks, [messageId]: list } };
  if (!current) return next; // held until stream:start or the stored message arrives
  const content = streamedText(next, messageId, current.content);
  if (content === current.content) return next;
  return { ...next, messages: next.messages.map((m) => (m.id === messageId ? { ...m, content } : m)) };
}

function setLabel<S extends ThreadState>(state: S, messageId: string, label: string | null): S {
  if ((state.labels[messageId] ?? null) === label) return state;
  return { ...state, labels: label === null ? without(state.labels, messageId) : { ...state.labels, [messageId]: label } };
}

/**
 * Applies one server event to the thread; returns the same object when nothing changed.
 * Generic so a front end can keep its own fields beside the thread (the widget's outbox).
 */
export function threadReducer<S extends ThreadState>(state: S, action: ThreadAction): S {
  switch (action.type) {
    case 'reset':
      return { ...state, ...emptyThread };
    case 'merge':
      return action.messages.reduce(upsert, state);
    case 'stream:start':
      return start(state, action.payload, action.at);
    case 'stream:delta':
      return applyDelta(state, action.payload);
    case 'stream:end':
      // The payload's status is the final word even if the stored copy raced it.
      return upsert(state, { ...action.payload.message, status: action.payload.status });
    case 'stream:status': {
      const current = state.messages.find((m) => m.id === action.payload.messageId);
      if (current && isFinal(current)) return state; // a label after the reply ended
      return setLabel(state, action.payload.messageId, action.payload.label);
    }
  }
}
