/**
 * The one place that imports socket.io-client. It owns the `/operator` connection and
 * exposes typed `on(name, cb) => unsubscribe`, `emitWithAck(name, payload)` and the
 * connection state. socket.io reconnects by itself; each successful (re)connect bumps
 * `epoch`, which is what watchers and joined threads key on to re-subscribe and catch up.
 */
import { io, type Socket } from 'socket.io-client';
import type { OperatorClientEvents, OperatorServerEvents } from '../../../shared/src/events';
import { requestAck, type AckEventNames, type AckPayload, type AckSuccess } from '../../../shared/src/client/ack';
import { SwitchboardError } from '../../../shared/src/client/switchboard-error';

export type OperatorSocket = Socket<OperatorServerEvents, OperatorClientEvents>;
export type ConnectionState = { status: 'idle' | 'connecting' | 'online' | 'offline'; epoch: number };

/** Retry delay after the server refused the handshake for a passing reason (rate limit, store down). */
export const REFUSED_RETRY_MS = 3_000;

let socket: OperatorSocket | null = null;
/** Listeners outlive any one socket instance, so a re-login keeps every subscription. */
const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
let state: ConnectionState = { status: 'idle', epoch: 0 };
const stateListeners = new Set<(s: ConnectionState) => void>();

function setState(next: Partial<ConnectionState>): void {
  state = { ...state, ...next };
  stateListeners.forEach((listener) => listener(state));
}

/** Opens the connection with an operator token; `onUnauthorized` runs if the server refuses it. */
export function connect(token: string, onUnauthorized: () => void): void {
  disconnect();
  setState({ status: 'connecting' });
  const s: OperatorSocket = io(`${window.location.origin}/operator`, {
    auth: { token },
    // WebSocket first; where a proxy or the page's policy blocks it, long-polling. Without
    // tryAllTransports socket.io-client never tries the second transport in the list.
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
  });
  s.onAny((name: string, ...args: unknown[]) => listeners.get(name)?.forEach((listener) => listener(...args)));
  s.on('connect', () => setState({ status: 'online', epoch: state.epoch + 1 }));
  s.on('disconnect', (reason) => {
    setState({ status: 'offline' });
    // socket.io does not reconnect after a server-side disconnect; reconnect, and the
    // handshake tells us if the token was revoked.
    if (reason === 'io server disconnect') s.connect();
  });
  s.on('connect_error', (err) => {
    if (err.message === 'unauthorized') {
      disconnect();
      onUnauthorized();
      return;
    }
    setState({ status: 'offline' });
    // A refusal from the server's middleware stops socket.io's own retries
    // (https://socket.io/docs/v4/client-socket-instance/#connect_error): retry ourselves.
    if (!s.active) window.setTimeout(() => socket === s && s.connect(), REFUSED_RETRY_MS);
  });
  socket = s;
}

/** Closes the connection (logout). */
export function disconnect(): void {
  socket?.removeAllListeners();
  socket?.disconnect();
  socket = null;
  setState({ status: 'idle' });
}

export function connectionState(): ConnectionState {
  return state;
}

/** Subscribes to connection state changes. */
export function onConnection(listener: (s: ConnectionState) => void): () => void {
  stateListeners.add(listener);
  return () => stateListeners.delete(listener);
}

/** Subscribes to a server event; returns the unsubscribe function. */
export function on<E extends keyof OperatorServerEvents>(name: E, listener: OperatorServerEvents[E]): () => void {
  // The event map types both ends; the registry itself is keyed by plain names.
  const fn = listener as (...args: unknown[]) => void;
  const set = listeners.get(name) ?? new Set();
  set.add(fn);
  listeners.set(name, set);
  return () => set.delete(fn);
}

/** Emits a client event and resolves with its `{ok: true}` ack; an `{ok: false}` ack or timeout throws `SwitchboardError`. */
export async function emitWithAck<E extends AckEventNames<OperatorClientEvents>>(name: E, payload: AckPayload<OperatorClientEvents[E]>): Promise<AckSuccess<OperatorClientEvents[E]>> {
  const s = socket;
  if (!s?.connected) throw new SwitchboardError({ code: 'network_error', message: 'Not connected to the server' }, 0);
  const result = await requestAck(s, name, payload);
  if (result.ok) return result;
  // Words for the operator rather than the helper's developer-facing timeout text.
  const error = result.error.code === 'timeout' ? { code: 'network_error' as const, message: 'The server did not answer in time' } : result.error;
  throw new SwitchboardError(error, 0);
}

/** Fire-and-forget emit for events without an ack (typing). */
export function emit(name: 'typing', payload: AckPayload<OperatorClientEvents['typing']>): void {
  socket?.emit(name, payload);
}
