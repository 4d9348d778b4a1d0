/**
 * GET /v1/insights against conversations seeded through the real API: each scenario is run as
 * a person would (customer messages, help requests, takeovers, tells, closes, ratings), and the
 * right answers are worked out here from what the test did and the timestamps the API answered.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Types } from 'mongoose';
import type { AgentDto, MessageDto, SessionDto, InsightsFigures, InsightsReport } from '../../../shared/src/contract/types';
import { SessionModel } from '../../src/db/models/session.model';
import { createAgent, createSession, staffMessages } from '../support/factories';
import { loginAdmin, type Staff } from '../support/operator-helpers';
import { delay } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';

/** What the test did to one conversation, and the instants the server answered. */
interface Truth {
  sessionId: string;
  agentId: string;
  day: string;
  wrote: boolean;
  closed: boolean;
  helpAt: number | null;
  takeoverAt: number | null;
  humanAt: number | null;
  rating: number | null;
}

const DAY_MS = 86_400_000;
const today = new Date().toISOString().slice(0, 10);
const yesterday = new Date(Date.now() - DAY_MS).toISOString().slice(0, 10);

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}
const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null);
const secs = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/** The figures, computed from the truths alone. */
function expected(truths: Truth[]): InsightsFigures {
  const conv = truths.filter((t) => t.wrote);
  const handoffAt = (t: Truth) => Math.min(t.helpAt ?? Infinity, t.takeoverAt ?? Infinity);
  const handed = conv.filter((t) => handoffAt(t) !== Infinity);
  const touched = (t: Truth) => t.humanAt !== null || t.takeoverAt !== null;
  const replies = handed.filter((t) => t.humanAt !== null && t.humanAt >= handoffAt(t)).map((t) => ((t.humanAt as number) - handoffAt(t)) / 1000);
  const waits = conv
    .filter((t) => t.helpAt !== null && (t.takeoverAt !== null || t.humanAt !== null))
    .map((t) => (Math.min(t.takeoverAt ?? Infinity, t.humanAt ?? Infinity) - (t.helpAt as number)) / 1000)
    .filter((x) => x >= 0);
  const rated = conv.filter((t) => t.rating !== null);
  return {
    conversations: conv.length,
    aiResolved: conv.filter((t) => t.closed && t.humanAt === null && handoffAt(t) === Infinity).length,
    handedOff: handed.length,
    handoffRate: conv.length ? Math.round((handed.length / conv.length) * 10_000) / 10_000 : null,
    firstHumanReplyMedianSeconds: secs(median(replies)),
    humanWaitMedianSeconds: secs(median(waits)),
    csatAi: mean(rated.filter((t) => !touched(t)).map((t) => t.rating as number)),
    csatHuman: mean(rated.filter(touched).map((t) => t.rating as number)),
    csatAiCount: rated.filter((t) => !touched(t)).length,
    csatHumanCount: rated.filter(touched).length,
  };
}

interface Steps {
  write?: boolean;
  help?: string;
  takeover?: boolean;
  tell?: boolean;
  close?: boolean;
  rating?: number;
  /** Moves the whole conversation back one day (through the model: the API cannot backdate). */
  yesterday?: boolean;
}

describe('insights: outcomes per agent and day', () => {
  let server: TestServer;
  let admin: Staff;
  let agentA: AgentDto;
  let agentB: AgentDto;
  const truths: Truth[] = [];

  /** Runs one conversation through the API and records what happened, with the server's instants. */
  async function converse(agent: AgentDto, steps: Steps): Promise<Truth> {
    const { session } = await createSession(admin.http, agent.id);
    const base = `/v1/chat/sessions/${session.id}`;
    const t: Truth = { sessionId: session.id, agentId: agent.id, day: today, wrote: false, closed: false, helpAt: null, takeoverAt: null, humanAt: null, rating: null };
    if (steps.write !== false) {
      expect((await admin.http.post(`${base}/messages`, { content: 'Where is my order?' })).status).toBe(201);
      t.wrote = true;
    }
    if (steps.help) {
      const res = await admin.http.post<{ session: SessionDto }>(`${base}/help`, { reason: steps.help });
      t.helpAt = Date.parse(res.body.session.helpRequestedAt as string);
      await delay(300);
    }
    if (steps.takeover) {
      expect((await admin.http.post(`${base}/takeover`)).status).toBe(200);
      const notice = (await staffMessages(admin.http, session.id)).find((m) => m.role === 'system' && m.source === 'takeover') as MessageDto;
      t.takeoverAt = Date.parse(notice.createdAt);
      await delay(200);
    }
    if (steps.tell) {
      const res = await admin.http.post<{ message: MessageDto }>(`${base}/tell`, { content: 'Your parcel left the depot this morning.' });
      t.humanAt = Date.parse(res.body.message.createdAt);
      // Only the first human message counts: a second must not move the reply time.
      await admin.http.post(`${base}/tell`, { content: 'Anything else?' });
    }
    if (steps.close) {
      expect((await admin.http.post(`${base}/close`)).status).toBe(200);
      t.closed = true;
    }
    if (steps.rating) {
      expect((await admin.http.post(`${base}/csat`, { rating: steps.rating })).status).toBe(201);
      t.rating = steps.rating;
    }
    if (steps.yesterday) {
      const back = (d: Date | null | undefined) => (d ? new Date(d.getTime() - DAY_MS) : d);
      const doc = await SessionModel.findById(session.id).lean();
      if (!doc) throw new Error('seeded session vanished');
      await SessionModel.collection.updateOne(
        { _id: new Types.ObjectId(session.id) },
        { $set: { createdAt: back(doc.createdAt), firstCustomerAt: back(doc.firstCustomerAt), humanRepliedAt: back(doc.humanRepliedAt), takenOverAt: back(doc.takenOverAt), helpRequests: (doc.helpRequests ?? []).map((h) => ({ ...h, at: back(h.at) })) } },
      );
      t.day = yesterday;
    }
    truths.push(t);
    return t;
  }

  beforeAll(async () => {
    server = await startTestServer({ env: { SEED_DEMO: 'false' } });
    admin = await loginAdmin(server);
    agentA = await createAgent(admin.http);
    agentB = await createAgent(admin.http);
    await converse(agentA, { close: true, rating: 5 });
    await converse(agentA, { close: true, rating: 4, yesterday: true });
    await converse(agentA, {});
    await converse(agentA, { write: false });
    await converse(agentA, { write: false, close: true });
    await converse(agentA, { help: 'Refund request', tell: true, close: true, rating: 2 });
    await converse(agentA, { help: 'Refund request', takeover: true, tell: true, close: true, rating: 3 });
    await converse(agentA, { help: 'Refund request', close: true });
    await converse(agentA, { help: 'Shipping to Norway', takeover: true, tell: true, yesterday: true });
    await converse(agentA, { takeover: true, tell: true, close: true, rating: 5 });
    await converse(agentA, { tell: true, close: true, rating: 1 });
    await converse(agentB, { help: 'Invoice copy', tell: true, close: true });
    await converse(agentB, { close: true });
  }, 60_000);
  afterAll(() => server.close());

  /**
   * The server stamps a fact in the update that takes the message's seq, a few ms before the
   * message's own createdAt the test reads: durations may differ by that, so after rounding to
   * 0.1 s by at most one step.
   */
  const SECONDS: (keyof InsightsFigures)[] = ['firstHumanReplyMedianSeconds', 'humanWaitMedianSeconds'];
  function expectFigures(actual: InsightsFigures & { date?: string; agentId?: string }, want: InsightsFigures): void {
    const { date: _date, agentId: _agentId, ...figures } = actual;
    for (const key of SECONDS) {
      const [a, w] = [figures[key], want[key]];
      expect([key, a === null]).toEqual([key, w === null]);
      if (typeof a === 'number' && typeof w === 'number') expect([key, Math.abs(a - w) <= 0.1 + 1e-9]).toEqual([key, true]);
    }
    expect({ ...figures, ...Object.fromEntries(SECONDS.map((k) => [k, 0])) }).toEqual({ ...want, ...Object.fromEntries(SECONDS.map((k) => [k, 0])) });
  }

  it('per day for one agent: every figure as worked out from what was done', async () => {
    const res = await admin.http.get<InsightsReport>(`/v1/insights?agentId=${agentA.id}&from=${yesterday}&to=${today}`);
    expect(res.status).toBe(200);
    const mine = truths.filter((t) => t.agentId === agentA.id);
    expect(res.body.days.map((d) => d.date)).toEqual([yesterday, today]);
    expectFigures(res.body.days[0] as InsightsFigures, expected(mine.filter((t) => t.day === yesterday)));
    expectFigures(res.body.days[1] as InsightsFigures, expected(mine.filter((t) => t.day === today)));
    expectFigures(res.body.total, expected(mine));
    // Sanity of the seed itself, so the comparison above cannot pass on empty figures.
    expect(res.body.total).toMatchObject({ conversations: 9, handedOff: 5, aiResolved: 2, csatAiCount: 2, csatHumanCount: 4 });
    expect(res.body.total.firstHumanReplyMedianSeconds).toBeGreaterThan(0);
    expect(res.body.total.humanWaitMedianSeconds).toBeGreaterThan(0);
  });

  it('every agent: per-agent figures and the days combined', async () => {
    const res = await admin.http.get<InsightsReport>(`/v1/insights?from=${yesterday}&to=${today}`);
    expect(res.status).toBe(200);
    expect(res.body.agentId).toBeNull();
    for (const agent of [agentA, agentB]) {
      const row = res.body.agents.find((a) => a.agentId === agent.id);
      if (!row) throw new Error(`no figures for agent ${agent.id}`);
      expectFigures(row, expected(truths.filter((t) => t.agentId === agent.id)));
    }
    expectFigures(res.body.days[1] as InsightsFigures, expected(truths.filter((t) => t.day === today)));
  });

  it('defaults to the last 30 days; a day with nothing is zeros', async () => {
    const res = await admin.http.get<InsightsReport>(`/v1/insights?agentId=${agentB.id}`);
    expect(res.body.days).toHaveLength(30);
    expect(res.body.to).toBe(today);
    expect(res.body.days[0]).toMatchObject({ conversations: 0, handoffRate: null, firstHumanReplyMedianSeconds: null, csatAi: null });
  });
});
