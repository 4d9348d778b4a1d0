import type { Document } from 'bson';
import { decodeDocument } from './bson-codec';
import { valueKey } from './value-key';

/** A live document as the index code reads it: decoded, or its put record's bytes. */
export type StoredDocument = Document | RawRecord;

/** What a path holds in a raw document: the index keys of its values, and whether it exists at all. */
export interface RawPathKeys {
  keys: string[];
  present: boolean;
}

const OBJECT = 0x03;
const ARRAY = 0x04;
const NULL_KEY = valueKey(null);
/** `_id\0` read as a little-endian uint32. */
const ID_NAME = Buffer.from('_id\0').readUInt32LE(0);
const NAMES = new Map<string, Buffer>();

/**
 * A log record `{o: 'p', d: <document>}` or `{o: 'd', k: <_id>}` kept as its bytes, read
 * without decoding the document: start-up only needs each record's `_id` and the indexed fields,
 * so a data file's documents are decoded when a query first touches them, not when it opens.
 * Only records of a checksummed log prefix are kept raw (see log-checkpoint.ts): their bytes are
 * exactly what was written, so no validation is skipped that a full decode would have done.
 */
export class RawRecord {
  private decoded: Document | undefined;

  /** The record starting at `start` in `file` (a log file's bytes as read). */
  constructor(
    private readonly file: Buffer,
    private readonly start: number,
  ) {}

  /** The record's bytes. */
  get bytes(): Buffer {
    return this.file.subarray(this.start, this.start + this.file.readInt32LE(this.start));
  }

  /** 'p' (the document now reads so) or 'd' (deleted). */
  get op(): string {
    // As the engine writes records: `o` first, a one-letter string.
    if (this.standardOp()) return String.fromCharCode(this.file[this.start + 11] as number);
    const o = findElement(this.file, this.start, 'o');
    return o && o.type === 0x02 ? this.file.toString('utf8', o.value + 4, o.value + this.file.readInt32LE(o.value) + 3) : '';
  }

  /** The canonical key of the document's `_id` (a put) or of the deleted `_id`. */
  idKey(): string {
    // The common case read at fixed offsets: a put record whose document starts with an ObjectId `_id`.
    const b = this.file;
    const s = this.start;
    if (this.standardOp() && b[s + 11] === 0x70 && b[s + 13] === OBJECT && b[s + 14] === 0x64 && b[s + 15] === 0 && b[s + 20] === 0x07 && b.readUInt32LE(s + 21) === ID_NAME) {
      return `o${b.toString('hex', s + 25, s + 37)}`;
    }
    const d = findElement(b, s, 'd');
    const id = d ? findElement(b, d.value, '_id') : findElement(b, s, 'k');
    const fast = id && scalarKey(b, id.type, id.value);
    if (fast !== undefined) return fast;
    const record = this.record();
    return valueKey(record.o === 'p' ? (record.d as Document)._id : record.k);
  }

  /** The stored document (a put record), decoded once. */
  document(): Document {
    return this.record().d as Document;
  }

  /** BSON size of the stored document. */
  documentSize(): number {
    const d = findElement(this.file, this.start, 'd');
    return d ? this.file.readInt32LE(d.value) : 0;
  }

  /**
   * The keys of a dotted path's value as `valueKey` gives them, read from the bytes; undefined
   * when only a decode can tell (arrays, sub-documents, rarer BSON types): the caller decodes.
   */
  pathKeys(path: string): RawPathKeys | undefined {
    const d = this.documentStart();
    if (d === undefined) return undefined;
    let at = d;
    const parts = path.split('.');
    for (let i = 0; i < parts.length; i++) {
      const element = findElement(this.file, at, parts[i] as string);
      if (!element) return { keys: [NULL_KEY], present: false };
      const last = i === parts.length - 1;
      if (element.type === ARRAY) return undefined;
      if (!last) {
        // A sub-document whose first field is `$…` may decode as a DBRef, not a plain object.
        if (element.type !== OBJECT || this.file[element.value + 5] === 0x24) return element.type === OBJECT ? undefined : { keys: [NULL_KEY], present: false };
        at = element.value;
        continue;
      }
      const key = scalarKey(this.file, element.type, element.value);
      return key === undefined ? undefined : { keys: [key], present: true };
    }
    return undefined;
  }

  /** Where the put record's document starts (at a fixed offset as the engine writes records). */
  private documentStart(): number | undefined {
    const b = this.file;
    const s = this.start;
    if (this.standardOp() && b[s + 13] === OBJECT && b[s + 14] === 0x64 && b[s + 15] === 0) return s + 16;
    return findElement(b, s, 'd')?.value;
  }

  /** True when the record starts `o: '<one letter>'` at fixed offsets, as the engine writes it. */
  private standardOp(): boolean {
    const b = this.file;
    const s = this.start;
    return b.readInt32LE(s) > 26 && b[s + 4] === 0x02 && b[s + 5] === 0x6f && b[s + 6] === 0 && b.readInt32LE(s + 7) === 2 && b[s + 12] === 0;
  }

  private record(): Document {
    this.decoded ??= decodeDocument(this.bytes);
    return this.decoded;
  }
}

/** The element `name` of the BSON document starting at `start`: its type and where its value starts. */
function findElement(bytes: Buffer, start: number, name: string): { type: number; value: number } | undefined {
  const end = start + bytes.readInt32LE(start) - 1;
  let wanted = NAMES.get(name);
  if (!wanted) {
    wanted = Buffer.from(name);
    NAMES.set(name, wanted);
  }
  let at = start + 4;
  while (at < end) {
    const type = bytes[at] as number;
    const nameEnd = bytes.indexOf(0, at + 1);
    if (nameEnd < 0 || nameEnd >= end) return undefined;
    const value = nameEnd + 1;
    if (nameEnd - at - 1 === wanted.length && bytes[at + 1] === wanted[0] && bytes.compare(wanted, 0, wanted.length, at + 1, nameEnd) === 0) return { type, value };
    const size = valueSize(bytes, type, value);
    if (size === undefined) return undefined;
    at = value + size;
  }
  return undefined;
}

// Sizes of BSON values by type (https://bsonspec.org/spec.html); undefined for unknown types.
function valueSize(bytes: Buffer, type: number, at: number): number | undefined {
  switch (type) {
    case 0x01: case 0x09: case 0x11: case 0x12: return 8;
    case 0x02: case 0x0d: case 0x0e: return 4 + bytes.readInt32LE(at);
    case 0x03: case 0x04: case 0x0f: return bytes.readInt32LE(at);
    case 0x05: return 5 + bytes.readInt32LE(at);
    case 0x06: case 0x0a: case 0x7f: case 0xff: return 0;
    case 0x07: return 12;
    case 0x08: return 1;
    case 0x0b: {
      const pattern = bytes.indexOf(0, at);
      return bytes.indexOf(0, pattern + 1) + 1 - at;
    }
    case 0x0c: return 16 + bytes.readInt32LE(at);
    case 0x10: return 4;
    case 0x13: return 16;
    default: return undefined;
  }
}

// `valueKey` of the common scalar types straight from their bytes (as bson decodes them with
// promoteLongs off); undefined for the rest.
function scalarKey(bytes: Buffer, type: number, at: number): string | undefined {
  switch (type) {
    case 0x01: return valueKey(bytes.readDoubleLE(at));
    case 0x02: return valueKey(bytes.toString('utf8', at + 4, at + 3 + bytes.readInt32LE(at)));
    case 0x07: return `o${bytes.toString('hex', at, at + 12)}`;
    case 0x08: return valueKey(bytes[at] === 1);
    case 0x09: return valueKey(new Date(Number(bytes.readBigInt64LE(at))));
    case 0x0a: return NULL_KEY;
    case 0x10: return valueKey(bytes.readInt32LE(at));
    case 0x12: return `n${bytes.readBigInt64LE(at).toString()}`;
    default: return undefined;
  }
}
