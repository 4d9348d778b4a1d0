import type { Document } from 'bson';
import { collectionArg, docList } from '../args';
import type { Collection } from '../collection';
import type { CommandContext, CommandTable } from '../command-context';
import { MongoCommandError } from '../errors';
import type { IndexSpec } from '../unique-index';
import { isPlainObject, keyPatternKey, valueKey } from '../value-key';

// Options that change what an index enforces; two specs of one name must agree on them.
const BEHAVIOUR_OPTIONS = ['unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds'];

function createIndexes(command: Document, ctx: CommandContext): Document {
  const name = collectionArg(command, 'createIndexes');
  const existed = ctx.storage.getCollection(ctx.db, name) !== undefined;
  const collection = ctx.storage.ensureCollection(ctx.db, name);
  const numIndexesBefore = collection.indexes.list().length;
  for (const requested of docList(command, 'indexes')) {
    const spec = normaliseSpec(requested);
    if (!alreadyExists(collection, spec)) collection.createIndex(spec);
  }
  const numIndexesAfter = collection.indexes.list().length;
  const reply: Document = { numIndexesBefore, numIndexesAfter, createdCollectionAutomatically: !existed, ok: 1 };
  if (numIndexesAfter === numIndexesBefore) reply.note = 'all indexes already exist';
  return reply;
}

function normaliseSpec(requested: Document): IndexSpec {
  const { key, name, v: _v, ns: _ns, background: _background, ...options } = requested;
  if (!isPlainObject(key) || Object.keys(key).length === 0) throw new MongoCommandError('BadValue', 'Index key pattern must be a non-empty object');
  if (typeof name !== 'string' || !name) throw new MongoCommandError('BadValue', 'Index must have a name');
  return { v: 2, key, name, ...options };
}

/** True when an identical index exists; throws when a conflicting one does (as MongoDB does). */
function alreadyExists(collection: Collection, spec: IndexSpec): boolean {
  const sameName = collection.indexes.find(spec.name);
  if (sameName) {
    if (keyPatternKey(sameName.key) !== keyPatternKey(spec.key)) {
      throw new MongoCommandError('IndexKeySpecsConflict', `An existing index has the same name as the requested index but a different key. Requested index: ${spec.name}`);
    }
    if (!sameBehaviour(sameName, spec)) {
      throw new MongoCommandError('IndexOptionsConflict', `An existing index has the same name as the requested index but different options. Requested index: ${spec.name}`);
    }
    return true;
  }
  const sameKey = collection.indexes.findByKey(spec.key);
  if (sameKey && sameBehaviour(sameKey, spec)) {
    throw new MongoCommandError('IndexOptionsConflict', `Index already exists with a different name: ${sameKey.name}`);
  }
  return false;
}

// Numbers compare by value: an option read back from disk may carry another numeric type.
const optionKey = (v: unknown): string => (typeof v === 'number' || isNumericBson(v) ? `n:${Number(v)}` : valueKey(v ?? false));
const isNumericBson = (v: unknown): boolean => typeof v === 'object' && v !== null && ['Int32', 'Double', 'Long'].includes((v as { _bsontype?: string })._bsontype ?? '');

function sameBehaviour(a: IndexSpec, b: IndexSpec): boolean {
  return BEHAVIOUR_OPTIONS.every((option) => optionKey(a[option]) === optionKey(b[option]));
}

function existing(ctx: CommandContext, name: string): Collection {
  const collection = ctx.storage.getCollection(ctx.db, name);
  if (!collection) throw new MongoCommandError('NamespaceNotFound', `ns does not exist: ${ctx.db}.${name}`);
  return collection;
}

function listIndexes(command: Document, ctx: CommandContext): Document {
  const collection = existing(ctx, collectionArg(command, 'listIndexes'));
  return { cursor: ctx.cursors.start(collection.ns, collection.indexes.list(), {}), ok: 1 };
}

function dropIndexes(command: Document, ctx: CommandContext): Document {
  const collection = existing(ctx, collectionArg(command, Object.keys(command)[0]));
  const nIndexesWas = collection.indexes.list().length;
  for (const name of indexNames(collection, command.index)) {
    if (name === '_id_') throw new MongoCommandError('InvalidOptions', 'cannot drop _id index');
    collection.dropIndex(name);
  }
  return { nIndexesWas, ok: 1 };
}

// `index` may be "*", a name, a list of names or a key pattern.
function indexNames(collection: Collection, index: unknown): string[] {
  if (index === '*') return collection.indexes.secondary().map((s) => s.name);
  if (typeof index === 'string') return [index];
  if (Array.isArray(index)) return index.map(String);
  if (isPlainObject(index)) {
    const spec = collection.indexes.findByKey(index);
    if (!spec) throw new MongoCommandError('IndexNotFound', `can't find index with key: ${JSON.stringify(index)}`);
    return [spec.name];
  }
  throw new MongoCommandError('TypeMismatch', "BSON field 'dropIndexes.index' has an invalid type");
}

/** createIndexes, listIndexes and dropIndexes. */
export const indexCommands: CommandTable = { createIndexes, listIndexes, dropIndexes, deleteIndexes: dropIndexes };
