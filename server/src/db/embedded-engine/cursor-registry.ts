import { Long, type Document } from 'bson';
import { documentSize } from './bson-codec';
import { MongoCommandError } from './errors';

// A reply must fit in 16 MiB; leave room for the envelope around the batch.
const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 64 * 1024;
const DEFAULT_FIRST_BATCH_DOCS = 101;
export const CURSOR_IDLE_TIMEOUT_MS = 10 * 60_000;

interface OpenCursor {
  ns: string;
  docs: Document[];
  position: number;
  lastUsedAt: number;
}

/**
 * Open cursors. Results are materialised when the query runs and handed out batch by batch,
 * so a cursor sees a snapshot of the collection as of its first batch.
 */
export class CursorRegistry {
  private readonly cursors = new Map<number, OpenCursor>();
  private nextId = 1 + Math.floor(Math.random() * 1_000_000);

  /** The `cursor` field of a find/aggregate reply; keeps the rest open if anything remains. */
  start(ns: string, docs: Document[], options: { batchSize?: number; singleBatch?: boolean }): Document {
    const cursor: OpenCursor = { ns, docs, position: 0, lastUsedAt: Date.now() };
    const firstBatch = this.take(cursor, options.batchSize ?? DEFAULT_FIRST_BATCH_DOCS);
    let id = 0;
    if (!options.singleBatch && cursor.position < docs.length) {
      id = this.nextId++;
      this.cursors.set(id, cursor);
    }
    return { id: Long.fromNumber(id), ns, firstBatch };
  }

  /** The `cursor` field of a getMore reply. */
  more(id: number, batchSize: number | undefined): Document {
    const cursor = this.cursors.get(id);
    if (!cursor) throw new MongoCommandError('CursorNotFound', `cursor id ${id} not found`);
    cursor.lastUsedAt = Date.now();
    const nextBatch = this.take(cursor, batchSize ?? 0);
    const exhausted = cursor.position >= cursor.docs.length;
    if (exhausted) this.cursors.delete(id);
    return { id: Long.fromNumber(exhausted ? 0 : id), ns: cursor.ns, nextBatch };
  }

  /** Closes the given cursors, reporting which existed. */
  kill(ids: number[]): { killed: number[]; notFound: number[] } {
    const killed = ids.filter((id) => this.cursors.delete(id));
    return { killed, notFound: ids.filter((id) => !killed.includes(id)) };
  }

  /** Drops cursors nobody asked for more from in a while (as mongod's cursor timeout). */
  closeIdle(now = Date.now()): void {
    for (const [id, cursor] of this.cursors) {
      if (now - cursor.lastUsedAt > CURSOR_IDLE_TIMEOUT_MS) this.cursors.delete(id);
    }
  }

  get openCount(): number {
    return this.cursors.size;
  }

  // batchSize 0 means "as many as fit"; at least one document always goes out.
  private take(cursor: OpenCursor, batchSize: number): Document[] {
    const batch: Document[] = [];
    let bytes = 0;
    while (cursor.position < cursor.docs.length && (batchSize <= 0 || batch.length < batchSize)) {
      const doc = cursor.docs[cursor.position];
      bytes += documentSize(doc);
      if (batch.length > 0 && bytes > MAX_BATCH_BYTES) break;
      batch.push(doc);
      cursor.position += 1;
    }
    return batch;
  }
}
