import { Types, type QueryFilter } from 'mongoose';
import type { SessionFilters } from '../../../../shared/src/contract/types';
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
  // Exact, as integrators rely on it (and its index serves it); the console's search box sends a
  // prefix instead, matched in any case ("cust" finds "CUST-77"), the text taken literally.
  if (filters.customerId) q.customerId = filters.customerId;
  else if (filters.customerIdPrefix) q.customerId = { $regex: `^${escapeRegex(filters.customerIdPrefix)}`, $options: 'i' };
  if (filters.helpRequested !== undefined) q.helpRequested = filters.helpRequested;
  // Sessions from before lead capture have no flag: they read as complete (see session.mapper).
  if (filters.fieldsComplete !== undefined) q.fieldsComplete = filters.fieldsComplete ? { $ne: false } : false;
  if (filters.assignedTo) q.assignedTo = filters.assignedTo === 'none' ? null : new Types.ObjectId(filters.assignedTo);
  if (filters.awaitingReply === true) q.$and = [AWAITING_REPLY];
  if (filters.awaitingReply === false) q.$nor = [AWAITING_REPLY];
  if (filters.approvalPending !== undefined) q.approvalPending = filters.approvalPending ? true : { $ne: true };
  // As the partial index is defined, so MongoDB can use it.
  if (filters.order === 'waiting') q.helpRequestedAt = { $type: 'date' };
  // Sessions from before channels have none: they read as `api` (see session.mapper).
  if (filters.channel) q.channel = filters.channel === 'api' ? { $in: ['api', null] } : filters.channel;
  return q;
}

/** How a page of the log is ordered, and the field its cursor follows. */
export interface LogOrder {
  field: 'createdAt' | 'helpRequestedAt';
  direction: 1 | -1;
}

export const orderOf = (filters: SessionFilters): LogOrder =>
  filters.order === 'waiting' ? { field: 'helpRequestedAt', direction: 1 } : { field: 'createdAt', direction: -1 };

/** Opaque cursor over (the order's field, _id) in the order's direction: stable while sessions change. */
export function encodeCursor(at: Date, id: Types.ObjectId): string {
  return Buffer.from(`${at.toISOString()}|${id.toHexString()}`).toString('base64url');
}

export function cursorFilter(cursor: string, { field, direction }: LogOrder): QueryFilter<Session> {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const date = new Date(at ?? '');
  if (Number.isNaN(date.getTime()) || !id || !Types.ObjectId.isValid(id)) throw invalid('cursor', 'is not a cursor this server issued');
  const oid = new Types.ObjectId(id);
  const beyond = direction < 0 ? '$lt' : '$gt';
  return { $or: [{ [field]: { [beyond]: date } }, { [field]: date, _id: { [beyond]: oid } }] };
}

/** `text` as a regular expression matching exactly it. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
