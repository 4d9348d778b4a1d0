import type { Document } from 'bson';
import { toNumber } from './args';
import { EqualityIndex } from './equality-index';
import { MongoCommandError } from './errors';
import { equalityValues } from './query-engine';
import { UniqueIndex, type IndexSpec } from './unique-index';
import { keyPatternKey } from './value-key';

export const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

/** A TTL index: documents whose `field` (a date) is older than `expireAfterSeconds` are swept. */
export interface TtlRule {
  field: string;
  expireAfterSeconds: number;
}

/** The secondary indexes of one collection: unique constraints and equality lookups. */
export class IndexCatalog {
  private readonly specs: IndexSpec[] = [];
  private readonly uniques = new Map<string, UniqueIndex>();
  /** By field: lookups for the first field of every index. */
  private readonly lookups = new Map<string, EqualityIndex>();

  constructor(private readonly ns: string) {}

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

  /** Adds an index, first checking existing documents against it if it is unique. */
  add(spec: IndexSpec, source: Iterable<[string, Document]>): void {
    // Read once: the source may be a one-shot iterator, and both indexes below need every document.
    const docs = [...source];
    if (spec.unique) {
      const index = new UniqueIndex(spec, this.ns);
      for (const [idKey, doc] of docs) {
        const conflict = index.conflict(doc, idKey);
        if (conflict) throw conflict;
        index.add(doc, idKey);
      }
      this.uniques.set(spec.name, index);
    }
    this.specs.push(spec);
    const field = lookupField(spec);
    if (field && !this.lookups.has(field)) {
      const lookup = new EqualityIndex(field);
      for (const [idKey, doc] of docs) lookup.add(lookup.keysOf(doc), idKey);
      this.lookups.set(field, lookup);
    }
  }

  drop(name: string): void {
    const at = this.specs.findIndex((s) => s.name === name);
    if (at < 0) throw new MongoCommandError('IndexNotFound', `index not found with name [${name}]`);
    const [dropped] = this.specs.splice(at, 1);
    this.uniques.delete(name);
    const field = lookupField(dropped);
    if (field && !this.specs.some((s) => lookupField(s) === field)) this.lookups.delete(field);
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
    for (const index of this.uniques.values()) {
      const conflict = index.conflict(doc, idKey);
      if (conflict) throw conflict;
    }
  }

  /** Records a new document (stored under `idKey`) in every index. */
  track(doc: Document, idKey: string): void {
    for (const index of this.uniques.values()) index.add(doc, idKey);
    for (const lookup of this.lookups.values()) lookup.add(lookup.keysOf(doc), idKey);
  }

  /** Moves a replaced document's entries from `before` to `after`. */
  retrack(before: Document, after: Document, idKey: string): void {
    for (const index of this.uniques.values()) {
      index.remove(before, idKey);
      index.add(after, idKey);
    }
    for (const lookup of this.lookups.values()) lookup.update(before, after, idKey);
  }

  untrack(doc: Document, idKey: string): void {
    for (const index of this.uniques.values()) index.remove(doc, idKey);
    for (const lookup of this.lookups.values()) lookup.remove(lookup.keysOf(doc), idKey);
  }

  /** `_id` keys of a superset of the documents matching `filter`, from the most selective usable lookup. */
  candidateIds(filter: Document): Set<string> | undefined {
    let best: Set<string> | undefined;
    for (const [field, condition] of Object.entries(filter)) {
      const lookup = this.lookups.get(field);
      const values = lookup && equalityValues(condition);
      if (!lookup || !values) continue;
      const ids = lookup.lookup(values);
      if (!best || ids.size < best.size) best = ids;
    }
    return best;
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
