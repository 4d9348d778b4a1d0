import { Types, type QueryFilter } from 'mongoose';
import type { LeadFieldValue, SessionDto } from '../../../../shared/src/contract/types';
import { SessionModel, type Session } from '../../db/models/session.model';
import { notFound } from '../app-error';
import { toSessionDto } from '../sessions/session.mapper';

const path = (key: string) => `fields.${key}`;

/** The session holds every one of `required` (as a filter, evaluated by the database). */
const holdsAll = (required: string[]): QueryFilter<Session> => (required.length ? { $and: required.map((k) => ({ [path(k)]: { $exists: true } })) } : {});
/** The session lacks one of `required`. */
const lacksOne = (required: string[]): QueryFilter<Session> => ({ $or: required.map((k) => ({ [path(k)]: { $exists: false } })) });

/**
 * Writes lead fields with one atomic update (`$set: {'fields.k': v}`, `$unset` to clear), so two
 * saves at once each keep their keys. `fieldsComplete` then follows in a conditional update whose
 * filter is the completeness itself, evaluated by the database: whichever save's follow-up runs
 * last, the flag ends matching the stored fields (never read-then-write).
 */
export async function writeFields(sessionId: string, set: Record<string, LeadFieldValue>, clear: string[], required: string[], also: { prechatAt?: Date } = {}): Promise<SessionDto> {
  if (!Types.ObjectId.isValid(sessionId)) throw notFound('session');
  const _id = new Types.ObjectId(sessionId);
  const sets = { ...Object.fromEntries(Object.entries(set).map(([k, v]) => [path(k), v])), ...also };
  const update = {
    ...(Object.keys(sets).length ? { $set: sets } : {}),
    ...(clear.length ? { $unset: Object.fromEntries(clear.map((k) => [path(k), ''])) } : {}),
  };
  const written = await SessionModel.findOneAndUpdate({ _id }, update, { returnDocument: 'after' }).lean();
  if (!written) throw notFound('session');
  const stored = (written.fields ?? {}) as Record<string, unknown>;
  const complete = required.every((k) => stored[k] !== undefined);
  if ((written.fieldsComplete ?? true) === complete) return toSessionDto(written);
  const settled = await SessionModel.findOneAndUpdate({ _id, ...(complete ? holdsAll(required) : lacksOne(required)) }, { $set: { fieldsComplete: complete } }, { returnDocument: 'after' }).lean();
  // A later write changed the fields meanwhile; its own follow-up settles the flag.
  const latest = settled ?? (await SessionModel.findById(_id).lean());
  if (!latest) throw notFound('session');
  return toSessionDto(latest);
}

/**
 * After an agent's fields change, sets `fieldsComplete` on each of its sessions to what the new
 * required fields say — one conditional updateMany per direction, so a save racing it still
 * ends right (its own follow-up sees the new flag).
 */
export async function settleCompleteness(agentId: string, required: string[]): Promise<number> {
  const agent = new Types.ObjectId(agentId);
  const done = await SessionModel.updateMany({ agentId: agent, fieldsComplete: false, ...holdsAll(required) }, { $set: { fieldsComplete: true } });
  const undone = required.length ? await SessionModel.updateMany({ agentId: agent, fieldsComplete: { $ne: false }, ...lacksOne(required) }, { $set: { fieldsComplete: false } }) : { modifiedCount: 0 };
  return done.modifiedCount + undone.modifiedCount;
}
