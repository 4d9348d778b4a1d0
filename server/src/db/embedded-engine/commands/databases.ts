import type { Document } from 'bson';
import type { CommandContext, CommandTable } from '../command-context';

function listDatabases(command: Document, ctx: CommandContext): Document {
  const sized = ctx.storage.databaseNames().map((name) => ({
    name,
    sizeOnDisk: ctx.storage.collections(name).reduce((sum, c) => sum + c.dataSize(), 0),
  }));
  const databases = sized.map(({ name, sizeOnDisk }) => (command.nameOnly === true ? { name } : { name, sizeOnDisk, empty: sizeOnDisk === 0 }));
  const totalSize = sized.reduce((sum, db) => sum + db.sizeOnDisk, 0);
  return { databases, totalSize, ok: 1 };
}

function dropDatabase(_command: Document, ctx: CommandContext): Document {
  ctx.storage.dropDatabase(ctx.db);
  return { dropped: ctx.db, ok: 1 };
}

function dbStats(_command: Document, ctx: CommandContext): Document {
  const collections = ctx.storage.collections(ctx.db);
  const objects = collections.reduce((sum, c) => sum + c.count, 0);
  const dataSize = collections.reduce((sum, c) => sum + c.dataSize(), 0);
  return {
    db: ctx.db,
    collections: collections.length,
    views: 0,
    objects,
    avgObjSize: objects > 0 ? dataSize / objects : 0,
    dataSize,
    storageSize: dataSize,
    indexes: collections.reduce((sum, c) => sum + c.indexes.list().length, 0),
    indexSize: 0,
    ok: 1,
  };
}

/** listDatabases, dropDatabase and dbStats. */
export const databaseCommands: CommandTable = { listDatabases, dropDatabase, dbStats };
