import type { OperatorDto, AiState, CallDto, CsatDto, DomainEventType, EventEnvelope, MessageDto, SessionDto, SessionErasureReason } from '../../../../shared/src/contract/types';

/** Payload carried by each domain event type (the `data` of an EventEnvelope). */
export interface DomainEventData {
  'session.created': { session: SessionDto };
  'session.updated': { session: SessionDto };
  'session.closed': { session: SessionDto };
  /** Lead fields were written (`changed`: the keys set or cleared). */
  'session.fields_updated': { session: SessionDto; changed: string[] };
  'message.created': { message: MessageDto };
  'message.completed': { message: MessageDto };
  'help.requested': { session: SessionDto; reason: string | null };
  'help.resolved': { session: SessionDto };
  'command.whisper': { message: MessageDto; respond: boolean };
  'command.tell': { message: MessageDto };
  'command.takeover': { session: SessionDto; operatorId: string };
  'command.release': { session: SessionDto; operatorId: string };
  'context.injected': { message: MessageDto };
  'call.requested': { call: CallDto };
  'call.updated': { call: CallDto };
  'session.rated': { session: SessionDto; csat: CsatDto };
  /** Everything of the session is gone; copies kept elsewhere (CRMs, data warehouses) should go too. */
  'session.erased': { sessionId: string; customerId: string; reason: SessionErasureReason };
  /** Tool calls (SPEC §8): the role `tool` message as it is after the change. */
  'tool.called': { message: MessageDto };
  'tool.completed': { message: MessageDto };
  'tool.approval_requested': { message: MessageDto };
  'tool.approved': { message: MessageDto };
  'tool.denied': { message: MessageDto };
}

/**
 * A domain event whose `data` follows its `type`. Distributive: `TypedEnvelope` is the union of
 * one envelope per type, so `switch (e.type)` narrows `e.data` without a cast.
 */
export type TypedEnvelope<T extends DomainEventType = DomainEventType> = { [K in T]: EventEnvelope<DomainEventData[K]> & { type: K } }[T];

/** Everything that travels from services to the fan-out (and between processes). */
export type BusMessage =
  /**
   * `countersOnly`: a session.updated that only moved the session's counters (lastSeq,
   * lastMessageAt) because a message was stored: those who see the message need no more.
   */
  | { kind: 'domain'; event: TypedEnvelope; countersOnly?: true }
  | { kind: 'delta'; sessionId: string; messageId: string; index: number; text: string }
  | { kind: 'typing'; sessionId: string; from: 'customer' | 'agent' | 'operator'; active: boolean; state?: AiState; name?: string }
  | { kind: 'abort-reply'; sessionId: string }
  /** Credentials that stopped being valid: live sockets using them are cut off everywhere. */
  | { kind: 'revoke'; operatorId?: string; apiKeyId?: string }
  /** An operator's presence changed (online / away): pushed to every console. */
  | { kind: 'operator-status'; operator: OperatorDto }
  /** An agent was edited or deleted: every process drops its cached copy. */
  | { kind: 'agent-changed'; agentId: string }
  /** What the AI is doing while a tool runs (`progressLabel`; null clears it): customers see it on the streaming reply. */
  | { kind: 'stream-status'; sessionId: string; messageId: string; label: string | null };
