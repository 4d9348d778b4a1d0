import fs from 'node:fs';
import type { Document } from 'bson';
import { decodeDocument, encodeDocument } from './bson-codec';
import { crc32, removeCheckpoint, verifiedPrefix, writeCheckpoint } from './log-checkpoint';
import type { EngineLogger } from './logger';
import { RawRecord } from './raw-record';
import { isPlainObject, valueKey } from './value-key';

/**
 * A live document: decoded, or the offset of its put record in the log as read at open (a
 * number costs the garbage collector nothing; see `record()`), decoded on first use.
 */
export type LiveDocument = Document | number;

// Compaction writes in chunks of about this size rather than one write(2) per document.
const COMPACT_CHUNK_BYTES = 1 << 20;

/**
 * One collection's append-only log of BSON records:
 *   `{o: 'p', d: <document>}`  the document now has this content (insert or update)
 *   `{o: 'd', k: <_id>}`       the document with this _id was deleted
 * Every record is written with a synchronous write(2) before the client's write is
 * acknowledged, so a crash of the process loses nothing acknowledged; `sync()` adds an
 * fsync for power-loss safety (see Storage for when it runs). On open the log is replayed
 * and rewritten as a compact snapshot once it holds more stale records than live ones.
 * A checkpoint (length and CRC-32 of the log, log-checkpoint.ts) is written after each sync,
 * compaction and close, so the next open can skip decoding the documents it vouches for.
 */
export class CollectionFile {
  private fd: number;
  private records = 0;
  private dirty = false;
  /** Bytes in the log and their running CRC-32. */
  private bytes = 0;
  private crc = 0;
  private checkpointed = -1;

  private constructor(
    private readonly path: string,
    fd: number,
    /** The log's bytes as read at open, which offsets in the live documents point into. */
    private readonly raw: Buffer,
  ) {
    this.fd = fd;
  }

  /** The put record at `offset` of the log as read at open. */
  record(offset: number): RawRecord {
    return new RawRecord(this.raw, offset);
  }

  /** Opens (or creates) the log at `path`, returning it with the live documents in order. */
  static open(path: string, logger: EngineLogger): { file: CollectionFile; docs: Map<string, LiveDocument> } {
    const { docs, records, damaged, bytes, crc, trusted, raw } = replay(path, logger);
    const file = new CollectionFile(path, fs.openSync(path, 'a'), raw);
    file.records = records;
    file.bytes = bytes;
    file.crc = crc;
    // A damaged file is rewritten from what was salvaged (its original is kept beside it).
    if (damaged || file.staleRecords(docs.size) > 0) file.compact(docs.values());
    else if (trusted < bytes) file.checkpoint();
    else file.checkpointed = bytes;
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
  compact(docs: Iterable<LiveDocument>): void {
    const tmp = `${this.path}.compact`;
    const fd = fs.openSync(tmp, 'w');
    let count = 0;
    let bytes = 0;
    let crc = 0;
    let chunk: Uint8Array[] = [];
    let chunkBytes = 0;
    const flush = (): void => {
      const joined = Buffer.concat(chunk, chunkBytes);
      fs.writeSync(fd, joined);
      crc = crc32(joined, crc);
      bytes += chunkBytes;
      chunk = [];
      chunkBytes = 0;
    };
    for (const doc of docs) {
      // A raw record is a put record already: its bytes are written as they are.
      const record = typeof doc === 'number' ? this.record(doc).bytes : encodeDocument({ o: 'p', d: doc });
      chunk.push(record);
      chunkBytes += record.length;
      count += 1;
      if (chunkBytes >= COMPACT_CHUNK_BYTES) flush();
    }
    flush();
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.closeSync(this.fd);
    // The old checkpoint goes first: it must never be read against the new file's bytes.
    removeCheckpoint(this.path);
    fs.renameSync(tmp, this.path);
    this.fd = fs.openSync(this.path, 'a');
    this.records = count;
    this.bytes = bytes;
    this.crc = crc;
    this.dirty = false;
    this.checkpoint();
  }

  /** fsync if anything was written since the last sync, then record the checkpoint. */
  sync(): void {
    if (!this.dirty) return;
    fs.fsyncSync(this.fd);
    this.dirty = false;
    this.checkpoint();
  }

  /** Records the log's length and checksum (log-checkpoint.ts) unless already recorded. */
  private checkpoint(): void {
    if (this.checkpointed === this.bytes) return;
    writeCheckpoint(this.path, { bytes: this.bytes, crc: this.crc });
    this.checkpointed = this.bytes;
  }

  close(): void {
    this.sync();
    fs.closeSync(this.fd);
  }

  private append(record: Document): void {
    const encoded = encodeDocument(record);
    fs.writeSync(this.fd, encoded);
    this.records += 1;
    this.bytes += encoded.length;
    this.crc = crc32(encoded, this.crc);
    this.dirty = true;
  }
}

interface Replayed {
  docs: Map<string, LiveDocument>;
  raw: Buffer;
  records: number;
  damaged: boolean;
  /** Length and CRC-32 of the file as read. */
  bytes: number;
  crc: number;
  /** How many leading bytes a matching checkpoint vouched for. */
  trusted: number;
}

function replay(path: string, logger: EngineLogger): Replayed {
  if (!fs.existsSync(path)) return { docs: new Map(), raw: Buffer.alloc(0), records: 0, damaged: false, bytes: 0, crc: 0, trusted: 0 };
  const bytes = fs.readFileSync(path);
  const prefix = verifiedPrefix(path, bytes);
  const fast = prefix && replayTrusted(bytes, prefix.bytes);
  const trusted = fast && prefix ? prefix : { bytes: 0, crc: 0 };
  const docs = fast ? fast.docs : new Map<string, LiveDocument>();
  const crc = crc32(bytes.subarray(trusted.bytes), trusted.crc);
  let offset = trusted.bytes;
  let records = fast ? fast.records : 0;
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
  return { docs, raw: bytes, records, damaged: skipped > 0, bytes: bytes.length, crc, trusted: trusted.bytes };
}

/**
 * Replays the checkpointed prefix without decoding documents: each put is kept as its record's
 * offset. Undefined if the prefix does not split into whole records (then everything is replayed).
 */
function replayTrusted(bytes: Buffer, end: number): { docs: Map<string, LiveDocument>; records: number } | undefined {
  const docs = new Map<string, LiveDocument>();
  let offset = 0;
  let records = 0;
  while (offset < end) {
    const size = offset + 4 <= end ? bytes.readInt32LE(offset) : 0;
    if (size < 5 || offset + size > end) return undefined;
    const record = new RawRecord(bytes, offset);
    const op = record.op;
    if (op === 'p') docs.set(record.idKey(), offset);
    else if (op === 'd') docs.delete(record.idKey());
    else return undefined;
    offset += size;
    records += 1;
  }
  return { docs, records };
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
