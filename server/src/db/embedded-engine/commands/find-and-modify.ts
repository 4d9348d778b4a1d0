import type { Document } from 'bson';
import { collectionArg, docList, optionalDoc } from '../args';
import type { CommandContext, CommandTable } from '../command-context';
import { MongoCommandError } from '../errors';
import { projectDocument } from '../query-engine';
import type { UpdateSpec } from '../update-engine';
import { runDelete, runUpdate } from '../write-ops';

/**
 * findAndModify: one atomic read-modify-write. Errors (duplicate keys included) fail the
 * whole command, as in MongoDB — there are no writeErrors here.
 */
function findAndModify(command: Document, ctx: CommandContext): Document {
  const name = collectionArg(command, Object.keys(command)[0]);
  const filter = optionalDoc(command, 'query') ?? {};
  const sort = optionalDoc(command, 'sort');
  const fields = optionalDoc(command, 'fields');
  const shown = (doc: Document | undefined): Document | null => (doc ? projectDocument(doc, fields) : null);

  if (command.remove === true) {
    if (command.update !== undefined) throw new MongoCommandError('FailedToParse', 'Cannot specify both an update and remove=true');
    const [removed] = runDelete(ctx.storage.getCollection(ctx.db, name), filter, true, sort);
    return { lastErrorObject: { n: removed ? 1 : 0 }, value: shown(removed), ok: 1 };
  }
  if (typeof command.update !== 'object' || command.update === null) {
    throw new MongoCommandError('FailedToParse', 'Either an update or remove=true must be specified');
  }
  const outcome = runUpdate(ctx.storage, ctx.db, name, {
    filter,
    sort,
    update: command.update as UpdateSpec,
    multi: false,
    upsert: command.upsert === true,
    arrayFilters: command.arrayFilters === undefined ? undefined : docList(command, 'arrayFilters'),
  });
  const upserted = outcome.upsertedId !== undefined;
  const lastErrorObject: Document = { n: outcome.matched + (upserted ? 1 : 0), updatedExisting: outcome.matched > 0 };
  if (upserted) lastErrorObject.upserted = outcome.upsertedId;
  const value = command.new === true ? outcome.after : upserted ? undefined : outcome.before;
  return { lastErrorObject, value: shown(value), ok: 1 };
}

export const findAndModifyCommands: CommandTable = { findAndModify, findandmodify: findAndModify };
