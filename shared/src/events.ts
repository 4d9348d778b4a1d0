/**
 * Socket.IO event maps, one per namespace and direction. Server, widget and console all
 * import these, so an event's name and payload are declared exactly once.
 */
import type {
  AiState,
  CallDto,
  CustomerSessionDto,
  EventEnvelope,
  LeadFieldValue,
  DomainEventType,
  MessageDto,
  MessageStatus,
  OperatorDto,
  PublicAgentDto,
  SessionDto,
  SessionFilters,
  SessionMode,
  SessionStats,
  SessionStatus,
  SupportCommands,
} from './contract/types';
import type { ErrorBody } from './errors';

/** Every client→server event is acknowledged with one of these. */
export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: ErrorBody };
export type AckCallback<T extends object = object> = (result: Ack<T>) => void;

// ---------------------------------------------------------------- stream payloads
export interface StreamStart {
  sessionId: string;
  messageId: string;
  seq: number;
}
export interface StreamDelta {
  sessionId: string;
  messageId: string;
  /** 0-based position of this delta in the reply; a client can detect gaps and reorders. */
  index: number;
  text: string;
}
export interface StreamEnd {
  sessionId: string;
  messageId: string;
  status: MessageStatus;
  /** The stored final message (full text), so a client that missed deltas still ends right. */
  message: MessageDto;
}

export interface TypingPayload {
  sessionId: string;
  from: 'customer' | 'agent' | 'operator';
  active: boolean;
  /** For `agent`: what the AI is doing. */
  state?: AiState;
  /** For `operator`: who is typing. */
  name?: string;
}

// ---------------------------------------------------------------- /widget
export interface WidgetAuth {
  agentId: string;
  customerToken?: string;
  customerId?: string;
  customerHash?: string;
  metadata?: Record<string, unknown>;
}

export interface WidgetSessionSnapshot {
  session: CustomerSessionDto;
  agent: PublicAgentDto;
  /** Recent customer-visible messages, oldest first. */
  messages: MessageDto[];
  customerToken: string;
}

export interface SessionUpdate {
  sessionId: string;
  status: SessionStatus;
  mode: SessionMode;
  helpRequested: boolean;
}

export interface WidgetServerEvents {
  session: (snapshot: WidgetSessionSnapshot) => void;
  message: (message: MessageDto) => void;
  'stream:start': (payload: StreamStart) => void;
  'stream:delta': (payload: StreamDelta) => void;
  'stream:end': (payload: StreamEnd) => void;
  'session:update': (payload: SessionUpdate) => void;
  typing: (payload: TypingPayload) => void;
  /** `text`: the offer as plain text (see CallDto.text). */
  'call:offer': (payload: { sessionId: string; callId: string; reason: string | null; text: string }) => void;
  'call:update': (call: CallDto) => void;
  /** What the AI is doing while a tool runs (its `progressLabel`); null clears it. */
  'stream:status': (payload: { sessionId: string; messageId: string; label: string | null }) => void;
}

export interface WidgetClientEvents {
  'message:send': (
    payload: { clientMessageId: string; content: string },
    ack: AckCallback<{ message: MessageDto; duplicate: boolean }>,
  ) => void;
  'messages:since': (payload: { afterSeq: number }, ack: AckCallback<{ messages: MessageDto[] }>) => void;
  'help:request': (payload: { reason?: string }, ack: AckCallback<{ session: CustomerSessionDto }>) => void;
  'call:accept': (payload: { phone: string }, ack: AckCallback<{ call: CallDto }>) => void;
  typing: (payload: { active: boolean }, ack?: AckCallback) => void;
  'session:close': (payload: Record<string, never>, ack: AckCallback<{ session: CustomerSessionDto }>) => void;
  /** Rates the session (once), typically after it closes. */
  'csat:submit': (payload: { rating: number; comment?: string }, ack: AckCallback<{ session: CustomerSessionDto }>) => void;
  /**
   * The pre-chat form (SPEC §9): values of the agent's `prechat` fields, by key. The ack's
   * session lists in `prechat` what is still missing (absent once nothing is).
   */
  'fields:submit': (payload: { fields: Record<string, LeadFieldValue> }, ack: AckCallback<{ session: CustomerSessionDto }>) => void;
  /** The host page's `Switchboard('update', …)`: keys merged into the session's metadata (e.g. `pageUrl`). */
  'metadata:update': (payload: { metadata: Record<string, unknown> }, ack: AckCallback) => void;
}

// ---------------------------------------------------------------- /operator
export interface OperatorAuth {
  token: string;
}

export interface JoinedSession {
  session: SessionDto;
  messages: MessageDto[];
  supportCommands: SupportCommands;
  agentName: string;
}

export interface OperatorServerEvents {
  'session:created': (session: SessionDto) => void;
  'session:updated': (session: SessionDto) => void;
  message: (message: MessageDto) => void;
  /** A stored message changed (a tool call's status). */
  'message:updated': (message: MessageDto) => void;
  'stream:start': (payload: StreamStart) => void;
  'stream:delta': (payload: StreamDelta) => void;
  'stream:end': (payload: StreamEnd) => void;
  stats: (stats: SessionStats) => void;
  typing: (payload: TypingPayload) => void;
  'call:update': (call: CallDto) => void;
  /** An operator went online or away (PATCH /v1/auth/me). */
  'operators:status': (operator: OperatorDto) => void;
  /** The session and everything in it were erased (its customer's erasure, or retention). */
  'session:erased': (payload: { sessionId: string }) => void;
}

type SessionRef = { sessionId: string };
type SessionAck = AckCallback<{ session: SessionDto }>;

export interface OperatorClientEvents {
  'sessions:watch': (
    payload: { filters?: SessionFilters; limit?: number },
    ack: AckCallback<{ sessions: SessionDto[]; stats: SessionStats; nextCursor: string | null }>,
  ) => void;
  'session:join': (payload: SessionRef, ack: AckCallback<JoinedSession>) => void;
  'session:leave': (payload: SessionRef, ack?: AckCallback) => void;
  /** `clientMessageId` makes a retry safe: stored once, and the ack of a retry says `duplicate: true`. */
  whisper: (payload: SessionRef & { content: string; respond?: boolean; clientMessageId?: string }, ack: AckCallback<{ message: MessageDto; duplicate: boolean }>) => void;
  tell: (payload: SessionRef & { content: string; clientMessageId?: string }, ack: AckCallback<{ message: MessageDto; duplicate: boolean }>) => void;
  takeover: (payload: SessionRef, ack: SessionAck) => void;
  release: (payload: SessionRef, ack: SessionAck) => void;
  'help:resolve': (payload: SessionRef, ack: SessionAck) => void;
  'session:close': (payload: SessionRef, ack: SessionAck) => void;
  /** Hands the session to another operator (admins, or the operator who owns it). */
  'session:assign': (payload: SessionRef & { operatorId: string }, ack: SessionAck) => void;
  typing: (payload: SessionRef & { active: boolean }, ack?: AckCallback) => void;
  /** Approves a tool call waiting for approval, optionally with edited arguments (validated again). */
  'tool:approve': (payload: SessionRef & { toolCallId: string; arguments?: Record<string, unknown> }, ack: AckCallback<{ message: MessageDto }>) => void;
  /** Denies it; the model is given the reason. */
  'tool:deny': (payload: SessionRef & { toolCallId: string; reason?: string }, ack: AckCallback<{ message: MessageDto }>) => void;
}

// ---------------------------------------------------------------- /events
export interface EventsAuth {
  apiKey: string;
}

export interface EventsSubscription {
  types?: DomainEventType[];
  agentIds?: string[];
  /** Catch up from the event after this id (events are kept for EVENT_RETENTION_SECONDS). */
  afterEventId?: string;
}

export interface EventsServerEvents {
  event: (event: EventEnvelope) => void;
}

export interface EventsClientEvents {
  subscribe: (payload: EventsSubscription, ack: AckCallback<{ subscription: EventsSubscription; replayed: number }>) => void;
}

/** Nothing crosses between server processes except through the adapter's own broadcast. */
export type InterServerEvents = Record<string, never>;
