import { Types, type mongo } from 'mongoose';
import { SPEAKERS } from '../../../../shared/src/contract/vocabulary';
import type { MessageAuthor, MessageDto, MessageRole, MessageStatus, ReplyEndReason, SessionDto } from '../../../../shared/src/contract/types';
import { messageCollection, sessionCollection, type MessageRecord, type SessionRecord } from '../../db/driver-collections';
import { isDuplicateKey } from '../../db/duplicate-key';
import { MessageModel, type Message } from '../../db/models/message.model';
import { SessionModel } from '../../db/models/session.model';
import { AppError, notFound } from '../app-error';
import type { EventBus } from '../events/event-bus';
import { toSessionDto } from '../sessions/session.mapper';
import { refs } from '../sessions/session.service';
import type { SessionAgentIndex } from '../sessions/session-agent-index';
import type { AgentService } from '../agents/agent.service';
import { toMessageDto } from './message.mapper';
import { visibleRoles, type Reader } from '../audience/audience';
import { outcomeFacts } from '../insights/outcome-facts';
import { claimAiTurn, RECENT_CLIENT_IDS, turnDocuments, type AiTurn, type TurnSlots } from './ai-turn';
import { HistoryCache, HISTORY_WINDOW } from './history-cache';
import { unansweredSince } from './customer-wait';
import { dedupeKeyOf, recentIdOf } from './dedupe-keys';

export interface AppendOptions {
  author?: MessageAuthor;
  source?: string;
  clientMessageId?: string;
  status?: MessageStatus;
  owner?: string;
  /** Customer messages wake a dormant session and push its dormancy time back. */
  wakes?: boolean;
  /** System lines may still be written to a closed session (e.g. "chat ended"). */
  allowClosed?: boolean;
  /** A stored file the message carries. */
  attachment?: { id: string; name: string; type: string; size: number };
  /** Tool messages: the call as stored (see domain/tools/tool-call.store.ts). */
  toolCall?: Message['toolCall'];
}

/** A seq taken for a message about to be written, with the session as that update left it. */
export interface SeqSlot {
  seq: number;
  session: SessionDto;
  woke: boolean;
  /** The customer spoke last before this message. */
  afterCustomer: boolean;
}

export interface AppendResult {
  message: MessageDto;
  duplicate: boolean;
  /** The session right after this message was counted in (absent for a duplicate). */
  session?: SessionDto;
}

type NewMessage = Pick<Message, 'sessionId' | 'seq' | 'role' | 'content'> & Partial<Pick<Message, 'status' | 'clientMessageId' | 'dedupeKey' | 'author' | 'source' | 'attachment' | 'owner' | 'toolCall'>>;

/**
 * Inserts a message as a plain document, through the driver (see driver-collections). The
 * values are typed and checked before they get here. Absent fields are left out, not stored
 * as null: the sparse unique index on `dedupeKey` must not see them.
 */
async function insertMessage(fields: NewMessage, now: Date): Promise<MessageRecord> {
  const doc = { _id: new Types.ObjectId(), ...withoutUndefined(fields), createdAt: now, updatedAt: now } as MessageRecord;
  await messageCollection().insertOne(doc);
  return doc;
}

/** The session's id as stored; an id that cannot be one names no session. */
function sessionObjectId(sessionId: string): Types.ObjectId {
  if (!Types.ObjectId.isValid(sessionId)) throw notFound('session');
  return new Types.ObjectId(sessionId);
}

const withoutUndefined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** A session's messages that `reader` may see (see domain/audience), plus `more` conditions. */
function historyFilter(sessionId: string, reader: Reader, more: mongo.Filter<MessageRecord> = {}): mongo.Filter<MessageRecord> {
  const filter: mongo.Filter<MessageRecord> = { sessionId: sessionObjectId(sessionId), ...more };
  const roles = visibleRoles(reader);
  if (roles) filter.role = { $in: [...roles] };
  return filter;
}

/** Messages in their own collection, ordered by a per-session seq assigned atomically. */
export class MessageService {
  constructor(
    private readonly bus: EventBus,
    private readonly agents: AgentService,
    private readonly sessionAgents: SessionAgentIndex,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private customerWaitListener: ((seconds: number) => void) | null = null;

  /** Told, for each operator message answering a customer, how long that customer had waited (for metrics). */
  observeCustomerWaits(listener: (seconds: number) => void): void {
    this.customerWaitListener = listener;
  }

  /** Appends of one clientMessageId in flight in this process (see `append`). */
  private readonly inflight = new Map<string, Promise<AppendResult>>();
  /** The latest messages of sessions this process replies in (see HistoryCache). */
  private readonly history = new HistoryCache();

  /**
   * Stores one message. A `clientMessageId` seen before returns the stored message instead
   * of a second one (the unique dedupe index settles concurrent retries). Concurrent retries
   * in this process wait for the first one rather than each allocating a seq that the
   * losers would leave as a gap in the session's numbering.
   */
  async append(sessionId: string, role: MessageRole, content: string, opts: AppendOptions = {}): Promise<AppendResult> {
    const dedupeKey = opts.clientMessageId ? dedupeKeyOf(sessionId, role, opts.clientMessageId) : undefined;
    if (!dedupeKey) return this.store(sessionId, role, content, opts, undefined);
    // One that failed (or a turn that did not take) stored nothing: this one tries for itself.
    const running = await this.inflight.get(dedupeKey)?.catch(() => null);
    if (running) return { message: running.message, duplicate: true };
    return this.tracked(dedupeKey, this.store(sessionId, role, content, opts, dedupeKey));
  }

  private async tracked(dedupeKey: string, attempt: Promise<AppendResult>): Promise<AppendResult> {
    this.inflight.set(dedupeKey, attempt);
    try {
      return await attempt;
    } finally {
      if (this.inflight.get(dedupeKey) === attempt) this.inflight.delete(dedupeKey);
    }
  }

  /**
   * A customer's message and the AI's reply to it with one database round trip before the
   * model may be asked: one conditional update takes both seqs (see `claimAiTurn`); the two
   * documents are then written in one ordered insert (`stored`) while the model is asked, and
   * announced once written. The history comes from this process's cache when it is known to be
   * complete. Null when the update did not take (not the AI's, closed, gone, a repeated
   * clientMessageId, or a send of it still running here): use `append` and `reserveReply`.
   */
  async beginAiTurn(sessionId: string, content: string, clientMessageId: string | undefined, owner: string): Promise<AiTurn | null> {
    const dedupeKey = clientMessageId ? dedupeKeyOf(sessionId, 'customer', clientMessageId) : undefined;
    if (dedupeKey && this.inflight.has(dedupeKey)) return null;
    const now = this.clock();
    const slots = await claimAiTurn(sessionObjectId(sessionId), clientMessageId, now, await this.dormantAt(sessionId, now));
    if (!slots) return null;
    this.sessionAgents.remember(sessionId, slots.customer.session.agentId);
    const cached = this.history.take(sessionId, slots.lastSeqBefore);
    const docs = turnDocuments(slots, content, clientMessageId, dedupeKey, owner, now);
    // Mapped once: the model's history and the announcements share them (nobody edits a DTO in place).
    const dtos = docs.map(toMessageDto) as [MessageDto, MessageDto];
    const stored = this.storeTurn(slots, docs, dtos, dedupeKey);
    if (dedupeKey) void this.tracked(dedupeKey, stored.then(({ message }) => ({ message, duplicate: false }))).catch(() => undefined);
    const history = cached ? [...cached, ...dtos] : null;
    return { reply: slots.reply, history, stored };
  }

  private async storeTurn(slots: TurnSlots, docs: [MessageRecord, MessageRecord], dtos: [MessageDto, MessageDto], dedupeKey: string | undefined): Promise<Awaited<AiTurn['stored']>> {
    try {
      await messageCollection().insertMany(docs, { ordered: true });
    } catch (err) {
      // Ordered: a customer message stored meanwhile (a retry elsewhere) stops the insert at its first document.
      const existing = dedupeKey && isDuplicateKey(err) ? await messageCollection().findOne({ dedupeKey }) : null;
      if (!existing) throw err;
      return { message: toMessageDto(existing), reply: null, duplicate: true };
    }
    const [message, reply] = dtos;
    this.announce(slots.customer, message, 'customer');
    this.announce(slots.reply, reply, 'agent');
    return { message, reply, duplicate: false };
  }

  /**
   * A staff message with a clientMessageId (a console's tell or whisper always has one) is one
   * round trip before its insert when new: the update that takes the seq refuses an id among the
   * session's latest 20 staff ones (`recentIdOf`), and only then is the stored message looked up —
   * found: a duplicate, no seq taken; not found (its first send stopped between the two writes,
   * or the session is closed or gone): the ordinary path, which says which. A repeat older than
   * the window takes a seq its insert then refuses (the unique `dedupeKey`): answered as a
   * duplicate, that seq stays unused, as with an AI turn. Customers keep the read first: a
   * widget's outbox flushed after a long time away may repeat more than the window holds.
   */
  private async store(sessionId: string, role: MessageRole, content: string, opts: AppendOptions, dedupeKey: string | undefined): Promise<AppendResult> {
    if (dedupeKey && role !== 'customer') {
      const slot = await this.takeSeq(sessionId, role, opts, true);
      if (slot) return this.write(slot, role, content, opts, dedupeKey);
    }
    if (dedupeKey) {
      const existing = await messageCollection().findOne({ dedupeKey });
      if (existing) return { message: toMessageDto(existing), duplicate: true };
    }
    const slot = await this.allocateSeq(sessionId, role, opts);
    return this.write(slot, role, content, opts, dedupeKey);
  }

  /**
   * Reserves the next seq for an AI reply, only if the session is still the AI's (mode `ai`,
   * not closed): one conditional update, so a takeover committed first always wins. Null
   * when it is not; the reply must then not be written. Write it with `writeReply`.
   */
  async reserveReply(sessionId: string): Promise<SeqSlot | null> {
    return this.allocateSeq(sessionId, 'agent', { requireAi: true }).catch((err: unknown) => {
      if (err instanceof AppError) return null;
      throw err;
    });
  }

  /** Stores the streaming AI reply in the seq `reserveReply` gave it. */
  writeReply(slot: SeqSlot, owner: string): Promise<AppendResult> {
    return this.write(slot, 'agent', '', { status: 'streaming', owner }, undefined);
  }

  private async write(slot: SeqSlot, role: MessageRole, content: string, opts: AppendOptions, dedupeKey: string | undefined): Promise<AppendResult> {
    const { seq, session } = slot;
    try {
      const doc = await insertMessage({
        sessionId: new Types.ObjectId(session.id),
        seq,
        role,
        content,
        status: opts.status,
        clientMessageId: opts.clientMessageId,
        dedupeKey,
        author: opts.author,
        source: opts.source,
        attachment: opts.attachment,
        owner: opts.owner,
        toolCall: opts.toolCall,
      }, this.clock());
      const message = toMessageDto(doc);
      this.announce(slot, message, role);
      return { message, duplicate: false, session };
    } catch (err) {
      if (!dedupeKey || !isDuplicateKey(err)) throw err;
      const existing = await messageCollection().findOne({ dedupeKey });
      if (!existing) throw err;
      return { message: toMessageDto(existing), duplicate: true };
    }
  }

  /** A message just stored: the cache learns it, then its events go out. */
  private announce(slot: SeqSlot, message: MessageDto, role: MessageRole): void {
    const { session, woke } = slot;
    this.history.appended(message);
    this.bus.publish('message.created', refs(session), { message });
    // Only an answer right after the customer spoke can end a wait: no query for the rest.
    if (role === 'operator' && slot.afterCustomer && this.customerWaitListener) void this.measureWait(message, this.customerWaitListener);
    // Storing a message moves only the session's counters, unless it woke the session up.
    if (woke || (role !== 'whisper' && role !== 'tool')) this.bus.publish('session.updated', refs(session), { session }, { countersOnly: !woke });
  }

  private async allocateSeq(sessionId: string, role: MessageRole, opts: AppendOptions & { requireAi?: boolean }): Promise<SeqSlot> {
    const slot = await this.takeSeq(sessionId, role, opts, false);
    if (slot) return slot;
    const exists = await SessionModel.exists({ _id: sessionObjectId(sessionId) });
    if (opts.requireAi && exists) throw new AppError('conflict', 'the session is not in the AI\'s hands');
    throw exists ? new AppError('session_closed', 'this session is closed; start a new one') : notFound('session');
  }

  /**
   * Takes the next seq in one conditional update; null when a condition fails (closed, not the
   * AI's with `requireAi`, gone, or — with `refuseRecent` — the clientMessageId is among the
   * session's latest of its kind). A clientMessageId is always pushed into that window.
   */
  private async takeSeq(sessionId: string, role: MessageRole, opts: AppendOptions & { requireAi?: boolean }, refuseRecent: boolean): Promise<SeqSlot | null> {
    const _id = sessionObjectId(sessionId);
    const now = this.clock();
    const set: Partial<SessionRecord> = { lastMessageAt: now, updatedAt: now };
    if (SPEAKERS.includes(role)) set.lastMessageFrom = role;
    if (opts.wakes) {
      const dormantAt = await this.dormantAt(sessionId, now);
      Object.assign(set, { status: 'active', lastActivityAt: now, dormantAt, sweepId: null });
    }
    const filter: mongo.Filter<SessionRecord> = opts.allowClosed ? { _id } : { _id, status: { $ne: 'closed' } };
    if (opts.requireAi) filter.mode = 'ai';
    const update: mongo.UpdateFilter<SessionRecord> = { $inc: { lastSeq: 1 }, $set: set, ...outcomeFacts(role, opts.source, now) };
    // So a later retry of it is refused by this update (and a customer's by an AI turn's, see ai-turn.ts), rather than taking a seq it would leave unused.
    if (opts.clientMessageId) {
      const { field, id } = recentIdOf(role, opts.clientMessageId);
      update.$push = { [field]: { $each: [id], $slice: -RECENT_CLIENT_IDS } };
      if (refuseRecent) filter[field] = { $ne: id };
    }
    const before = await sessionCollection().findOneAndUpdate(filter, update, { returnDocument: 'before' });
    if (!before) return null;
    this.sessionAgents.remember(sessionId, before.agentId.toHexString());
    const after: SessionRecord = { ...before, ...set, lastSeq: before.lastSeq + 1 };
    return { seq: before.lastSeq + 1, session: toSessionDto(after), woke: before.status === 'dormant' && opts.wakes === true, afterCustomer: before.lastMessageFrom === 'customer' };
  }

  private async dormantAt(sessionId: string, now: Date): Promise<Date> {
    const agentId = await this.sessionAgents.agentOf(sessionId);
    const agent = agentId ? await this.agents.getDoc(agentId).catch(() => null) : null;
    return new Date(now.getTime() + (agent?.dormantAfterSeconds ?? 1800) * 1000);
  }

  /** History oldest first; customers never see whispers or context. */
  async list(sessionId: string, audience: Reader, afterSeq = 0, limit = 100): Promise<MessageDto[]> {
    const docs = await messageCollection().find(historyFilter(sessionId, audience, { seq: { $gt: afterSeq } })).sort({ seq: 1 }).limit(limit).toArray();
    return docs.map(toMessageDto);
  }

  /** The latest `limit` messages, oldest first. */
  async recent(sessionId: string, audience: Reader, limit: number): Promise<MessageDto[]> {
    const docs = await messageCollection().find(historyFilter(sessionId, audience)).sort({ seq: -1 }).limit(limit).toArray();
    return docs.reverse().map(toMessageDto);
  }

  /** The latest `limit` messages (staff view) a reply's model input starts from; the read also refills the history cache. */
  async historyForReply(sessionId: string, limit: number): Promise<MessageDto[]> {
    const latest = await this.recent(sessionId, 'staff', Math.max(limit, HISTORY_WINDOW));
    this.history.fill(sessionId, latest);
    return latest.slice(-limit);
  }

  async get(messageId: string): Promise<MessageDto> {
    const doc = Types.ObjectId.isValid(messageId) ? await MessageModel.findById(messageId).lean() : null;
    if (!doc) throw notFound('message');
    return toMessageDto(doc);
  }

  /**
   * Settles a streaming agent reply once, by the process generating it (`owner` is cleared:
   * nobody is writing it any more). If a takeover already settled it `interrupted`, the
   * generator's own text, fuller than the last checkpoint, replaces the stored one and the
   * status stays. Returns null if it was settled before (by a sweep, or a generator before).
   */
  async finishAgentMessage(sessionId: string, messageId: string, content: string, status: Exclude<MessageStatus, 'streaming'>, endReason?: ReplyEndReason): Promise<MessageDto | null> {
    const completedAt = this.clock();
    const _id = new Types.ObjectId(messageId);
    const messages = messageCollection();
    const why = status === 'complete' || !endReason ? {} : { endReason };
    let doc = await messages.findOneAndUpdate({ _id, status: 'streaming' }, { $set: { content, completedAt, updatedAt: completedAt, status, ...why }, $unset: { owner: 1 } }, { returnDocument: 'after' });
    if (!doc) {
      const before = await messages.findOneAndUpdate({ _id, status: 'interrupted', owner: { $exists: true } }, { $set: { content, updatedAt: completedAt }, $unset: { owner: 1 } }, { returnDocument: 'before' });
      if (!before) return null;
      // The takeover announced the reply's end already; only a text that changed is news.
      if (before.content === content) return toMessageDto(before);
      doc = { ...before, content };
    }
    return this.completed(sessionId, doc);
  }

  /**
   * A takeover ends the replies of the session still streaming, wherever they are generated:
   * each is settled `interrupted` with when and why, and its end is announced, in one
   * conditional update each — so a generating process that is stopped or dies meanwhile
   * leaves nothing unfinished.
   */
  async interruptStreaming(sessionId: string): Promise<number> {
    const streaming = await messageCollection().find({ sessionId: sessionObjectId(sessionId), role: 'agent', status: 'streaming' }, { projection: { _id: 1 } }).toArray();
    let interrupted = 0;
    for (const { _id } of streaming) {
      const at = this.clock();
      const doc = await messageCollection().findOneAndUpdate({ _id, status: 'streaming' }, { $set: { status: 'interrupted', completedAt: at, updatedAt: at, endReason: 'takeover' } }, { returnDocument: 'after' });
      if (!doc) continue;
      interrupted++;
      await this.completed(sessionId, doc);
    }
    return interrupted;
  }

  /**
   * Settles an unfinished reply whose generator is gone: `streaming` with no progress since
   * `before` ends `failed` (process_stopped); one interrupted but never given its end (rows
   * written before replies carried it) gets it. Returns the replies that failed.
   */
  async settleStale(before: Date): Promise<MessageDto[]> {
    const messages = messageCollection();
    const stale = await messages
      .find({ role: 'agent', $or: [{ status: 'streaming', updatedAt: { $lt: before } }, { status: 'interrupted', completedAt: null, updatedAt: { $lt: before } }] })
      .limit(100)
      .toArray();
    const failed: MessageDto[] = [];
    for (const m of stale) {
      const at = this.clock();
      const sessionId = m.sessionId.toHexString();
      if (m.status === 'streaming') {
        const doc = await messages.findOneAndUpdate({ _id: m._id, status: 'streaming', updatedAt: { $lt: before } }, { $set: { status: 'failed', completedAt: at, updatedAt: at, endReason: 'process_stopped' }, $unset: { owner: 1 } }, { returnDocument: 'after' });
        if (doc) failed.push(await this.completed(sessionId, doc));
      } else {
        const doc = await messages.findOneAndUpdate({ _id: m._id, status: 'interrupted', completedAt: null }, { $set: { completedAt: at, updatedAt: at, endReason: 'takeover' }, $unset: { owner: 1 } }, { returnDocument: 'after' });
        if (doc) await this.completed(sessionId, doc);
      }
    }
    return failed;
  }

  private async completed(sessionId: string, doc: MessageRecord): Promise<MessageDto> {
    const message = toMessageDto(doc);
    this.history.replaced(message);
    const agentId = await this.sessionAgents.agentOf(sessionId);
    if (agentId) this.bus.publish('message.completed', { sessionId, agentId }, { message });
    return message;
  }

  private async measureWait(reply: MessageDto, listener: (seconds: number) => void): Promise<void> {
    const since = await unansweredSince(reply).catch(() => null);
    if (since) listener((Date.parse(reply.createdAt) - since.getTime()) / 1000);
  }
}
