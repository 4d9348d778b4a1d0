import type { Document } from 'bson';
import { collectionArg, docList, intArg, optionalDoc } from '../args';
import type { CommandContext, CommandTable } from '../command-context';
import { MongoCommandError, toCommandError } from '../errors';
import type { UpdateSpec } from '../update-engine';
import { runDelete, runUpdate, withId } from '../write-ops';

/** Runs each statement of a batch write, collecting MongoDB-shaped `writeErrors`. */
function eachStatement(command: Document, statements: Document[], run: (statement: Document, index: number) => void): Document[] {
  const ordered = command.ordered !== false;
  const writeErrors: Document[] = [];
  for (let index = 0; index < statements.length; index += 1) {
    try {
      run(statements[index], index);
    } catch (err) {
      writeErrors.push(toCommandError(err).toWriteError(index));
      if (ordered) break;
    }
  }
  return writeErrors;
}

function withErrors(reply: Document, writeErrors: Document[]): Document {
  return writeErrors.length > 0 ? { ...reply, writeErrors, ok: 1 } : { ...reply, ok: 1 };
}

function insert(command: Document, ctx: CommandContext): Document {
  const collection = ctx.storage.ensureCollection(ctx.db, collectionArg(command, 'insert'));
  let n = 0;
  const writeErrors = eachStatement(command, docList(command, 'documents'), (doc) => {
    collection.insert(withId(doc));
    n += 1;
  });
  return withErrors({ n }, writeErrors);
}

function update(command: Document, ctx: CommandContext): Document {
  const name = collectionArg(command, 'update');
  let n = 0;
  let nModified = 0;
  const upserted: Document[] = [];
  const writeErrors = eachStatement(command, docList(command, 'updates'), (statement, index) => {
    const u: unknown = statement.u;
    if (typeof u !== 'object' || u === null) throw new MongoCommandError('FailedToParse', "BSON field 'update.updates.u' is missing but a required field");
    const outcome = runUpdate(ctx.storage, ctx.db, name, {
      filter: optionalDoc(statement, 'q') ?? {},
      update: u as UpdateSpec,
      multi: statement.multi === true,
      upsert: statement.upsert === true,
      arrayFilters: statement.arrayFilters === undefined ? undefined : docList(statement, 'arrayFilters'),
    });
    n += outcome.matched;
    nModified += outcome.modified;
    if (outcome.upsertedId !== undefined) {
      n += 1;
      upserted.push({ index, _id: outcome.upsertedId });
    }
  });
  return withErrors(upserted.length > 0 ? { n, nModified, upserted } : { n, nModified }, writeErrors);
}

function remove(command: Document, ctx: CommandContext): Document {
  const collection = ctx.storage.getCollection(ctx.db, collectionArg(command, 'delete'));
  let n = 0;
  const writeErrors = eachStatement(command, docList(command, 'deletes'), (statement) => {
    const limit = intArg(statement, 'limit');
    if (limit !== 0 && limit !== 1) throw new MongoCommandError('BadValue', 'The limit field in delete objects must be 0 or 1.');
    n += runDelete(collection, optionalDoc(statement, 'q') ?? {}, limit === 1).length;
  });
  return withErrors({ n }, writeErrors);
}

/** insert, update and delete: batched writes with per-statement errors. */
export const writeCommands: CommandTable = { insert, update, delete: remove };
