import { Types } from 'mongoose';
import type { SessionDto } from '../../../../shared/src/contract/types';
import { isDuplicateKey } from '../../db/duplicate-key';
import { SessionModel } from '../../db/models/session.model';
import { notFound } from '../app-error';
import type { CreateSessionInput } from './session.service';
import { toSessionDto } from './session.mapper';

/** A reused session has no new customer token: only its hash is stored (use an API key for it). */
export type OpenOrCreated = { session: SessionDto; reused: true } | { session: SessionDto; customerToken: string; reused: false };

/** A few rounds are enough: each lost round means another caller won, or the session closed meanwhile. */
const MAX_ROUNDS = 5;

/**
 * Find-or-create for gateways (`POST /v1/chat/sessions` with `reuse: "open"`). The open session
 * that reuse answers carries `reuseOpen: true`, and a unique partial index over (agent, channel,
 * customer) allows one such session. So the only writes are an insert and a conditional claim,
 * each of which at most one concurrent caller wins; the losers get a duplicate key error and
 * read the winner's session. Closing a session clears its flag in the same update that closes
 * it, so the next call makes a new one. No read-then-write decides anything here.
 */
export async function openOrCreate(createReusable: (input: CreateSessionInput) => Promise<{ session: SessionDto; customerToken: string }>, input: CreateSessionInput): Promise<OpenOrCreated> {
  if (!Types.ObjectId.isValid(input.agentId)) throw notFound('agent');
  const key = { agentId: new Types.ObjectId(input.agentId), channel: input.channel ?? 'api', customerId: input.customerId };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const held = await SessionModel.findOne({ ...key, reuseOpen: true }).lean();
    if (held) return { session: toSessionDto(held), reused: true };
    try {
      // An open session made without reuse (a widget visit, an earlier plain create) is adopted, newest first.
      const claimed = await SessionModel.findOneAndUpdate(
        { ...key, status: { $ne: 'closed' }, reuseOpen: { $ne: true } },
        { $set: { reuseOpen: true } },
        { sort: { createdAt: -1 }, returnDocument: 'after' },
      ).lean();
      if (claimed) return { session: toSessionDto(claimed), reused: true };
      return { ...(await createReusable(input)), reused: false };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // Another caller claimed or created it first: the next round reads theirs.
    }
  }
  throw new Error('reuse: no open session settled after several rounds');
}
