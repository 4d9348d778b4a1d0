import type { Document } from 'bson';
import { pathValues } from './document-path';
import { RawRecord, type StoredDocument } from './raw-record';
import { valueKey } from './value-key';

/**
 * A lookup from the values of one field to the documents holding them (by `_id` key), kept for
 * the first field of every index (sparse and partial ones too). It only narrows the candidates
 * of a query with an equality on that field; the filter is still applied to each candidate, so
 * it must merely never miss a match. Arrays fan out per element, missing fields count as null.
 */
export class EqualityIndex {
  private readonly entries = new Map<string, Set<string>>();

  constructor(readonly field: string) {}

  /** Index keys of a document on this field. */
  keysOf(doc: Document): Set<string> {
    return new Set(pathValues(doc, this.field).map(valueKey));
  }

  /** Index keys read from a stored record's bytes; undefined when the document must be decoded. */
  storedKeys(stored: StoredDocument): Iterable<string> | undefined {
    return stored instanceof RawRecord ? stored.pathKeys(this.field)?.keys : this.keysOf(stored);
  }

  add(keys: Iterable<string>, idKey: string): void {
    for (const key of keys) {
      let ids = this.entries.get(key);
      if (!ids) {
        ids = new Set();
        this.entries.set(key, ids);
      }
      ids.add(idKey);
    }
  }

  remove(keys: Iterable<string>, idKey: string): void {
    for (const key of keys) {
      const ids = this.entries.get(key);
      ids?.delete(idKey);
      if (ids?.size === 0) this.entries.delete(key);
    }
  }

  /** Moves a document from its old keys to its new ones, leaving unchanged keys (and their order) alone. */
  update(before: Document, after: Document, idKey: string): void {
    const oldKeys = this.keysOf(before);
    const newKeys = this.keysOf(after);
    this.remove([...oldKeys].filter((k) => !newKeys.has(k)), idKey);
    this.add([...newKeys].filter((k) => !oldKeys.has(k)), idKey);
  }

  /** `_id` keys of documents whose field equals any of `values`. */
  lookup(values: unknown[]): Set<string> {
    const found = new Set<string>();
    for (const value of values) for (const id of this.entries.get(valueKey(value)) ?? []) found.add(id);
    return found;
  }
}
