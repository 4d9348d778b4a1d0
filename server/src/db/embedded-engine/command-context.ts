import type { Document } from 'bson';
import type { CursorRegistry } from './cursor-registry';
import type { Storage } from './storage';

/** What a command handler may use: the target database, the data and the open cursors. */
export interface CommandContext {
  db: string;
  storage: Storage;
  cursors: CursorRegistry;
  connectionId: number;
  startedAt: Date;
}

/**
 * A command handler. Handlers are synchronous on purpose: node runs one at a time, so every
 * command is atomic with respect to every other connection (e.g. concurrent `$inc`s).
 */
export type CommandHandler = (command: Document, ctx: CommandContext) => Document;

export type CommandTable = Record<string, CommandHandler>;
