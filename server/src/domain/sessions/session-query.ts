import { Types, type QueryFilter } from 'mongoose';
import type { SessionFilters } from '../../../../shared/src/dto';
import type { Session } from '../../db/models/session.model';
import { invalid } from '../app-error';

/** In human hands, open, and the last to speak was not an operator (see SessionDto.lastMessageFrom). */
export const AWAITING_REPLY: QueryFilter<Session> = { mode: 'support', status: { $ne: 'closed' }, lastMessageFrom: { $in: ['customer', 'agent'] } };
/** The same, as an aggregation expression (for counting). */
export const AWAITING_REPLY_EXPR = {
  $and: [{ $eq: ['$mode', 'support'] }, { $ne: ['$status', 'closed'] }, { $in: [{ $ifNull: ['$lastMessageFrom', null] }, ['customer', 'agent']] }],
};

/** Turns the session-log filters into a MongoDB filter. */
export function sessionFilter(filters: SessionFilters): QueryFilter<Session> {
  const q: QueryFilter<Session> = {};
  if (filters.agentId) q.agentId = new Types.ObjectId(filters.agentId);
  if (filters.status) q.status = filters.status;
  if (filters.mode) q.mode = filters.mode;
  if (filters.customerId) q.customerId = filters.customerId;
  if (filters.helpRequested !== undefined) q.helpRequested = filters.helpRequested;
  if (filters.assignedTo) q.assignedTo = filters.assignedTo === 'none' ? null : new Types.ObjectId(filters.assignedTo);
  if (filters.awaitingReply === true) q.$and = [AWAITING_REPLY];
  if (filters.awaitingReply === false) q.$nor = [AWAITING_REPLY];
  return q;
}

/** Opaque cursor over (createdAt desc, _id desc): stable while sessions change. */
export function encodeCursor(createdAt: Date, id: Types.ObjectId): string {
  return Buffer.from(`${createdAt.toISOString()}|${id.toHexString()}`).toString('base64url');
}

export function cursorFilter(cursor: string): QueryFilter<Session> {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const date = new Date(at ?? '');
  if (Number.isNaN(date.getTime()) || !id || !Types.ObjectId.isValid(id)) throw invalid('cursor', 'is not a cursor this server issued');
  const oid = new Types.ObjectId(id);
  return { $or: [{ createdAt: { $lt: date } }, { createdAt: date, _id: { $lt: oid } }] };
}
