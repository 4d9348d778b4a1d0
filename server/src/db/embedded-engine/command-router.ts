import type { Document } from 'bson';
import type { CommandContext, CommandTable } from './command-context';
import { aggregateCommands } from './commands/aggregate';
import { collectionCommands } from './commands/collections';
import { cursorCommands } from './commands/cursors';
import { databaseCommands } from './commands/databases';
import { explainCommands } from './commands/explain';
import { findAndModifyCommands } from './commands/find-and-modify';
import { handshakeCommands } from './commands/handshake';
import { indexCommands } from './commands/indexes';
import { readCommands } from './commands/read';
import { writeCommands } from './commands/write';
import { commandNotFound, isEngineBug, MongoCommandError, toCommandError } from './errors';
import type { EngineLogger } from './logger';
import { checkHint, refuseUnsupportedIn } from './unsupported-features';

const COMMANDS: CommandTable = {
  ...handshakeCommands,
  ...databaseCommands,
  ...collectionCommands,
  ...indexCommands,
  ...readCommands,
  ...cursorCommands,
  ...aggregateCommands,
  ...writeCommands,
  ...findAndModifyCommands,
  ...explainCommands,
};

// Fields any command may carry that only matter to a replica set, a sharded cluster or a
// session-aware server; removing them here keeps handlers (and `create`'s options) clean.
const GENERIC_FIELDS = [
  '$db', 'lsid', '$clusterTime', 'txnNumber', 'autocommit', 'startTransaction', 'readConcern', 'writeConcern',
  'apiVersion', 'apiStrict', 'apiDeprecationErrors', '$readPreference', 'maxTimeMS', 'comment',
];

/** Finds the handler for a command, runs it and turns any failure into MongoDB's error reply. */
export class CommandRouter {
  constructor(
    private readonly logger: EngineLogger,
    private readonly commands: CommandTable = COMMANDS,
  ) {}

  /** Runs one command to completion; never throws. */
  dispatch(command: Document, ctx: CommandContext): Document {
    const name = Object.keys(command)[0] ?? '';
    try {
      if (command.autocommit === false) {
        throw new MongoCommandError('IllegalOperation', 'Transaction numbers are only allowed on a replica set member or mongos');
      }
      const handler = Object.hasOwn(this.commands, name) ? this.commands[name] : undefined;
      if (!handler) throw commandNotFound(name);
      refuseUnsupportedIn(name, command);
      const target = typeof command[name] === 'string' ? ctx.storage.getCollection(ctx.db, command[name] as string) : undefined;
      if (target && (name === 'find' || name === 'aggregate' || name === 'count')) {
        checkHint(command, (hint) => (typeof hint === 'string' ? target.indexes.find(hint) : target.indexes.findByKey(hint)) !== undefined);
      }
      const reply = handler(stripGenericFields(command), ctx);
      if (isJournaled(command)) ctx.storage.sync();
      return reply;
    } catch (err) {
      if (isEngineBug(err)) this.logger.error({ err, command: name }, 'embedded engine: command failed unexpectedly');
      return toCommandError(err).toReply();
    }
  }
}

function stripGenericFields(command: Document): Document {
  const stripped: Document = { ...command };
  for (const field of GENERIC_FIELDS) delete stripped[field];
  return stripped;
}

// `{writeConcern: {j: true}}` asks for the write to be on disk, not just in the OS cache.
function isJournaled(command: Document): boolean {
  const concern: unknown = command.writeConcern;
  return typeof concern === 'object' && concern !== null && (concern as Document).j === true;
}
