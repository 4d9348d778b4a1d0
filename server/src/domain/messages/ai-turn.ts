import { Types, type mongo } from 'mongoose';
import type { MessageDto, SessionDto } from '../../../../shared/src/contract/types';
import { sessionCollection, type MessageRecord, type SessionRecord } from '../../db/driver-collections';
import { toSessionDto } from '../sessions/session.mapper';
import type { SeqSlot } from './message.service';
import { outcomeFacts } from '../insights/outcome-facts';

/** How many of a session's latest clientMessageIds its document keeps, so the turn's one update can refuse a repeat. */
export const RECENT_CLIENT_IDS = 20;

/** A customer message and the AI's reply to it, begun with one database round trip (see `MessageService.beginAiTurn`). */
export interface AiTurn {
  /** The reply's seq, right after the customer's message. */
  reply: SeqSlot;
  /** The history the reply's model input starts from, when this process knows it for sure; null: read it. */
  history: MessageDto[] | null;
  /**
   * The customer message and the reply's placeholder, written together in one ordered insert.
   * `reply` is null when the message turned out to be stored already (a retry that raced this
   * one): `message` is that stored one, and nothing else was written.
   */
  stored: Promise<{ message: MessageDto; reply: MessageDto | null; duplicate: boolean }>;
}

/** The seqs the turn's update took: the customer's message and the reply after it, each with the session as it stands after that message. */
export interface TurnSlots {
  customer: SeqSlot;
  reply: SeqSlot;
  /** The session's seq counter before the update: what a history cache must be complete up to. */
  lastSeqBefore: number;
}

/**
 * Takes both seqs of a customer's turn with the AI in one conditional update: only while the
 * session is open and the AI's (a takeover committed first wins, as with `reserveReply`), and,
 * with a clientMessageId, only if none of the session's latest messages carried it (a retry
 * then takes no seq). It wakes the session like any customer message. Null when any condition
 * fails: the caller takes the ordinary path, which tells which.
 */
export async function claimAiTurn(sessionId: Types.ObjectId, clientMessageId: string | undefined, now: Date, dormantAt: Date): Promise<TurnSlots | null> {
  // The reply's seq is taken too, so the session's last word is the agent's, as once the reply is reserved.
  const set: Partial<SessionRecord> = { lastMessageAt: now, updatedAt: now, lastMessageFrom: 'agent', status: 'active', lastActivityAt: now, dormantAt, sweepId: null };
  const filter: mongo.Filter<SessionRecord> = { _id: sessionId, status: { $ne: 'closed' }, mode: 'ai' };
  const update: mongo.UpdateFilter<SessionRecord> = { $inc: { lastSeq: 2 }, $set: set, ...outcomeFacts('customer', undefined, now) };
  if (clientMessageId) {
    filter.recentClientIds = { $ne: clientMessageId };
    update.$push = { recentClientIds: { $each: [clientMessageId], $slice: -RECENT_CLIENT_IDS } };
  }
  const before = await sessionCollection().findOneAndUpdate(filter, update, { returnDocument: 'before' });
  if (!before) return null;
  const afterCustomer = toSessionDto({ ...before, ...set, lastMessageFrom: 'customer', lastSeq: before.lastSeq + 1 });
  // After the reply the session differs only in these two: no second mapping (dates and all) on the way to the first token.
  const afterReply: SessionDto = { ...afterCustomer, lastMessageFrom: 'agent', lastSeq: before.lastSeq + 2 };
  return {
    customer: { seq: before.lastSeq + 1, session: afterCustomer, woke: before.status === 'dormant', afterCustomer: before.lastMessageFrom === 'customer' },
    reply: { seq: before.lastSeq + 2, session: afterReply, woke: false, afterCustomer: true },
    lastSeqBefore: before.lastSeq,
  };
}

/** The two documents of a turn, built here so they are written in one insert. */
export function turnDocuments(slots: TurnSlots, content: string, clientMessageId: string | undefined, dedupeKey: string | undefined, owner: string, now: Date): [MessageRecord, MessageRecord] {
  const sessionId = new Types.ObjectId(slots.customer.session.id);
  const customer = { _id: new Types.ObjectId(), sessionId, seq: slots.customer.seq, role: 'customer', content, ...(clientMessageId ? { clientMessageId, dedupeKey } : {}), createdAt: now, updatedAt: now };
  const reply = { _id: new Types.ObjectId(), sessionId, seq: slots.reply.seq, role: 'agent', content: '', status: 'streaming', owner, createdAt: now, updatedAt: now };
  return [customer as MessageRecord, reply as MessageRecord];
}
