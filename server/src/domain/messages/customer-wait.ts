import { Types } from 'mongoose';
import { SPEAKERS } from '../../../../shared/src/contract/vocabulary';
import type { MessageDto } from '../../../../shared/src/contract/types';
import { messageCollection } from '../../db/driver-collections';

/**
 * When the customer's oldest message that nobody had answered (neither the AI nor a person)
 * before `reply` was sent; null when the customer had said nothing since the last answer.
 * What the customer-wait metric measures from.
 */
export async function unansweredSince(reply: MessageDto): Promise<Date | null> {
  const earlier = await messageCollection()
    .find({ sessionId: new Types.ObjectId(reply.sessionId), seq: { $lt: reply.seq }, role: { $in: [...SPEAKERS] } }, { projection: { role: 1, createdAt: 1 } })
    .sort({ seq: -1 })
    .limit(100)
    .toArray();
  let since: Date | null = null;
  for (const m of earlier) {
    if (m.role !== 'customer') break;
    since = m.createdAt;
  }
  return since;
}
