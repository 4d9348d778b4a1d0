import type { QueryFilter } from 'mongoose';
import type { SessionFacets, SessionFilters } from '../../../../shared/src/contract/types';
import { SessionModel, type Session } from '../../db/models/session.model';
import { AWAITING_REPLY_EXPR } from './session-query';

/** The filters a stat card sets (see the console's StatCards): each card's count ignores its own. */
const CARD_FILTERS = ['status', 'helpRequested', 'awaitingReply', 'approvalPending', 'order'] as const;

type Expr = Record<string, unknown>;
const all = (conds: Expr[]): Expr => (conds.length ? { $and: conds } : { $eq: [1, 1] });

/** The filters without those the cards set: what every facet counts within. */
export function withoutCardFilters(filters: SessionFilters): SessionFilters {
  const rest: SessionFilters = { ...filters };
  for (const key of CARD_FILTERS) delete rest[key];
  return rest;
}

/** Whether any card's filter is set (else the facets are the plain stats). */
export function hasCardFilter(filters: SessionFilters): boolean {
  return CARD_FILTERS.some((key) => filters[key] !== undefined);
}

/**
 * The stat cards' counts: each under every filter but its own, so with Dormant picked the Active
 * card still says how many are active (it said 0, issue 22.5). One aggregation: each card filter
 * becomes a condition, and each count takes the conditions of the others.
 */
export async function sessionFacets(base: QueryFilter<Session>, filters: SessionFilters): Promise<SessionFacets> {
  const status: Expr[] = filters.status ? [{ $eq: ['$status', filters.status] }] : [];
  const help: Expr[] = [];
  if (filters.helpRequested !== undefined) help.push({ $eq: [{ $ifNull: ['$helpRequested', false] }, filters.helpRequested] });
  if (filters.order === 'waiting') help.push({ $ne: [{ $ifNull: ['$helpRequestedAt', null] }, null] });
  const awaiting: Expr[] = filters.awaitingReply === undefined ? [] : [filters.awaitingReply ? AWAITING_REPLY_EXPR : { $not: [AWAITING_REPLY_EXPR] }];
  const approvalIs = { $eq: [{ $ifNull: ['$approvalPending', false] }, true] };
  const approval: Expr[] = filters.approvalPending === undefined ? [] : [filters.approvalPending ? approvalIs : { $not: [approvalIs] }];
  const count = (conds: Expr[]) => ({ $sum: { $cond: [all(conds), 1, 0] } });
  const exceptStatus = [...help, ...awaiting, ...approval];
  const [row] = await SessionModel.aggregate<SessionFacets>([
    { $match: base },
    {
      $group: {
        _id: null,
        total: { $sum: 1 },
        active: count([{ $eq: ['$status', 'active'] }, ...exceptStatus]),
        dormant: count([{ $eq: ['$status', 'dormant'] }, ...exceptStatus]),
        closed: count([{ $eq: ['$status', 'closed'] }, ...exceptStatus]),
        helpRequested: count([{ $eq: [{ $ifNull: ['$helpRequested', false] }, true] }, ...status, ...awaiting, ...approval]),
        awaitingReply: count([AWAITING_REPLY_EXPR, ...status, ...help, ...approval]),
        approvalPending: count([approvalIs, ...status, ...help, ...awaiting]),
      },
    },
  ]);
  return { total: row?.total ?? 0, active: row?.active ?? 0, dormant: row?.dormant ?? 0, closed: row?.closed ?? 0, helpRequested: row?.helpRequested ?? 0, awaitingReply: row?.awaitingReply ?? 0, approvalPending: row?.approvalPending ?? 0 };
}
