import type { Namespace, Socket } from 'socket.io';
import type { EventEnvelope, SessionDto, SessionFilters } from '../../../../shared/src/dto';
import type {
  EventsClientEvents,
  EventsServerEvents,
  EventsSubscription,
  InterServerEvents,
  OperatorClientEvents,
  OperatorServerEvents,
  WidgetClientEvents,
  WidgetServerEvents,
} from '../../../../shared/src/events';

/** What the server remembers about each socket after its handshake. */
export interface SocketData {
  /** The client's address, as the connection limit counted it. */
  ip?: string;
  sessionId?: string;
  agentId?: string;
  customerToken?: string;
  /** The session the widget handshake just created, until the connection's snapshot is sent. */
  handshakeSession?: SessionDto;
  operatorId?: string;
  operatorName?: string;
  apiKeyId?: string;
  watch?: { filters: SessionFilters; key: string };
  joined?: Set<string>;
  subscription?: EventsSubscription;
  /** Live events held back while a catch-up replay is being read. */
  replayBuffer?: EventEnvelope[];
}

export type WidgetNamespace = Namespace<WidgetClientEvents, WidgetServerEvents, InterServerEvents, SocketData>;
export type WidgetSocket = Socket<WidgetClientEvents, WidgetServerEvents, InterServerEvents, SocketData>;
export type OperatorNamespace = Namespace<OperatorClientEvents, OperatorServerEvents, InterServerEvents, SocketData>;
export type OperatorSocket = Socket<OperatorClientEvents, OperatorServerEvents, InterServerEvents, SocketData>;
export type EventsNamespace = Namespace<EventsClientEvents, EventsServerEvents, InterServerEvents, SocketData>;
export type EventsSocket = Socket<EventsClientEvents, EventsServerEvents, InterServerEvents, SocketData>;

export const sessionRoom = (sessionId: string) => `s:${sessionId}`;
/** Every console an operator has open, in any process. */
export const operatorRoom = (operatorId: string) => `op:${operatorId}`;
export const LOG_ROOM = 'log';
