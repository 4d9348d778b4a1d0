import { Types } from 'mongoose';
import type { HandoffGroup, HandoffItem } from '../../../../shared/src/contract/types';
import { INSIGHTS_MAX_DAYS } from '../../../../shared/src/insights-schemas';
import { MessageModel } from '../../db/models/message.model';
import { SessionModel } from '../../db/models/session.model';
import { resolveRange } from './insights-figures';

/** The group of conversations an operator took over with no help request before it. */
export const TAKEN_OVER_REASON = 'Taken over by an operator';
const MAX_REPLIES = 5;

export interface HandoffsQuery {
  agentId?: string;
  from?: string;
  to?: string;
  limit: number;
}

/**
 * The handed-off conversations to learn from: newest first, grouped by help reason, each with
 * the customer's question and what the person answered — the material for a knowledge-base
 * document or a prompt suggestion.
 */
export class HandoffInboxService {
  constructor(private readonly clock: () => Date = () => new Date()) {}

  /** Groups with the most conversations first; equal groups in the order of their newest conversation. */
  async list(q: HandoffsQuery): Promise<{ groups: HandoffGroup[] }> {
    const { start, end } = resolveRange(q, this.clock(), INSIGHTS_MAX_DAYS);
    const sessions = await SessionModel.find(
      {
        createdAt: { $gte: start, $lt: end },
        $or: [{ helpRequests: { $type: 'array' } }, { takenOverAt: { $type: 'date' } }],
        ...(q.agentId ? { agentId: new Types.ObjectId(q.agentId) } : {}),
      },
      { agentId: 1, customerId: 1, helpRequests: 1, takenOverAt: 1, createdAt: 1 },
    )
      .sort({ createdAt: -1 })
      .limit(q.limit)
      .lean();
    if (sessions.length === 0) return { groups: [] };
    const messages = await MessageModel.find({ sessionId: { $in: sessions.map((s) => s._id) }, role: { $in: ['customer', 'operator'] } }, { sessionId: 1, role: 1, content: 1, author: 1, createdAt: 1, seq: 1 })
      .sort({ sessionId: 1, seq: 1 })
      .lean();
    const bySession = new Map<string, typeof messages>();
    for (const m of messages) {
      const key = m.sessionId.toHexString();
      bySession.set(key, [...(bySession.get(key) ?? []), m]);
    }
    const groups = new Map<string, HandoffItem[]>();
    for (const s of sessions) {
      const firstHelp = s.helpRequests?.[0];
      const handedOffAt = [firstHelp?.at, s.takenOverAt].filter((d): d is Date => d instanceof Date).sort((a, b) => a.getTime() - b.getTime())[0] ?? s.createdAt;
      const thread = bySession.get(s._id.toHexString()) ?? [];
      const question = thread.filter((m) => m.role === 'customer' && m.createdAt <= handedOffAt).at(-1)?.content ?? null;
      const humanReplies = thread
        .filter((m) => m.role === 'operator')
        .slice(0, MAX_REPLIES)
        .map((m) => ({ text: m.content, at: m.createdAt.toISOString(), author: m.author?.name ?? null }));
      const reason = firstHelp ? (firstHelp.reason ?? 'Help requested (no reason given)') : TAKEN_OVER_REASON;
      groups.set(reason, [...(groups.get(reason) ?? []), { sessionId: s._id.toHexString(), agentId: s.agentId.toHexString(), customerId: s.customerId, handedOffAt: handedOffAt.toISOString(), question, humanReplies }]);
    }
    return { groups: [...groups].map(([reason, items]) => ({ reason, count: items.length, items })).sort((a, b) => b.count - a.count) };
  }
}
