import { ObjectId, type Document } from 'bson';
import { sameBytes } from './bson-codec';
import type { Collection } from './collection';
import { idFirst } from './document-path';
import { findDocuments } from './query-engine';
import type { Storage } from './storage';
import { applyUpdate, upsertSeed, type UpdateSpec } from './update-engine';

export interface UpdateRequest {
  filter: Document;
  update: UpdateSpec;
  multi: boolean;
  upsert: boolean;
  arrayFilters?: Document[];
  /** Which document a single update picks first (findAndModify's `sort`). */
  sort?: Document;
}

export interface UpdateOutcome {
  matched: number;
  modified: number;
  upsertedId?: unknown;
  /** For single updates: the document before and after (after = the inserted one on upsert). */
  before?: Document;
  after?: Document;
}

/** Gives a document an ObjectId `_id` when it has none, keeping `_id` first. */
export function withId(doc: Document): Document {
  return '_id' in doc ? idFirst(doc) : { _id: new ObjectId(), ...doc };
}

/** Runs one update statement (shared by `update` and `findAndModify`). */
export function runUpdate(storage: Storage, db: string, name: string, request: UpdateRequest): UpdateOutcome {
  const collection = storage.getCollection(db, name);
  const targets = findDocuments(collection, { filter: request.filter, sort: request.sort, limit: request.multi ? 0 : 1 });
  if (!collection || targets.length === 0) {
    return request.upsert ? upsert(storage.ensureCollection(db, name), request) : { matched: 0, modified: 0 };
  }
  const outcome: UpdateOutcome = { matched: targets.length, modified: 0 };
  for (const current of targets) {
    const next = applyUpdate(current, request.update, { filter: request.filter, arrayFilters: request.arrayFilters, inserting: false });
    // A no-op update (same bytes) is matched but not modified, and not written to disk.
    if (!sameBytes(current, next)) {
      collection.replace(next);
      outcome.modified += 1;
    }
    outcome.before = current;
    outcome.after = next;
  }
  return outcome;
}

function upsert(collection: Collection, request: UpdateRequest): UpdateOutcome {
  const seed = upsertSeed(request.filter);
  const doc = withId(applyUpdate(seed, request.update, { filter: request.filter, arrayFilters: request.arrayFilters, inserting: true }));
  collection.insert(doc);
  return { matched: 0, modified: 0, upsertedId: doc._id, after: doc };
}

/** Deletes the documents matching `filter` (at most one when `limitOne`); returns how many. */
export function runDelete(collection: Collection | undefined, filter: Document, limitOne: boolean, sort?: Document): Document[] {
  if (!collection) return [];
  const targets = findDocuments(collection, { filter, sort, limit: limitOne ? 1 : 0 });
  return targets.filter((doc) => collection.remove(doc));
}
