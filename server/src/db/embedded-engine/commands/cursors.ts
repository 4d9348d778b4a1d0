import type { Document } from 'bson';
import { toNumber } from '../args';
import type { CommandContext, CommandTable } from '../command-context';
import { MongoCommandError } from '../errors';

function getMore(command: Document, ctx: CommandContext): Document {
  const id = toNumber(command.getMore);
  if (id === undefined) throw new MongoCommandError('TypeMismatch', "BSON field 'getMore.getMore' must be a long");
  const batchSize = toNumber(command.batchSize);
  return { cursor: ctx.cursors.more(id, batchSize), ok: 1 };
}

function killCursors(command: Document, ctx: CommandContext): Document {
  const ids = Array.isArray(command.cursors) ? command.cursors.map(toNumber).filter((id): id is number => id !== undefined) : [];
  const { killed, notFound } = ctx.cursors.kill(ids);
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
}

/** getMore and killCursors over the cursor registry. */
export const cursorCommands: CommandTable = { getMore, killCursors };
