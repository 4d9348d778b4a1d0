import { Types } from 'mongoose';
import type { SessionErasureReason } from '../../../../shared/src/contract/types';
import { CallModel } from '../../db/models/call.model';
import { eraseLoggedEvents } from '../events/event-log';
import { MessageModel } from '../../db/models/message.model';
import { SessionModel } from '../../db/models/session.model';
import { WebhookDeliveryModel } from '../../db/models/webhook-delivery.model';
import type { Logger } from '../../logger';
import type { AttachmentStore } from '../attachments/attachment-store';
import type { EventBus } from '../events/event-bus';

export interface ErasureCounts {
  sessions: number;
  messages: number;
  attachments: number;
  calls: number;
}

interface Deps {
  bus: EventBus;
  attachments: AttachmentStore;
  /** Stops a reply streaming for the session in any process, so nothing is written after. */
  abortReply: (sessionId: string) => Promise<void>;
  logger: Logger;
}

/**
 * Erases sessions and everything kept about them: their messages, files, calls, the `/events`
 * catch-up log and webhook deliveries (pending ones are never sent). Each session is deleted
 * by exactly one caller (one `findOneAndDelete`), which then announces `session.erased`; so
 * several processes may erase the same sessions at once.
 */
export class SessionEraser {
  constructor(private readonly deps: Deps) {}

  /** Retention: erases (a batch of) the sessions untouched since `cutoff` — no message, no change. */
  async eraseInactiveSince(cutoff: Date, batch = 200): Promise<ErasureCounts> {
    const stale = await SessionModel.find({ updatedAt: { $lt: cutoff } }, { _id: 1 }).sort({ updatedAt: 1 }).limit(batch).lean();
    return this.erase(stale.map((s) => s._id.toHexString()), 'retention');
  }

  async erase(sessionIds: string[], reason: SessionErasureReason): Promise<ErasureCounts> {
    const erased: { id: string; agentId: string; customerId: string }[] = [];
    const streaming = await this.streamingAmong(sessionIds);
    for (const id of sessionIds) {
      if (streaming.has(id)) await this.deps.abortReply(id).catch(() => undefined);
      // Deleted first: with no session, no message can be stored for it any more.
      const doc = await SessionModel.findOneAndDelete({ _id: new Types.ObjectId(id) }).lean();
      if (doc) erased.push({ id, agentId: doc.agentId.toHexString(), customerId: doc.customerId });
    }
    if (erased.length === 0) return { sessions: 0, messages: 0, attachments: 0, calls: 0 };
    const ids = erased.map((e) => e.id);
    const objectIds = ids.map((id) => new Types.ObjectId(id));
    const [messages, calls, attachments] = await Promise.all([
      MessageModel.deleteMany({ sessionId: { $in: objectIds } }),
      CallModel.deleteMany({ sessionId: { $in: objectIds } }),
      this.deps.attachments.deleteForSessions(ids),
      eraseLoggedEvents(ids),
      WebhookDeliveryModel.deleteMany({ sessionId: { $in: ids } }),
    ]);
    for (const e of erased) {
      this.deps.bus.publish('session.erased', { sessionId: e.id, agentId: e.agentId }, { sessionId: e.id, customerId: e.customerId, reason });
    }
    const counts = { sessions: erased.length, messages: messages.deletedCount, attachments, calls: calls.deletedCount };
    this.deps.logger.info({ reason, sessionIds: ids, ...counts }, 'sessions erased');
    return counts;
  }

  /** The sessions with a reply streaming: only those need a (cluster-wide, confirmed) abort. */
  private async streamingAmong(sessionIds: string[]): Promise<Set<string>> {
    const ids = sessionIds.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));
    const docs = await MessageModel.find({ sessionId: { $in: ids }, status: 'streaming' }, { sessionId: 1 }).lean();
    return new Set(docs.map((d) => d.sessionId.toHexString()));
  }
}
