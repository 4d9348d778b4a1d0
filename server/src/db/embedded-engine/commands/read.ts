import type { Document } from 'bson';
import { collectionArg, intArg, optionalDoc } from '../args';
import type { CommandContext, CommandTable } from '../command-context';
import { pathValues } from '../document-path';
import { MongoCommandError } from '../errors';
import { findDocuments } from '../query-engine';
import { valueKey } from '../value-key';

function find(command: Document, ctx: CommandContext): Document {
  const name = collectionArg(command, 'find');
  const limit = intArg(command, 'limit');
  const docs = findDocuments(ctx.storage.getCollection(ctx.db, name), {
    filter: optionalDoc(command, 'filter'),
    sort: optionalDoc(command, 'sort'),
    projection: optionalDoc(command, 'projection'),
    skip: intArg(command, 'skip'),
    limit,
  });
  const batchSize = command.batchSize === undefined ? undefined : intArg(command, 'batchSize');
  // A negative limit is the legacy way of asking for a single batch.
  const singleBatch = command.singleBatch === true || limit < 0;
  return { cursor: ctx.cursors.start(`${ctx.db}.${name}`, docs, { batchSize, singleBatch }), ok: 1 };
}

function count(command: Document, ctx: CommandContext): Document {
  const collection = ctx.storage.getCollection(ctx.db, collectionArg(command, 'count'));
  const query = optionalDoc(command, 'query') ?? {};
  const skip = intArg(command, 'skip');
  const limit = intArg(command, 'limit');
  if (Object.keys(query).length === 0 && skip === 0 && limit === 0) return { n: collection?.count ?? 0, ok: 1 };
  return { n: findDocuments(collection, { filter: query, skip, limit }).length, ok: 1 };
}

function distinct(command: Document, ctx: CommandContext): Document {
  const key = command.key;
  if (typeof key !== 'string') throw new MongoCommandError('TypeMismatch', "BSON field 'distinct.key' must be a string");
  const collection = ctx.storage.getCollection(ctx.db, collectionArg(command, 'distinct'));
  const values = new Map<string, unknown>();
  for (const doc of findDocuments(collection, { filter: optionalDoc(command, 'query') })) {
    for (const value of pathValues(doc, key)) {
      if (value !== undefined && !values.has(valueKey(value))) values.set(valueKey(value), value);
    }
  }
  return { values: [...values.values()], ok: 1 };
}

/** find, count and distinct. */
export const readCommands: CommandTable = { find, count, distinct };
