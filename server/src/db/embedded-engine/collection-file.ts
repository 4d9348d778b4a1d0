import fs from 'node:fs';
import type { Document } from 'bson';
import { decodeDocument, encodeDocument } from './bson-codec';
import type { EngineLogger } from './logger';
import { valueKey } from './value-key';

/**
 * One collection's append-only log of BSON records:
 *   `{o: 'p', d: <document>}`  the document now has this content (insert or update)
 *   `{o: 'd', k: <_id>}`       the document with this _id was deleted
 * Every record is written with a synchronous write(2) before the client's write is
 * acknowledged, so a crash of the process loses nothing acknowledged; `sync()` adds an
 * fsync for power-loss safety (see Storage for when it runs). On open the log is replayed
 * and rewritten as a compact snapshot once it holds more stale records than live ones.
 */
export class CollectionFile {
  private fd: number;
  private records = 0;
  private dirty = false;

  private constructor(
    private readonly path: string,
    fd: number,
  ) {
    this.fd = fd;
  }

  /** Opens (or creates) the log at `path`, returning it with the live documents in order. */
  static open(path: string, logger: EngineLogger): { file: CollectionFile; docs: Map<string, Document> } {
    const { docs, records } = replay(path, logger);
    const file = new CollectionFile(path, fs.openSync(path, 'a'));
    file.records = records;
    if (file.staleRecords(docs.size) > 0) file.compact(docs.values());
    return { file, docs };
  }

  appendPut(doc: Document): void {
    this.append({ o: 'p', d: doc });
  }

  appendDelete(id: unknown): void {
    this.append({ o: 'd', k: id });
  }

  /** Records in the log that no longer describe a live document. */
  staleRecords(liveDocuments: number): number {
    return this.records - liveDocuments;
  }

  /** Writes a fresh snapshot next to the log, fsyncs it and atomically renames it over the log. */
  compact(docs: Iterable<Document>): void {
    const tmp = `${this.path}.compact`;
    const fd = fs.openSync(tmp, 'w');
    let count = 0;
    for (const doc of docs) {
      fs.writeSync(fd, encodeDocument({ o: 'p', d: doc }));
      count += 1;
    }
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.closeSync(this.fd);
    fs.renameSync(tmp, this.path);
    this.fd = fs.openSync(this.path, 'a');
    this.records = count;
    this.dirty = false;
  }

  /** fsync if anything was written since the last sync. */
  sync(): void {
    if (!this.dirty) return;
    fs.fsyncSync(this.fd);
    this.dirty = false;
  }

  close(): void {
    this.sync();
    fs.closeSync(this.fd);
  }

  private append(record: Document): void {
    fs.writeSync(this.fd, encodeDocument(record));
    this.records += 1;
    this.dirty = true;
  }
}

function replay(path: string, logger: EngineLogger): { docs: Map<string, Document>; records: number } {
  const docs = new Map<string, Document>();
  if (!fs.existsSync(path)) return { docs, records: 0 };
  const bytes = fs.readFileSync(path);
  let offset = 0;
  let records = 0;
  while (offset + 4 <= bytes.length) {
    const size = bytes.readInt32LE(offset);
    if (size < 5 || offset + size > bytes.length) break;
    const record = decodeDocument(bytes.subarray(offset, offset + size));
    if (record.o === 'p') docs.set(valueKey(record.d._id), record.d as Document);
    else docs.delete(valueKey(record.k));
    offset += size;
    records += 1;
  }
  if (offset < bytes.length) {
    // A torn tail is a write that crashed mid-way; it was never acknowledged, so drop it.
    logger.warn({ path, droppedBytes: bytes.length - offset }, 'embedded engine: truncating incomplete log record');
    fs.truncateSync(path, offset);
  }
  return { docs, records };
}
