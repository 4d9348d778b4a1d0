import { Types } from 'mongoose';
import type { EventEnvelope, EventsSubscription } from '../../../../shared/src';
import { EventLogModel } from '../../db/models/event-log.model';
import { insertAll } from '../../db/raw-writes';
import type { Logger } from '../../logger';

const FLUSH_MS = 50;
/** The most a catch-up reads at once: a subscriber further behind reconnects from the last id it got. */
const CATCH_UP_LIMIT = 10_000;

/** Whether an event is one a `/events` subscription asked for (its types and agents; none named is all). */
export const matchesSubscription = (sub: EventsSubscription, e: EventEnvelope): boolean =>
  (!sub.types?.length || sub.types.includes(e.type)) && (!sub.agentIds?.length || sub.agentIds.includes(e.agentId));

/** Erases what the log kept of these sessions (their erasure: see domain/erasure). */
export async function eraseLoggedEvents(sessionIds: string[]): Promise<void> {
  await EventLogModel.deleteMany({ sessionId: { $in: sessionIds } });
}

/**
 * Keeps domain events for EVENT_RETENTION_SECONDS (a TTL index) so `/events` subscribers can
 * catch up from the last id they saw. Writes are batched off the hot path.
 */
export class EventLog {
  private buffer: EventEnvelope[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly retentionSeconds: number,
    private readonly logger: Logger,
  ) {}

  record(event: EventEnvelope): void {
    if (event.type === 'session.erased') this.forget(event.sessionId);
    this.buffer.push(event);
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /**
   * An erased session's events go too: those still buffered, and any written since the eraser
   * deleted the stored ones (a batch in flight); only the erasure itself is kept.
   */
  private forget(sessionId: string): void {
    this.buffer = this.buffer.filter((e) => e.sessionId !== sessionId);
    this.flushing = this.flushing
      .then(() => EventLogModel.deleteMany({ sessionId, type: { $ne: 'session.erased' } }))
      .then(() => undefined)
      .catch((err: unknown) => this.logger.error({ err, sessionId }, 'could not forget the events of an erased session'));
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length === 0) return this.flushing;
    const expiresAt = new Date(Date.now() + this.retentionSeconds * 1000);
    const docs = batch.map((e) => ({ _id: new Types.ObjectId(e.id), type: e.type, at: new Date(e.at), sessionId: e.sessionId, agentId: e.agentId, data: e.data, expiresAt }));
    this.flushing = this.flushing
      // Plain documents built here from typed events, serialized once (see raw-writes): hydrating
      // each one, or the driver's sizing pass, cost more than the write.
      .then(() => insertAll(EventLogModel, docs))
      .then(() => undefined)
      .catch((err: unknown) => this.logger.error({ err, count: docs.length }, 'could not keep events for catch-up'));
    return this.flushing;
  }

  /** Every kept event after `afterEventId` (a 24-hex id), oldest first, this process's unwritten ones included. */
  async after(afterEventId: string): Promise<EventEnvelope[]> {
    await this.flush();
    const docs = await EventLogModel.find({ _id: { $gt: new Types.ObjectId(afterEventId) } }).sort({ _id: 1 }).limit(CATCH_UP_LIMIT).lean();
    return docs.map((d) => ({ id: d._id.toHexString(), type: d.type as EventEnvelope['type'], at: d.at.toISOString(), sessionId: d.sessionId, agentId: d.agentId, data: d.data }));
  }
}
