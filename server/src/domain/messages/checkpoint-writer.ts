import { Types } from 'mongoose';
import { MessageModel } from '../../db/models/message.model';
import { updateAll, type UpdateStatement } from '../../db/raw-writes';
import type { Logger } from '../../logger';

/**
 * Saves the text of replies still streaming, so a crash loses at most `intervalMs` of a
 * reply. Every reply in the process is written in one bulk write per interval instead of
 * one update per reply: a checkpoint costs the same with one reply streaming or a thousand.
 * The write also moves `updatedAt`, the liveness beat the orphan sweep watches. It is one
 * `update` command (see raw-writes): mongoose cast every update of the bulk, and the driver's
 * bulkWrite serialized each one twice.
 */
export class CheckpointWriter {
  private pending = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly intervalMs: number,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Queues the reply's text so far; the latest text of each reply is what gets written. */
  save(messageId: string, content: string): void {
    this.pending.set(messageId, content);
    this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
  }

  /** The reply was settled by its final write: nothing queued for it is needed any more. */
  forget(messageId: string): void {
    this.pending.delete(messageId);
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return this.writing;
    const updatedAt = this.clock();
    // Only replies still streaming: a checkpoint never undoes a reply's final write.
    const ops: UpdateStatement[] = [];
    for (const [id, content] of this.pending) ops.push({ q: { _id: new Types.ObjectId(id), status: 'streaming' }, u: { $set: { content, updatedAt } } });
    this.pending = new Map();
    this.writing = this.writing
      .then(() => updateAll(MessageModel, ops))
      .then(() => undefined)
      .catch((err: unknown) => this.logger.warn({ err, replies: ops.length }, 'could not checkpoint streaming replies'));
    return this.writing;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
