import type { Document } from 'bson';
import { toNumber } from './args';
import { EqualityIndex } from './equality-index';
import { MongoCommandError } from './errors';
import type { StoredDocument } from './raw-record';
import { equalityValues } from './query-engine';
import { UniqueIndex, type IndexSpec } from './unique-index';
import { keyPatternKey } from './value-key';

export const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

/** A TTL index: documents whose `field` (a date) is older than `expireAfterSeconds` are swept. */
export interface TtlRule {
  field: string;
  expireAfterSeconds: number;
}

/** Where an index catalog reads the collection's documents when it builds an index. */
export interface IndexSource {
  entries(): Iterable<[string, StoredDocument]>;
  /** The decoded document stored under `idKey`. */
  decode(idKey: string): Document | undefined;
}

/**
 * The secondary indexes of one collection: unique constraints and equality lookups. Indexes
 * loaded with a collection are built on first need (the unique ones before the first write, a
 * lookup when a query can use it), so opening a data directory costs no index rebuild; they are
 * built from the documents as they are then, so nothing written in between is missed.
 */
export class IndexCatalog {
  private readonly specs: IndexSpec[] = [];
  private readonly uniques = new Map<string, UniqueIndex>();
  /** By field: lookups for the first field of every index. */
  private readonly lookups = new Map<string, EqualityIndex>();
  private readonly unbuiltUniques = new Map<string, IndexSpec>();
  private readonly unbuiltLookups = new Set<string>();

  constructor(
    private readonly ns: string,
    private readonly source: IndexSource,
  ) {}

  /** All indexes including the implicit `_id_`, as `listIndexes` shows them. */
  list(): IndexSpec[] {
    return [ID_INDEX, ...this.specs];
  }

  /** Secondary index specs, as persisted. */
  secondary(): IndexSpec[] {
    return [...this.specs];
  }

  find(name: string): IndexSpec | undefined {
    return this.list().find((s) => s.name === name);
  }

  findByKey(key: Document): IndexSpec | undefined {
    return this.list().find((s) => keyPatternKey(s.key) === keyPatternKey(key));
  }

  /** Registers an index loaded with the collection (its documents satisfied it when it was saved); built on first need. */
  load(spec: IndexSpec): void {
    this.specs.push(spec);
    if (spec.unique) this.unbuiltUniques.set(spec.name, spec);
    const field = lookupField(spec);
    if (field && !this.lookups.has(field)) this.unbuiltLookups.add(field);
  }

  /** Adds a new index now, first checking existing documents against it if it is unique. */
  add(spec: IndexSpec): void {
    if (spec.unique) this.uniques.set(spec.name, this.buildUnique(spec));
    this.specs.push(spec);
    const field = lookupField(spec);
    if (field && !this.lookups.has(field) && !this.unbuiltLookups.has(field)) this.lookups.set(field, this.buildLookup(field));
  }

  drop(name: string): void {
    const at = this.specs.findIndex((s) => s.name === name);
    if (at < 0) throw new MongoCommandError('IndexNotFound', `index not found with name [${name}]`);
    const [dropped] = this.specs.splice(at, 1);
    this.uniques.delete(name);
    this.unbuiltUniques.delete(name);
    const field = lookupField(dropped);
    if (field && !this.specs.some((s) => lookupField(s) === field)) {
      this.lookups.delete(field);
      this.unbuiltLookups.delete(field);
    }
  }

  /** The fields of the collection's text index (`{field: "text"}` keys), for `$text`. */
  textFields(): string[] {
    return this.specs.flatMap((s) => Object.entries(s.key).filter(([, kind]) => kind === 'text').map(([field]) => field));
  }

  ttlRules(): TtlRule[] {
    return this.specs
      .map((s) => ({ fields: Object.keys(s.key), expireAfterSeconds: toNumber(s.expireAfterSeconds) }))
      .filter((r): r is { fields: string[]; expireAfterSeconds: number } => r.expireAfterSeconds !== undefined && r.fields.length === 1)
      .map((r) => ({ field: r.fields[0], expireAfterSeconds: r.expireAfterSeconds }));
  }

  /** Throws the duplicate-key error storing `doc` under `idKey` would cause. */
  check(doc: Document, idKey: string): void {
    for (const index of this.uniqueIndexes()) {
      const conflict = index.conflict(doc, idKey);
      if (conflict) throw conflict;
    }
  }

  /** Records a new document (stored under `idKey`) in every index. */
  track(doc: Document, idKey: string): void {
    for (const index of this.uniqueIndexes()) index.add(doc, idKey);
    for (const lookup of this.lookups.values()) lookup.add(lookup.keysOf(doc), idKey);
  }

  /** Moves a replaced document's entries from `before` to `after`. */
  retrack(before: Document, after: Document, idKey: string): void {
    for (const index of this.uniqueIndexes()) {
      index.remove(before, idKey);
      index.add(after, idKey);
    }
    for (const lookup of this.lookups.values()) lookup.update(before, after, idKey);
  }

  untrack(doc: Document, idKey: string): void {
    for (const index of this.uniqueIndexes()) index.remove(doc, idKey);
    for (const lookup of this.lookups.values()) lookup.remove(lookup.keysOf(doc), idKey);
  }

  /** `_id` keys of a superset of the documents matching `filter`, from the most selective usable lookup. */
  candidateIds(filter: Document): Set<string> | undefined {
    let best: Set<string> | undefined;
    for (const [field, condition] of Object.entries(filter)) {
      const values = (this.lookups.has(field) || this.unbuiltLookups.has(field)) && equalityValues(condition);
      const lookup = values && this.lookupOf(field);
      if (!lookup || !values) continue;
      const ids = lookup.lookup(values);
      if (!best || ids.size < best.size) best = ids;
    }
    return best;
  }

  /** Every unique index, building those loaded with the collection and not built yet. */
  private uniqueIndexes(): Iterable<UniqueIndex> {
    for (const spec of this.unbuiltUniques.values()) this.uniques.set(spec.name, this.buildUnique(spec));
    this.unbuiltUniques.clear();
    return this.uniques.values();
  }

  private lookupOf(field: string): EqualityIndex | undefined {
    if (this.unbuiltLookups.delete(field)) this.lookups.set(field, this.buildLookup(field));
    return this.lookups.get(field);
  }

  // Documents still held as log records are read from their bytes where that is enough.
  private buildUnique(spec: IndexSpec): UniqueIndex {
    const index = new UniqueIndex(spec, this.ns);
    for (const [idKey, stored] of this.source.entries()) {
      const keys = index.storedKeys(stored);
      if (keys && index.addKeys(keys, idKey)) continue;
      const doc = this.source.decode(idKey) as Document;
      const conflict = index.conflict(doc, idKey);
      if (conflict) throw conflict;
      index.add(doc, idKey);
    }
    return index;
  }

  private buildLookup(field: string): EqualityIndex {
    const lookup = new EqualityIndex(field);
    for (const [idKey, stored] of this.source.entries()) {
      lookup.add(lookup.storedKeys(stored) ?? lookup.keysOf(this.source.decode(idKey) as Document), idKey);
    }
    return lookup;
  }
}

// The lookup holds every document of the collection (a missing field counts as null), whatever
// the index leaves out: so sparse and partial indexes can narrow a query too, `{field: null}`
// included. (A sparse unique `dedupeKey` index without it cost a full scan per message.)
// A text index serves `$text` only (see text-search.ts): no equality lookup on its field.
function lookupField(spec: IndexSpec): string | undefined {
  const [field, kind] = Object.entries(spec.key)[0] ?? [];
  return kind === 'text' ? undefined : field;
}
