import type { Document } from 'bson';
import { pathValues } from './document-path';
import type { TtlRule } from './index-catalog';
import type { Storage } from './storage';

/**
 * Deletes documents whose TTL index date has expired, as mongod's TTL monitor does
 * (a document whose indexed field is not a date, or is missing, never expires).
 * Returns the number of documents removed.
 */
export function sweepExpired(storage: Storage, now = Date.now()): number {
  let removed = 0;
  for (const collection of storage.allCollections()) {
    for (const rule of collection.indexes.ttlRules()) {
      for (const doc of collection.all()) {
        if (isExpired(doc, rule, now) && collection.remove(doc)) removed += 1;
      }
    }
  }
  return removed;
}

// With an array of dates, the earliest one decides (MongoDB's rule).
function isExpired(doc: Document, rule: TtlRule, now: number): boolean {
  const times = pathValues(doc, rule.field)
    .filter((v): v is Date => v instanceof Date)
    .map((d) => d.getTime());
  return times.length > 0 && Math.min(...times) + rule.expireAfterSeconds * 1000 <= now;
}
