/**
 * The conversation as the widget shows it: the shared thread (shared/src/protocol/thread.ts:
 * stored messages and streaming replies, merged by id and ordered by seq) plus the customer's
 * own messages not yet acknowledged. A pending message disappears as soon as the server's copy
 * (matched by `clientMessageId`) is known, whichever comes first: the ack or the broadcast.
 * Pure and unit-tested.
 */
import type { MessageDto } from '../../../shared/src/index';
import type { ClientErrorBody } from '../../../shared/src/client/switchboard-error';
import { emptyThread, threadReducer, type ThreadAction, type ThreadState } from '../../../shared/src/protocol/thread';

export interface PendingMessage {
  clientMessageId: string;
  content: string;
  createdAt: string;
  /** `sending` is retried until acked; `failed` waits for the customer to retry. */
  state: 'sending' | 'failed';
  error?: Pick<ClientErrorBody, 'code' | 'message' | 'retryAfter'>;
}

export interface WidgetThread extends ThreadState {
  pending: PendingMessage[];
}

export type WidgetThreadAction =
  | Exclude<ThreadAction, { type: 'reset' }>
  /** Empties the thread; `pending` carries the outbox over (a new session, a restored outbox). */
  | { type: 'reset'; pending?: PendingMessage[] }
  | { type: 'send'; pending: PendingMessage }
  | { type: 'send:acked'; clientMessageId: string; message: MessageDto }
  | { type: 'send:error'; clientMessageId: string; state: PendingMessage['state']; error?: PendingMessage['error'] };

export const emptyWidgetThread: WidgetThread = { ...emptyThread, pending: [] };

/** Drops the pending copies of messages the server has stored. */
function dropDelivered(state: WidgetThread, stored: MessageDto[]): WidgetThread {
  const delivered = new Set(stored.flatMap((m) => (m.clientMessageId ? [m.clientMessageId] : [])));
  if (!state.pending.some((p) => delivered.has(p.clientMessageId))) return state;
  return { ...state, pending: state.pending.filter((p) => !delivered.has(p.clientMessageId)) };
}

function updatePending(state: WidgetThread, id: string, patch: Partial<PendingMessage>): WidgetThread {
  if (!state.pending.some((p) => p.clientMessageId === id)) return state;
  return { ...state, pending: state.pending.map((p) => (p.clientMessageId === id ? { ...p, ...patch } : p)) };
}

/** The reducer. Returns the same object when nothing changed. */
export function widgetThreadReducer(state: WidgetThread, action: WidgetThreadAction): WidgetThread {
  switch (action.type) {
    case 'reset':
      return { ...emptyWidgetThread, pending: action.pending ?? [] };
    case 'send':
      if (state.pending.some((p) => p.clientMessageId === action.pending.clientMessageId)) return state;
      return { ...state, pending: [...state.pending, action.pending] };
    case 'send:acked': {
      const message = { ...action.message, clientMessageId: action.clientMessageId };
      return dropDelivered(threadReducer(state, { type: 'merge', messages: [message] }), [message]);
    }
    case 'send:error':
      return updatePending(state, action.clientMessageId, { state: action.state, error: action.error });
    case 'merge':
      return dropDelivered(threadReducer(state, action), action.messages);
    case 'stream:end':
      return dropDelivered(threadReducer(state, action), [action.payload.message]);
    default:
      return threadReducer(state, action);
  }
}
