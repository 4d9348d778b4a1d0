import type { Namespace, Socket } from 'socket.io';
import type { EventEnvelope, SessionDto, SessionFilters } from '../../../../shared/src/contract/types';
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

/**
 * What the server remembers about each socket, one type per namespace. The required fields are
 * set by the namespace's handshake middleware, before any `connection` listener runs: code
 * after the handshake reads them without checks.
 */
export interface CountedSocketData {
  /** The client's address, as the connection limit counted it. */
  ip: string;
}

/** `/widget`: one visitor, one session. */
export interface WidgetSocketData extends CountedSocketData {
  sessionId: string;
  agentId: string;
  /** Needed for the connection's snapshot only, then cleared (the error logs print socket data). */
  customerToken: string;
  /** The session the widget handshake just created, until the connection's snapshot is sent. */
  handshakeSession?: SessionDto;
}

/** `/operator`: one signed-in operator. */
export interface OperatorSocketData extends CountedSocketData {
  operatorId: string;
  operatorName: string;
  /** The session log's filters, once the console watches it. */
  watch?: { filters: SessionFilters; key: string };
  joined: Set<string>;
}

/** `/events`: one API key with `events:read`. */
export interface EventsSocketData extends CountedSocketData {
  apiKeyId: string;
  subscription?: EventsSubscription;
  /** Live events held back while a catch-up replay is being read. */
  replayBuffer?: EventEnvelope[];
}

export type WidgetNamespace = Namespace<WidgetClientEvents, WidgetServerEvents, InterServerEvents, WidgetSocketData>;
export type WidgetSocket = Socket<WidgetClientEvents, WidgetServerEvents, InterServerEvents, WidgetSocketData>;
export type OperatorNamespace = Namespace<OperatorClientEvents, OperatorServerEvents, InterServerEvents, OperatorSocketData>;
export type OperatorSocket = Socket<OperatorClientEvents, OperatorServerEvents, InterServerEvents, OperatorSocketData>;
export type EventsNamespace = Namespace<EventsClientEvents, EventsServerEvents, InterServerEvents, EventsSocketData>;
export type EventsSocket = Socket<EventsClientEvents, EventsServerEvents, InterServerEvents, EventsSocketData>;

export const sessionRoom = (sessionId: string) => `s:${sessionId}`;
/** Every console an operator has open, in any process. */
export const operatorRoom = (operatorId: string) => `op:${operatorId}`;
export const LOG_ROOM = 'log';
