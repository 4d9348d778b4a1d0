import type { EventsMap } from '@socket.io/component-emitter';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type {
  Ack,
  EventsClientEvents,
  EventsServerEvents,
  OperatorClientEvents,
  OperatorServerEvents,
  WidgetAuth,
  WidgetClientEvents,
  WidgetServerEvents,
} from '../events';
import { SwitchboardError } from './switchboard-error';

export type WidgetSocket = Socket<WidgetServerEvents, WidgetClientEvents>;
export type OperatorSocket = Socket<OperatorServerEvents, OperatorClientEvents>;
export type EventsSocket = Socket<EventsServerEvents, EventsClientEvents>;
export type SocketConnectOptions = Partial<ManagerOptions & SocketOptions>;

// Credentials travel in `auth`, never in cookies; websocket first, long-polling as fallback.
const DEFAULTS: SocketConnectOptions = { transports: ['websocket', 'polling'], withCredentials: false };

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** `/widget`: a customer's chat (no customerToken: a new session is created). */
export function connectWidget(baseUrl: string, auth: WidgetAuth, options: SocketConnectOptions = {}): WidgetSocket {
  return io(`${trimSlash(baseUrl)}/widget`, { ...DEFAULTS, ...options, auth: { ...auth } });
}

/** `/operator`: a staff member's console, with an operator login token. */
export function connectOperator(baseUrl: string, token: string, options: SocketConnectOptions = {}): OperatorSocket {
  return io(`${trimSlash(baseUrl)}/operator`, { ...DEFAULTS, ...options, auth: { token } });
}

/** `/events`: domain events for developers, with an API key. Call `subscribe` after connecting. */
export function connectEvents(baseUrl: string, apiKey: string, options: SocketConnectOptions = {}): EventsSocket {
  return io(`${trimSlash(baseUrl)}/events`, { ...DEFAULTS, ...options, auth: { apiKey } });
}

/** The success payload of an event whose last argument is an ack callback. */
export type AckSuccess<F> = F extends (payload: never, ack: (result: Ack<infer R>) => void) => void
  ? { ok: true } & R
  : F extends (payload: never, ack?: (result: Ack<infer R>) => void) => void
    ? { ok: true } & R
    : never;
type PayloadOf<F> = F extends (payload: infer P, ...rest: never[]) => void ? P : never;

interface AckEmitter {
  emit(event: string, payload: unknown, ack: (result: unknown) => void): unknown;
}

/**
 * Emits a client→server event and resolves with its `{ok: true, …}` acknowledgement, or
 * throws a SwitchboardError with the ack's error code (status 0), or `timeout`.
 */
export function emitWithAck<SE extends EventsMap, CE extends EventsMap, K extends keyof CE & string>(
  socket: Socket<SE, CE>,
  event: K,
  payload: PayloadOf<CE[K]>,
  timeoutMs = 10_000,
): Promise<AckSuccess<CE[K]>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new SwitchboardError({ code: 'timeout', message: `no acknowledgement for ${event} within ${timeoutMs} ms` }, 0)), timeoutMs);
    (socket as unknown as AckEmitter).emit(event, payload, (result: unknown) => {
      clearTimeout(timer);
      const ack = result as Ack;
      if (ack && ack.ok === true) resolve(ack as AckSuccess<CE[K]>);
      else reject(new SwitchboardError(ack && ack.ok === false ? ack.error : { code: 'internal', message: 'malformed acknowledgement' }, 0));
    });
  });
}
