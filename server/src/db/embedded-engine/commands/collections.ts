import type { Document } from 'bson';
import { collectionArg, optionalDoc } from '../args';
import type { Collection } from '../collection';
import type { CommandContext, CommandTable } from '../command-context';
import { checkCollectionOptions } from '../collection-rules';
import { MongoCommandError } from '../errors';
import { ID_INDEX } from '../index-catalog';
import { findDocuments } from '../query-engine';

function create(command: Document, ctx: CommandContext): Document {
  const { create: _name, ...options } = command;
  checkCollectionOptions(options);
  ctx.storage.createCollection(ctx.db, collectionArg(command, 'create'), options);
  return { ok: 1 };
}

function drop(command: Document, ctx: CommandContext): Document {
  const name = collectionArg(command, 'drop');
  const collection = ctx.storage.getCollection(ctx.db, name);
  const nIndexesWas = collection?.indexes.list().length ?? 0;
  ctx.storage.dropCollection(ctx.db, name);
  // Since MongoDB 7.0 dropping a missing collection succeeds.
  return { ns: `${ctx.db}.${name}`, nIndexesWas, ok: 1 };
}

function collectionInfo(collection: Collection): Document {
  return {
    name: collection.name,
    type: 'collection',
    options: collection.options,
    info: { readOnly: false },
    idIndex: ID_INDEX,
  };
}

function listCollections(command: Document, ctx: CommandContext): Document {
  const infos = ctx.storage.collections(ctx.db).map(collectionInfo);
  const matching = findDocuments({ all: () => infos, getById: () => undefined }, { filter: optionalDoc(command, 'filter') });
  const shown = command.nameOnly === true ? matching.map((info) => ({ name: info.name, type: info.type })) : matching;
  return { cursor: ctx.cursors.start(`${ctx.db}.$cmd.listCollections`, shown, {}), ok: 1 };
}

function collStats(command: Document, ctx: CommandContext): Document {
  const name = collectionArg(command, 'collStats');
  const collection = ctx.storage.getCollection(ctx.db, name);
  const size = collection?.dataSize() ?? 0;
  const count = collection?.count ?? 0;
  return {
    ns: `${ctx.db}.${name}`,
    size,
    count,
    avgObjSize: count > 0 ? Math.round(size / count) : 0,
    storageSize: size,
    nindexes: collection?.indexes.list().length ?? 0,
    totalIndexSize: 0,
    ok: 1,
  };
}

const COLL_MOD_OPTIONS = ['validator', 'validationLevel', 'validationAction'];

/** collMod: changes a collection's validator, validationLevel or validationAction. */
function collMod(command: Document, ctx: CommandContext): Document {
  const name = collectionArg(command, 'collMod');
  const collection = ctx.storage.getCollection(ctx.db, name);
  if (!collection) throw new MongoCommandError('NamespaceNotFound', `ns does not exist: ${ctx.db}.${name}`);
  const { collMod: _name, ...changes } = command;
  for (const option of Object.keys(changes)) {
    if (option === 'index') throw new MongoCommandError('NotImplemented', 'collMod of an index is not supported by the embedded engine');
    if (!COLL_MOD_OPTIONS.includes(option)) throw new MongoCommandError('InvalidOptions', `unknown option to collMod: ${option}`);
  }
  const options = { ...collection.options, ...changes };
  checkCollectionOptions(options);
  collection.setOptions(options);
  return { ok: 1 };
}

/** create, collMod, drop, listCollections and collStats. */
export const collectionCommands: CommandTable = { create, collMod, drop, listCollections, collStats };
