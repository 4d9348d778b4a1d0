import fs from 'node:fs';
import type { Document } from 'bson';
import { decodeDocument, encodeDocument } from './bson-codec';
import type { EngineLogger } from './logger';
import { isPlainObject, valueKey } from './value-key';

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
    const { docs, records, damaged } = replay(path, logger);
    const file = new CollectionFile(path, fs.openSync(path, 'a'));
    file.records = records;
    // A damaged file is rewritten from what was salvaged (its original is kept beside it).
    if (damaged || file.staleRecords(docs.size) > 0) file.compact(docs.values());
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

function replay(path: string, logger: EngineLogger): { docs: Map<string, Document>; records: number; damaged: boolean } {
  const docs = new Map<string, Document>();
  if (!fs.existsSync(path)) return { docs, records: 0, damaged: false };
  const bytes = fs.readFileSync(path);
  let offset = 0;
  let records = 0;
  let skipped = 0;
  let copy: string | undefined;
  while (offset < bytes.length) {
    const record = readRecord(bytes, offset);
    if (record) {
      if (record.doc.o === 'p') docs.set(valueKey((record.doc.d as Document)._id), record.doc.d as Document);
      else docs.delete(valueKey(record.doc.k));
      offset += record.size;
      records += 1;
      continue;
    }
    // An unreadable record: keep the file as it was, then go on from the next readable record
    // (a damaged length field mid-file must not cost everything after it). None left means a
    // torn tail — a write that never completed, hence was never acknowledged.
    copy ??= keepDamagedCopy(path);
    const next = nextRecord(bytes, offset + 1);
    const end = next ?? bytes.length;
    skipped += end - offset;
    logger.warn({ path, offset, skippedBytes: end - offset, copy, tornTail: next === undefined }, next === undefined
      ? 'embedded engine: dropping an incomplete last record (copy of the file kept)'
      : 'embedded engine: skipping a damaged record and salvaging what follows (copy of the file kept)');
    offset = end;
  }
  return { docs, records, damaged: skipped > 0 };
}

/** The record at `offset` when it is a whole, decodable log record; undefined otherwise. */
function readRecord(bytes: Buffer, offset: number): { doc: Document; size: number } | undefined {
  if (offset + 5 > bytes.length) return undefined;
  const size = bytes.readInt32LE(offset);
  if (size < 5 || offset + size > bytes.length || bytes[offset + size - 1] !== 0) return undefined;
  let doc: Document;
  try {
    doc = decodeDocument(bytes.subarray(offset, offset + size));
  } catch {
    return undefined;
  }
  const valid = (doc.o === 'p' && isPlainObject(doc.d) && '_id' in doc.d) || (doc.o === 'd' && 'k' in doc);
  return valid ? { doc, size } : undefined;
}

function nextRecord(bytes: Buffer, from: number): number | undefined {
  for (let offset = from; offset + 5 <= bytes.length; offset += 1) if (readRecord(bytes, offset)) return offset;
  return undefined;
}

function keepDamagedCopy(path: string): string {
  const copy = `${path}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  fs.copyFileSync(path, copy);
  return copy;
}
