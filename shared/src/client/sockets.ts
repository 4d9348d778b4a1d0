import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type {
  EventsClientEvents,
  EventsServerEvents,
  OperatorClientEvents,
  OperatorServerEvents,
  WidgetAuth,
  WidgetClientEvents,
  WidgetServerEvents,
} from '../events';

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

/** The one ack helper (socket.io's own `timeout().emitWithAck()`), re-exported for the client's users. */
export { emitWithAck, type AckSuccess } from './ack';
