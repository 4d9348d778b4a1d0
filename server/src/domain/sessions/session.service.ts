import { randomUUID } from 'node:crypto';
import { hasCardFilter, sessionFacets, withoutCardFilters } from './session-facets';
import { Types, type UpdateQuery, type QueryFilter } from 'mongoose';
import type { SessionDto, SessionFilters, SessionPage, SessionStats, SessionFacets } from '../../../../shared/src/contract/types';
import { sessionCollection, type SessionRecord } from '../../db/driver-collections';
import { SessionModel, type Session } from '../../db/models/session.model';
import { AppError, notFound } from '../app-error';
import type { EventBus } from '../events/event-bus';
import type { AgentService } from '../agents/agent.service';
import { toSessionDto } from './session.mapper';
import { AWAITING_REPLY, AWAITING_REPLY_EXPR, cursorFilter, encodeCursor, orderOf, sessionFilter } from './session-query';
import { sessionIdsMentioning } from './message-search';
import { hashToken, newCustomerToken } from './customer-token';
import type { SessionAgentIndex } from './session-agent-index';
import { leadFieldsOf } from '../leads/lead-fields';
import { openOrCreate, type OpenOrCreated } from './session-reuse';
import type { RateLimits } from '../limits/rate-limits';

export interface CreateSessionInput {
  agentId: string;
  customerId: string;
  metadata?: Record<string, unknown>;
  /** `web` for the widget; default `api`. */
  channel?: string;
}

/** Who asks for a new session: every address may open only so many a minute, unless it uses an API key. */
export interface SessionOrigin {
  ip: string;
  viaApiKey: boolean;
}

/** Sessions: creation, lookup, the log, stats, and every lifecycle change as one atomic update. */
export class SessionService {
  constructor(
    private readonly agents: AgentService,
    private readonly bus: EventBus,
    private readonly sessionAgents: SessionAgentIndex,
    private readonly limits: RateLimits,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** A new session (a widget visit without a token, `POST /v1/chat/sessions`), within its origin's limit. */
  async create(input: CreateSessionInput, origin: SessionOrigin): Promise<{ session: SessionDto; customerToken: string }> {
    await this.admit(origin);
    return this.insert(input, false);
  }

  /** `reuse: "open"`: the customer's open session for the agent and channel, or a new one — one, however many ask at once. Counted against the origin's limit either way. */
  async openOrCreate(input: CreateSessionInput, origin: SessionOrigin): Promise<OpenOrCreated> {
    await this.admit(origin);
    return openOrCreate((reusable) => this.insert(reusable, true), input);
  }

  /** The per-address limit on new sessions (429 `rate_limited` with Retry-After); API keys have their own. */
  private async admit(origin: SessionOrigin): Promise<void> {
    if (!origin.viaApiKey) await this.limits.consume('sessionsPerIp', origin.ip);
  }

  /** `reuseOpen`: the new session is the one `reuse: "open"` answers (see session-reuse.ts); a duplicate key error if another already is. */
  private async insert(input: CreateSessionInput, reuseOpen: boolean): Promise<{ session: SessionDto; customerToken: string }> {
    const agent = await this.agents.getDoc(input.agentId);
    const { token, hash } = newCustomerToken();
    const now = this.clock();
    // The model fills in the defaults; the driver stores it (every widget visit without a token
    // creates a session, and mongoose's save — validation, hooks, a second copy — doubled its cost).
    const record = {
      ...new SessionModel({
        agentId: agent._id,
        customerId: input.customerId,
        metadata: input.metadata ?? {},
        channel: input.channel ?? 'api',
        reuseOpen,
        customerTokenHash: hash,
        currentState: agent.prompt?.type === 'multi' ? agent.prompt.start : null,
        fieldsComplete: !leadFieldsOf(agent).some((f) => f.required),
        lastActivityAt: now,
        dormantAt: new Date(now.getTime() + agent.dormantAfterSeconds * 1000),
      }).toObject(),
      createdAt: now,
      updatedAt: now,
    } as SessionRecord;
    await sessionCollection().insertOne(record);
    const session = toSessionDto(record);
    this.sessionAgents.remember(session.id, session.agentId);
    this.bus.publish('session.created', refs(session), { session });
    return { session, customerToken: token };
  }

  /** The id of the session's agent (remembered once known), or null when there is no such session. */
  agentOf(id: string): Promise<string | null> {
    return this.sessionAgents.agentOf(id);
  }

  async get(id: string): Promise<SessionDto> {
    return toSessionDto(await this.getRaw(id));
  }

  async getRaw(id: string): Promise<SessionRecord> {
    if (!Types.ObjectId.isValid(id)) throw notFound('session');
    const doc = await sessionCollection().findOne({ _id: new Types.ObjectId(id) });
    if (!doc) throw notFound('session');
    return doc;
  }

  /** Resolves a customer token to its session, or null. */
  async findByCustomerToken(token: string): Promise<SessionDto | null> {
    // Every returning visitor's widget connection asks this: through the driver (see driver-collections).
    const doc = await sessionCollection().findOne({ customerTokenHash: hashToken(token) });
    return doc ? toSessionDto(doc) : null;
  }

  /** The filters as a MongoDB filter; a message search (`q`) first finds the sessions it names. */
  private async matching(filters: SessionFilters): Promise<QueryFilter<Session>> {
    const q = sessionFilter(filters);
    return filters.q ? { ...q, _id: { $in: await sessionIdsMentioning(filters.q) } } : q;
  }

  async list(filters: SessionFilters, limit: number, cursor?: string): Promise<SessionPage> {
    const q = await this.matching(filters);
    const order = orderOf(filters);
    const where = cursor ? { $and: [q, cursorFilter(cursor, order)] } : q;
    const docs = await SessionModel.find(where).sort({ [order.field]: order.direction, _id: order.direction }).limit(limit + 1).lean();
    const page = docs.slice(0, limit);
    const last = page[page.length - 1];
    return {
      sessions: page.map(toSessionDto),
      nextCursor: docs.length > limit && last ? encodeCursor(last[order.field] as Date, last._id) : null,
    };
  }

  async stats(filters: SessionFilters): Promise<SessionStats> {
    const match = await this.matching(filters);
    const rows = await SessionModel.aggregate<{ _id: string; n: number; help: number; awaiting: number; approval: number }>([
      { $match: match },
      {
        $group: {
          _id: '$status',
          n: { $sum: 1 },
          help: { $sum: { $cond: ['$helpRequested', 1, 0] } },
          awaiting: { $sum: { $cond: [AWAITING_REPLY_EXPR, 1, 0] } },
          approval: { $sum: { $cond: [{ $eq: ['$approvalPending', true] }, 1, 0] } },
        },
      },
    ]);
    const stats: SessionStats = { total: 0, active: 0, dormant: 0, closed: 0, helpRequested: 0, awaitingReply: 0, approvalPending: 0, ...(await this.csatStats(match)) };
    for (const row of rows) {
      stats.total += row.n;
      stats.approvalPending += row.approval ?? 0;
      stats.helpRequested += row.help;
      stats.awaitingReply += row.awaiting;
      if (row._id === 'active' || row._id === 'dormant' || row._id === 'closed') stats[row._id] += row.n;
    }
    return stats;
  }

  /** The stats with the stat cards' facets (each count under every filter but its own): what the console shows. */
  async statsWithFacets(filters: SessionFilters): Promise<SessionStats> {
    const stats = await this.stats(filters);
    if (!hasCardFilter(filters)) return { ...stats, facets: pickFacets(stats) };
    return { ...stats, facets: await sessionFacets(await this.matching(withoutCardFilters(filters)), filters) };
  }

  /** Mean rating and count over the rated sessions that match the filters. */
  private async csatStats(match: QueryFilter<Session>): Promise<Pick<SessionStats, 'csatAverage' | 'csatCount'>> {
    const [row] = await SessionModel.aggregate<{ n: number; sum: number }>([
      { $match: { ...match, 'csat.rating': { $gte: 1 } } },
      { $group: { _id: null, n: { $sum: 1 }, sum: { $sum: '$csat.rating' } } },
    ]);
    if (!row || row.n === 0) return { csatAverage: null, csatCount: 0 };
    return { csatAverage: Math.round((row.sum / row.n) * 100) / 100, csatCount: row.n };
  }

  /** Records the customer's rating once; a second one is a conflict. */
  async rate(id: string, rating: number, comment: string | null): Promise<SessionDto> {
    const csat = { rating, comment, at: this.clock() };
    const session = await this.transition(id, { csat: null }, { $set: { csat } }, () => new AppError('conflict', 'this session has already been rated'));
    this.bus.publish('session.rated', refs(session), { session, csat: session.csat as NonNullable<SessionDto['csat']> });
    return session;
  }

  async patchMetadata(id: string, metadata: Record<string, unknown>): Promise<SessionDto> {
    return this.transition(id, {}, { $set: { metadata } });
  }

  /** Sets these metadata keys and keeps the others (the widget's `update`, e.g. the page URL on a route change). */
  async mergeMetadata(id: string, patch: Record<string, unknown>): Promise<SessionDto> {
    const set = Object.fromEntries(Object.entries(patch).map(([key, value]) => [`metadata.${key}`, value]));
    return this.transition(id, {}, { $set: set });
  }

  /**
   * Applies one conditional atomic update: `expected` is what the session must look like
   * for the change to apply. Returns the new session, or throws `conflict`-style errors the
   * caller chose via `onMiss`.
   */
  async transition(
    id: string,
    expected: QueryFilter<Session>,
    update: UpdateQuery<Session>,
    onMiss?: (current: SessionDto) => AppError | SessionDto,
  ): Promise<SessionDto> {
    if (!Types.ObjectId.isValid(id)) throw notFound('session');
    const doc = await SessionModel.findOneAndUpdate({ _id: id, ...expected }, update, { returnDocument: 'after' }).lean();
    if (doc) {
      const session = toSessionDto(doc);
      this.bus.publish('session.updated', refs(session), { session });
      return session;
    }
    const current = await this.get(id);
    const outcome = onMiss ? onMiss(current) : new AppError('conflict', 'session changed meanwhile; try again');
    if (outcome instanceof AppError) throw outcome;
    return outcome;
  }

  async close(id: string): Promise<SessionDto> {
    const now = this.clock();
    const session = await this.transition(id, { status: { $ne: 'closed' } }, { $set: { status: 'closed', closedAt: now, dormantAt: null, reuseOpen: false } }, (s) => s);
    if (session.closedAt === now.toISOString()) this.bus.publish('session.closed', refs(session), { session });
    return session;
  }

  /** Sets help requested once; a second request while it is open changes nothing. */
  async requestHelp(id: string, reason: string | null): Promise<{ session: SessionDto; changed: boolean }> {
    let changed = true;
    const now = this.clock();
    const session = await this.transition(
      id,
      { helpRequested: false },
      // helpRequests keeps the reason for the insights after the request is resolved (the first 20 are plenty).
      { $set: { helpRequested: true, helpRequestedAt: now, helpReason: reason, ...(await this.ladderArming(id, now)) }, $push: { helpRequests: { $each: [{ at: now, reason }], $slice: 20 } } },
      (s) => ((changed = false), s),
    );
    if (changed) this.bus.publish('help.requested', refs(session), { session, reason });
    return { session, changed };
  }

  /**
   * The escalation ladder's due time for a help request made now: written by the update that
   * flags the request, so no request is left unarmed; with the ladder off, whatever an earlier
   * request left armed is cleared.
   */
  private async ladderArming(id: string, now: Date): Promise<{ ladderStep?: number; ladderAt: Date | null }> {
    const agentId = await this.agentOf(id);
    const ladder = agentId ? (await this.agents.getDoc(agentId).catch(() => null))?.escalationLadder : null;
    if (!ladder?.enabled) return { ladderAt: null };
    return { ladderStep: 0, ladderAt: new Date(now.getTime() + (ladder.waitSeconds ?? 60) * 1000) };
  }

  /**
   * Sends the conversations `operatorId` holds whose customer is waiting for them back to the
   * help inbox (a help request, its reason worded for each session's agent), once they have
   * left: nobody else would know. Returns how many.
   */
  async flagWaitingOn(operatorId: string, reasonFor: (agentId: string) => Promise<string>): Promise<number> {
    if (!Types.ObjectId.isValid(operatorId)) return 0;
    const held = await SessionModel.find({ ...AWAITING_REPLY, assignedTo: new Types.ObjectId(operatorId), helpRequested: false }, { _id: 1, agentId: 1 }).lean();
    let flagged = 0;
    for (const { _id, agentId } of held) if ((await this.requestHelp(_id.toHexString(), await reasonFor(agentId.toHexString()))).changed) flagged += 1;
    return flagged;
  }

  async resolveHelp(id: string): Promise<SessionDto> {
    let changed = true;
    const session = await this.transition(
      id,
      { helpRequested: true },
      { $set: { helpRequested: false, helpRequestedAt: null, helpReason: null } },
      (s) => ((changed = false), s),
    );
    if (changed) this.bus.publish('help.resolved', refs(session), { session });
    return session;
  }

  /**
   * Moves every active session whose dormancy time has passed to `dormant` in one
   * conditional updateMany, safe with several processes sweeping at once: each session is
   * moved (and announced) by exactly one sweep.
   */
  async sweepDormant(): Promise<number> {
    const sweepId = randomUUID();
    const res = await SessionModel.updateMany({ status: 'active', dormantAt: { $lte: this.clock() } }, { $set: { status: 'dormant', sweepId } });
    if (res.modifiedCount === 0) return 0;
    const moved = await SessionModel.find({ sweepId }).lean();
    for (const doc of moved) {
      const session = toSessionDto(doc);
      this.bus.publish('session.updated', refs(session), { session });
    }
    return moved.length;
  }
}

export const refs = (s: { id: string; agentId: string }) => ({ sessionId: s.id, agentId: s.agentId });

function pickFacets(s: SessionStats): SessionFacets {
  return { total: s.total, active: s.active, dormant: s.dormant, closed: s.closed, helpRequested: s.helpRequested, awaitingReply: s.awaitingReply, approvalPending: s.approvalPending };
}
