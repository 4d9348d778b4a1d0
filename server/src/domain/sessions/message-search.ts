import type { Types } from 'mongoose';
import { messageCollection } from '../../db/driver-collections';

/** The search covers the sessions of this many latest matching messages. */
export const SEARCH_MESSAGE_LIMIT = 1_000;

/**
 * Every word of what was typed, as a phrase of its own: MongoDB then wants them all (unquoted
 * words would match any one), and `ORD-4711` stays one piece. Quotes and a leading `-` are
 * taken as text, never as search syntax.
 */
export function textSearchOf(typed: string): string {
  return typed
    .split(/\s+/)
    .map((word) => word.replace(/"/g, '').replace(/^-+/, ''))
    .filter(Boolean)
    .map((word) => `"${word}"`)
    .join(' ');
}

/** Sessions with a message (of any role) holding every word of `typed`, newest messages first. */
export async function sessionIdsMentioning(typed: string): Promise<Types.ObjectId[]> {
  const search = textSearchOf(typed);
  if (!search) return [];
  const hits = await messageCollection()
    .find({ $text: { $search: search } }, { projection: { sessionId: 1 } })
    .sort({ _id: -1 })
    .limit(SEARCH_MESSAGE_LIMIT)
    .toArray();
  const unique = new Map(hits.map((m) => [m.sessionId.toHexString(), m.sessionId]));
  return [...unique.values()];
}
