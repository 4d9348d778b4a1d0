import { Types } from 'mongoose';
import type { AgentDto, InsightsChange, InsightsReport } from '../../../../shared/src/contract/types';
import { INSIGHTS_MAX_DAYS } from '../../../../shared/src/insights-schemas';
import { KbDocumentModel } from '../../db/models/knowledge.model';
import { PromptSuggestionModel } from '../../db/models/prompt-suggestion.model';
import { SessionModel } from '../../db/models/session.model';
import { daysBetween, emptyBucket, mergeBucket, rate, resolveRange, toFigures, type OutcomeBucket } from './insights-figures';
import { outcomePipeline, type OutcomeRow } from './outcome-pipeline';

/** How far before and after a change its handoff rate is measured. */
export const CHANGE_WINDOW_DAYS = 7;
const DAY_MS = 86_400_000;
const MAX_CHANGES = 50;

export interface InsightsQuery {
  agentId?: string;
  from?: string;
  to?: string;
}

/** The agents the insights read (their knowledge bases mark changes). */
export interface InsightsAgents {
  list(): Promise<AgentDto[]>;
}

const toBucket = (r: OutcomeRow): OutcomeBucket => ({
  conversations: r.conversations,
  aiResolved: r.aiResolved,
  handedOff: r.handedOff,
  replySeconds: r.replySeconds.filter((x): x is number => typeof x === 'number'),
  waitSeconds: r.waitSeconds.filter((x): x is number => typeof x === 'number'),
  csatAiSum: r.csatAiSum,
  csatAiCount: r.csatAiCount,
  csatHumanSum: r.csatHumanSum,
  csatHumanCount: r.csatHumanCount,
});

function bucketOf(map: Map<string, OutcomeBucket>, key: string): OutcomeBucket {
  let b = map.get(key);
  if (!b) map.set(key, (b = emptyBucket()));
  return b;
}

/** Outcomes per agent and per day, and the changes that should move them (docs/insights.md). */
export class InsightsService {
  constructor(
    private readonly agents: InsightsAgents,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async report(q: InsightsQuery): Promise<InsightsReport> {
    const range = resolveRange(q, this.clock(), INSIGHTS_MAX_DAYS);
    const rows = await SessionModel.aggregate<OutcomeRow>(outcomePipeline(range.start, range.end, q.agentId));
    const byDay = new Map<string, OutcomeBucket>();
    const byAgent = new Map<string, OutcomeBucket>();
    const total = emptyBucket();
    for (const row of rows) {
      const b = toBucket(row);
      mergeBucket(bucketOf(byDay, row._id.day), b);
      mergeBucket(bucketOf(byAgent, row._id.agentId.toHexString()), b);
      mergeBucket(total, b);
    }
    return {
      from: range.from,
      to: range.to,
      agentId: q.agentId ?? null,
      total: toFigures(total),
      days: daysBetween(range.from, range.to).map((date) => ({ date, ...toFigures(byDay.get(date) ?? emptyBucket()) })),
      agents: [...byAgent].map(([agentId, b]) => ({ agentId, ...toFigures(b) })).sort((a, b) => b.conversations - a.conversations),
      changes: await this.changes(range.start, range.end, q.agentId),
    };
  }

  /** Knowledge documents added to an agent's knowledge bases and prompt suggestions accepted, in the range. */
  private async changes(start: Date, end: Date, agentId?: string): Promise<InsightsChange[]> {
    const agents = (await this.agents.list()).filter((a) => !agentId || a.id === agentId);
    const kbIds = [...new Set(agents.flatMap((a) => a.knowledgeBaseIds))].filter((id) => Types.ObjectId.isValid(id));
    const [docs, prompts] = await Promise.all([
      kbIds.length ? KbDocumentModel.find({ knowledgeBaseId: { $in: kbIds.map((id) => new Types.ObjectId(id)) }, createdAt: { $gte: start, $lt: end } }, { knowledgeBaseId: 1, title: 1, createdAt: 1 }).lean() : [],
      PromptSuggestionModel.find({ status: 'accepted', decidedAt: { $gte: start, $lt: end }, ...(agentId ? { agentId: new Types.ObjectId(agentId) } : {}) }, { agentId: 1, text: 1, decidedAt: 1 }).lean(),
    ]);
    const marks: { kind: InsightsChange['kind']; at: Date; agentId: string; title: string }[] = [];
    for (const doc of docs) {
      for (const a of agents) if (a.knowledgeBaseIds.includes(doc.knowledgeBaseId.toHexString())) marks.push({ kind: 'knowledge', at: doc.createdAt, agentId: a.id, title: doc.title });
    }
    for (const p of prompts) if (p.decidedAt) marks.push({ kind: 'prompt', at: p.decidedAt, agentId: p.agentId.toHexString(), title: p.text.slice(0, 120) });
    marks.sort((a, b) => a.at.getTime() - b.at.getTime());
    return Promise.all(marks.slice(-MAX_CHANGES).map(async (m) => ({ ...m, at: m.at.toISOString(), ...(await this.beforeAfter(m.agentId, m.at)) })));
  }

  /** The agent's handoff rate over the window before a change and the window after it (up to now). */
  private async beforeAfter(agentId: string, at: Date): Promise<Pick<InsightsChange, 'before' | 'after'>> {
    const window = CHANGE_WINDOW_DAYS * DAY_MS;
    const rows = await SessionModel.aggregate<{ _id: boolean; conversations: number; handedOff: number }>([
      { $match: { agentId: new Types.ObjectId(agentId), createdAt: { $gte: new Date(at.getTime() - window), $lt: new Date(at.getTime() + window) }, firstCustomerAt: { $type: 'date' } } },
      { $project: { after: { $gte: ['$createdAt', at] }, handedOff: { $or: [{ $ifNull: ['$takenOverAt', false] }, { $ifNull: ['$helpRequests', false] }] } } },
      { $group: { _id: '$after', conversations: { $sum: 1 }, handedOff: { $sum: { $cond: ['$handedOff', 1, 0] } } } },
    ]);
    const side = (after: boolean) => {
      const r = rows.find((x) => x._id === after) ?? { conversations: 0, handedOff: 0 };
      return { conversations: r.conversations, handedOff: r.handedOff, handoffRate: rate(r.handedOff, r.conversations) };
    };
    return { before: side(false), after: side(true) };
  }
}
