/**
 * The conversation as the widget shows it: a pure reducer over everything the server sends
 * (snapshots, catch-ups, live messages, stream deltas) and the customer's own unsent messages.
 *
 * Invariants: `messages` holds each id once, ordered by `seq`; a final message (status other
 * than `streaming`) is never replaced by a streaming copy; stream deltas are placed by index,
 * so duplicates and reorders are harmless; a pending message disappears as soon as the server's
 * copy (matched by `clientMessageId`) is known. DOM-free and unit-tested.
 */
import type { ErrorBody, MessageDto } from '../../../shared/src/index';

export interface PendingMessage {
  clientMessageId: string;
  content: string;
  createdAt: string;
  /** `sending` is retried until acked; `failed` waits for the customer to retry. */
  state: 'sending' | 'failed';
  error?: Pick<ErrorBody, 'code' | 'message' | 'retryAfter'>;
}

export interface ThreadState {
  messages: MessageDto[];
  /** Stream deltas by message id, each slot at its delta index. */
  chunks: Record<string, string[]>;
  pending: PendingMessage[];
  /** What the AI is doing for a streaming reply (a tool's progress label), by message id. */
  labels: Record<string, string>;
}

export type ThreadAction =
  | { type: 'reset'; pending?: PendingMessage[] }
  | { type: 'merge'; messages: MessageDto[] }
  | { type: 'stream:start'; messageId: string; sessionId: string; seq: number; at: string }
  | { type: 'stream:delta'; messageId: string; index: number; text: string }
  | { type: 'stream:end'; message: MessageDto }
  | { type: 'stream:status'; messageId: string; label: string | null }
  | { type: 'send'; pending: PendingMessage }
  | { type: 'send:acked'; clientMessageId: string; message: MessageDto }
  | { type: 'send:error'; clientMessageId: string; state: PendingMessage['state']; error?: PendingMessage['error'] };

export const emptyThread: ThreadState = { messages: [], chunks: {}, pending: [], labels: {} };

/** Sets or (with null) clears a reply's progress label. */
function withLabel(state: ThreadState, messageId: string, label: string | null): ThreadState {
  if ((state.labels[messageId] ?? null) === label) return state;
  const labels = { ...state.labels };
  if (label === null) delete labels[messageId];
  else labels[messageId] = label;
  return { ...state, labels };
}

const isFinal = (m: MessageDto): boolean => m.status !== 'streaming';

/** The highest `seq` the widget holds: what `messages:since` asks after. */
export function lastSeq(state: ThreadState): number {
  return state.messages.length ? state.messages[state.messages.length - 1].seq : 0;
}

/** What a message currently reads as: its streamed text while streaming, else its content. */
export function displayText(state: ThreadState, message: MessageDto): string {
  const chunks = state.chunks[message.id];
  if (message.status !== 'streaming' || !chunks) return message.content;
  const streamed = chunks.join('');
  // After a reconnect the snapshot may hold more text than the deltas seen since.
  return streamed.length >= message.content.length ? streamed : message.content;
}

function upsert(messages: MessageDto[], incoming: MessageDto): MessageDto[] {
  const at = messages.findIndex((m) => m.id === incoming.id);
  if (at >= 0) {
    const current = messages[at];
    if (isFinal(current) && !isFinal(incoming)) return messages;
    const next = messages.slice();
    next[at] = incoming;
    return next;
  }
  // Usually appends; a catch-up after a reconnect may land anywhere.
  let i = messages.length;
  while (i > 0 && messages[i - 1].seq > incoming.seq) i--;
  return [...messages.slice(0, i), incoming, ...messages.slice(i)];
}

function mergeAll(state: ThreadState, incoming: MessageDto[]): ThreadState {
  let messages = state.messages;
  let chunks = state.chunks;
  const delivered = new Set<string>();
  for (const m of incoming) {
    messages = upsert(messages, m);
    if (m.clientMessageId) delivered.add(m.clientMessageId);
    if (isFinal(m) && chunks[m.id]) {
      chunks = { ...chunks };
      delete chunks[m.id];
    }
  }
  const pending = delivered.size ? state.pending.filter((p) => !delivered.has(p.clientMessageId)) : state.pending;
  if (messages === state.messages && chunks === state.chunks && pending === state.pending) return state;
  return { ...state, messages, chunks, pending };
}

function applyDelta(state: ThreadState, messageId: string, index: number, text: string): ThreadState {
  const message = state.messages.find((m) => m.id === messageId);
  if (message && isFinal(message)) return state; // a late delta after stream:end
  const current = state.chunks[messageId] ?? [];
  if (current[index] !== undefined || index < 0) return state; // duplicate
  const next = current.slice();
  next[index] = text;
  return { ...state, chunks: { ...state.chunks, [messageId]: next } };
}

function updatePending(state: ThreadState, id: string, patch: Partial<PendingMessage>): ThreadState {
  if (!state.pending.some((p) => p.clientMessageId === id)) return state;
  return { ...state, pending: state.pending.map((p) => (p.clientMessageId === id ? { ...p, ...patch } : p)) };
}

/** The reducer. Returns the same object when nothing changed. */
export function threadReducer(state: ThreadState, action: ThreadAction): ThreadState {
  switch (action.type) {
    case 'reset':
      return { ...emptyThread, pending: action.pending ?? [] };
    case 'merge':
      return mergeAll(state, action.messages);
    case 'stream:start': {
      if (state.messages.some((m) => m.id === action.messageId)) return state;
      const placeholder: MessageDto = {
        id: action.messageId,
        sessionId: action.sessionId,
        seq: action.seq,
        role: 'agent',
        content: '',
        status: 'streaming',
        createdAt: action.at,
      };
      return { ...state, messages: upsert(state.messages, placeholder) };
    }
    case 'stream:delta':
      return applyDelta(state, action.messageId, action.index, action.text);
    case 'stream:end':
      return withLabel(mergeAll(state, [action.message]), action.message.id, null);
    case 'stream:status':
      return withLabel(state, action.messageId, action.label);
    case 'send':
      if (state.pending.some((p) => p.clientMessageId === action.pending.clientMessageId)) return state;
      return { ...state, pending: [...state.pending, action.pending] };
    case 'send:acked':
      return mergeAll(state, [{ ...action.message, clientMessageId: action.clientMessageId }]);
    case 'send:error':
      return updatePending(state, action.clientMessageId, { state: action.state, error: action.error });
  }
}
