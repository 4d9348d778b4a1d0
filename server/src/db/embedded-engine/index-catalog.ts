import type { Document } from 'bson';
import { MongoCommandError } from './errors';
import { UniqueIndex, type IndexSpec } from './unique-index';
import { valueKey } from './value-key';

export const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

/** A TTL index: documents whose `field` (a date) is older than `expireAfterSeconds` are swept. */
export interface TtlRule {
  field: string;
  expireAfterSeconds: number;
}

/** The secondary indexes of one collection and the unique constraints among them. */
export class IndexCatalog {
  private readonly specs: IndexSpec[] = [];
  private readonly uniques = new Map<string, UniqueIndex>();

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
    return this.list().find((s) => valueKey(s.key) === valueKey(key));
  }

  /** Adds an index, first checking existing documents against it if it is unique. */
  add(spec: IndexSpec, docs: Iterable<[string, Document]>): void {
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
  }

  drop(name: string): void {
    const at = this.specs.findIndex((s) => s.name === name);
    if (at < 0) throw new MongoCommandError('IndexNotFound', `index not found with name [${name}]`);
    this.specs.splice(at, 1);
    this.uniques.delete(name);
  }

  ttlRules(): TtlRule[] {
    return this.specs
      .filter((s) => typeof s.expireAfterSeconds === 'number' && Object.keys(s.key).length === 1)
      .map((s) => ({ field: Object.keys(s.key)[0], expireAfterSeconds: Number(s.expireAfterSeconds) }));
  }

  /** Throws the duplicate-key error storing `doc` under `idKey` would cause. */
  check(doc: Document, idKey: string): void {
    for (const index of this.uniques.values()) {
      const conflict = index.conflict(doc, idKey);
      if (conflict) throw conflict;
    }
  }

  /** Records `doc` (stored under `idKey`) in every unique index. */
  track(doc: Document, idKey: string): void {
    for (const index of this.uniques.values()) index.add(doc, idKey);
  }

  untrack(doc: Document, idKey: string): void {
    for (const index of this.uniques.values()) index.remove(doc, idKey);
  }
}
