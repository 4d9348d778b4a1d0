import type { Document } from 'bson';
import { pathValues } from './document-path';
import { duplicateKeyError, type MongoCommandError } from './errors';
import { compileFilter } from './query-engine';
import { RawRecord, type StoredDocument } from './raw-record';
import { valueKey } from './value-key';

/** An index as `createIndexes` receives it and `listIndexes` returns it. */
export interface IndexSpec {
  v?: number;
  key: Document;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
  expireAfterSeconds?: number;
  [option: string]: unknown;
}

interface IndexEntry {
  key: string;
  values: unknown[];
}

/**
 * Enforces one unique index: remembers which document (by `_id` key) owns each index key.
 * Sparse and partial indexes simply leave out the documents they do not cover.
 */
export class UniqueIndex {
  private readonly owners = new Map<string, string>();
  private readonly fields: string[];
  private readonly covers: (doc: Document) => boolean;

  constructor(
    readonly spec: IndexSpec,
    private readonly ns: string,
  ) {
    this.fields = Object.keys(spec.key);
    const partial = spec.partialFilterExpression ? compileFilter(spec.partialFilterExpression) : () => true;
    const sparse = spec.sparse === true;
    this.covers = (doc) => partial(doc) && (!sparse || this.fields.some((f) => pathValues(doc, f).some((v) => v !== undefined)));
  }

  /** The duplicate-key error `doc` would cause if stored under `idKey`, if any. */
  conflict(doc: Document, idKey: string): MongoCommandError | undefined {
    for (const entry of this.entries(doc)) {
      const owner = this.owners.get(entry.key);
      if (owner !== undefined && owner !== idKey) {
        const keyValue = Object.fromEntries(this.fields.map((f, i) => [f, entry.values[i] ?? null]));
        return duplicateKeyError(this.ns, this.spec.name, this.spec.key, keyValue);
      }
    }
    return undefined;
  }

  /**
   * The entry keys of a document still held as its log record's bytes, when they can be read
   * from the bytes alone (no partial filter, one scalar per field); undefined otherwise.
   */
  storedKeys(stored: StoredDocument): string[] | undefined {
    if (!(stored instanceof RawRecord) || this.spec.partialFilterExpression) return undefined;
    const parts = [];
    for (const field of this.fields) {
      const part = stored.pathKeys(field);
      if (!part) return undefined;
      parts.push(part);
    }
    if (this.spec.sparse === true && !parts.some((p) => p.present)) return [];
    return [parts.map((p) => p.keys[0]).join('|')];
  }

  /** Records entry keys for `idKey`; false (and nothing recorded) when another document owns one. */
  addKeys(keys: string[], idKey: string): boolean {
    if (keys.some((key) => (this.owners.get(key) ?? idKey) !== idKey)) return false;
    for (const key of keys) this.owners.set(key, idKey);
    return true;
  }

  add(doc: Document, idKey: string): void {
    for (const entry of this.entries(doc)) this.owners.set(entry.key, idKey);
  }

  remove(doc: Document, idKey: string): void {
    for (const entry of this.entries(doc)) {
      if (this.owners.get(entry.key) === idKey) this.owners.delete(entry.key);
    }
  }

  /** One entry per combination of field values (arrays fan out, as multikey indexes do). */
  private entries(doc: Document): IndexEntry[] {
    if (!this.covers(doc)) return [];
    let combos: unknown[][] = [[]];
    for (const field of this.fields) {
      const values = pathValues(doc, field);
      combos = combos.flatMap((combo) => values.map((v) => [...combo, v]));
    }
    const unique = new Map<string, IndexEntry>();
    for (const values of combos) {
      const key = values.map(valueKey).join('|');
      unique.set(key, { key, values });
    }
    return [...unique.values()];
  }
}
