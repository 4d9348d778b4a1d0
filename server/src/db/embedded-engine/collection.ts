import fs from 'node:fs';
import path from 'node:path';
import { EJSON, type Document } from 'bson';
import { documentSize } from './bson-codec';
import { CollectionFile, type LiveDocument } from './collection-file';
import { cappedExcess, checkDocumentSize, checkValidator } from './collection-rules';
import { duplicateKeyError, MongoCommandError } from './errors';
import { IndexCatalog } from './index-catalog';
import type { EngineLogger } from './logger';
import { checkpointPath } from './log-checkpoint';
import type { DocumentSource } from './query-engine';
import type { StoredDocument } from './raw-record';
import type { IndexSpec } from './unique-index';
import { valueKey } from './value-key';

/** What `<name>.meta.json` holds: creation options and secondary index specs. */
interface CollectionMeta {
  name: string;
  options: Document;
  indexes: IndexSpec[];
}

const META_SUFFIX = '.meta.json';
const LOG_SUFFIX = '.log';

/**
 * One collection: documents in memory keyed by their canonical `_id`, kept in insertion order
 * (a Map keeps a key's position when its value is replaced, like MongoDB's natural order),
 * every change logged to disk before it becomes visible, unique indexes checked first.
 */
export class Collection implements DocumentSource {
  readonly indexes: IndexCatalog;

  private constructor(
    readonly db: string,
    private readonly meta: CollectionMeta,
    private readonly basePath: string,
    private readonly file: CollectionFile,
    private readonly docs: Map<string, LiveDocument>,
  ) {
    this.indexes = new IndexCatalog(this.ns, { entries: () => this.storedEntries(), decode: this.materialize });
    for (const spec of meta.indexes) this.indexes.load(spec);
  }

  /**
   * The document stored under `idKey`, decoded on first use when it is still a log record's
   * bytes (start-up keeps checkpointed records raw, see raw-record.ts). Replacing the map entry
   * keeps its position, hence natural order.
   */
  private readonly materialize = (idKey: string): Document | undefined => {
    const stored = this.docs.get(idKey);
    if (typeof stored !== 'number') return stored;
    const doc = this.file.record(stored).document();
    this.docs.set(idKey, doc);
    return doc;
  };

  /** Every live document for an index build: undecoded ones as their record's bytes. */
  private *storedEntries(): Iterable<[string, StoredDocument]> {
    for (const [idKey, live] of this.docs) yield [idKey, typeof live === 'number' ? this.file.record(live) : live];
  }

  /** Loads the collection whose metadata file is `metaFile` inside the database folder `dir`. */
  static load(db: string, dir: string, metaFile: string, logger: EngineLogger): Collection {
    const meta = EJSON.parse(fs.readFileSync(path.join(dir, metaFile), 'utf8'), { relaxed: false }) as CollectionMeta;
    const basePath = path.join(dir, metaFile.slice(0, -META_SUFFIX.length));
    const { file, docs } = CollectionFile.open(basePath + LOG_SUFFIX, logger);
    return new Collection(db, meta, basePath, file, docs);
  }

  /** Creates a new, empty collection in the database folder `dir`. */
  static create(db: string, dir: string, name: string, options: Document, logger: EngineLogger): Collection {
    const basePath = path.join(dir, encodeURIComponent(name));
    const meta: CollectionMeta = { name, options, indexes: [] };
    writeMeta(basePath, meta);
    const { file, docs } = CollectionFile.open(basePath + LOG_SUFFIX, logger);
    return new Collection(db, meta, basePath, file, docs);
  }

  static isMetaFile(fileName: string): boolean {
    return fileName.endsWith(META_SUFFIX);
  }

  get name(): string {
    return this.meta.name;
  }

  get options(): Document {
    return this.meta.options;
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  get count(): number {
    return this.docs.size;
  }

  all(): Document[] {
    const all: Document[] = [];
    for (const [idKey, live] of this.docs) all.push(typeof live === 'number' ? (this.materialize(idKey) as Document) : live);
    return all;
  }

  getById(idKey: string): Document | undefined {
    return this.materialize(idKey);
  }

  textFields(): string[] {
    return this.indexes.textFields();
  }

  candidates(filter: Document): Document[] | undefined {
    const ids = this.indexes.candidateIds(filter);
    if (!ids) return undefined;
    return [...ids].map(this.materialize).filter((d): d is Document => d !== undefined);
  }

  /** Stores a new document (which must have an `_id`), enforcing `_id` and unique indexes. */
  insert(doc: Document): void {
    const idKey = valueKey(doc._id);
    checkDocumentSize(doc, false);
    checkValidator(this.options, doc, undefined);
    if (this.docs.has(idKey)) throw duplicateKeyError(this.ns, '_id_', { _id: 1 }, { _id: doc._id });
    this.indexes.check(doc, idKey);
    this.file.appendPut(doc);
    this.docs.set(idKey, doc);
    this.indexes.track(doc, idKey);
    this.evictCapped();
  }

  // A capped collection drops its oldest documents once over `max` documents or `size` bytes.
  private evictCapped(): void {
    if (this.options.capped !== true) return;
    const sizes = (): Iterable<number> => [...this.docs.values()].map((live) => this.sizeOf(live));
    const excess = cappedExcess(this.options, this.docs.size, this.dataSize(), sizes);
    for (const oldest of this.all().slice(0, excess)) this.remove(oldest);
  }

  /** Replaces the options `collMod` changes (validator, validation level/action) and persists them. */
  setOptions(options: Document): void {
    this.meta.options = options;
    writeMeta(this.basePath, this.meta);
  }

  /** Replaces the stored document with the same `_id` by `next`. */
  replace(next: Document): void {
    const idKey = valueKey(next._id);
    const old = this.materialize(idKey);
    if (!old) throw new MongoCommandError('InternalError', `document ${idKey} vanished during update`);
    checkDocumentSize(next, true);
    checkValidator(this.options, next, old);
    this.indexes.check(next, idKey);
    this.file.appendPut(next);
    this.docs.set(idKey, next);
    this.indexes.retrack(old, next, idKey);
  }

  /** Deletes the stored document with `doc`'s `_id`; false when it is already gone. */
  remove(doc: Document): boolean {
    const idKey = valueKey(doc._id);
    const stored = this.materialize(idKey);
    if (!stored) return false;
    this.file.appendDelete(stored._id);
    this.docs.delete(idKey);
    this.indexes.untrack(stored, idKey);
    return true;
  }

  /** Adds a secondary index (validating existing documents) and persists the catalog. */
  createIndex(spec: IndexSpec): void {
    this.indexes.add(spec);
    this.saveIndexes();
  }

  dropIndex(name: string): void {
    this.indexes.drop(name);
    this.saveIndexes();
  }

  /** Rewrites the log when stale records outnumber live documents (and there are enough to matter). */
  compactIfWasteful(): void {
    if (this.file.staleRecords(this.docs.size) > Math.max(1000, this.docs.size)) this.file.compact(this.docs.values());
  }

  sync(): void {
    this.file.sync();
  }

  close(): void {
    this.file.close();
  }

  /** Closes and deletes the collection's files. */
  destroy(): void {
    this.file.close();
    fs.rmSync(this.basePath + LOG_SUFFIX, { force: true });
    fs.rmSync(this.basePath + META_SUFFIX, { force: true });
    fs.rmSync(checkpointPath(this.basePath + LOG_SUFFIX), { force: true });
  }

  /** Approximate data size in bytes (the BSON size of every document). */
  dataSize(): number {
    let total = 0;
    for (const live of this.docs.values()) total += this.sizeOf(live);
    return total;
  }

  private sizeOf(live: LiveDocument): number {
    return typeof live === 'number' ? this.file.record(live).documentSize() : documentSize(live);
  }

  private saveIndexes(): void {
    this.meta.indexes = this.indexes.secondary();
    writeMeta(this.basePath, this.meta);
  }
}

// Write-then-rename so a crash leaves either the old or the new catalog, never half of one.
function writeMeta(basePath: string, meta: CollectionMeta): void {
  const target = basePath + META_SUFFIX;
  const tmp = `${target}.tmp`;
  fs.writeFileSync(tmp, EJSON.stringify(meta, undefined, 2, { relaxed: false }));
  fs.renameSync(tmp, target);
}
