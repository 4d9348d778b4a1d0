import type { Document } from 'bson';
import type { CommandContext, CommandTable } from '../command-context';
import { MongoCommandError } from '../errors';
import { compileFilter } from '../query-engine';
import { refuseUnsupportedIn } from '../unsupported-features';
import { isPlainObject } from '../value-key';

const EXPLAINABLE = ['find', 'count', 'distinct', 'aggregate', 'update', 'delete', 'findAndModify'];

/**
 * explain: the engine has one plan — a scan of the collection in memory (an `_id` or indexed
 * equality narrows it first) — so it describes that plan without running the command.
 */
function explain(command: Document, ctx: CommandContext): Document {
  const inner: unknown = command.explain;
  if (!isPlainObject(inner)) throw new MongoCommandError('TypeMismatch', "BSON field 'explain.explain' is the wrong type, expected type 'object'");
  const name = Object.keys(inner)[0] ?? '';
  if (!EXPLAINABLE.includes(name)) throw new MongoCommandError('IllegalOperation', `Explain for command '${name}' is not supported`);
  refuseUnsupportedIn(name, inner);
  const filter = (isPlainObject(inner.filter) ? inner.filter : isPlainObject(inner.query) ? inner.query : {}) as Document;
  compileFilter(filter);
  const winningPlan = { stage: 'COLLSCAN', filter, direction: 'forward' };
  return {
    explainVersion: '1',
    queryPlanner: { namespace: `${ctx.db}.${String(inner[name])}`, parsedQuery: filter, winningPlan, rejectedPlans: [] },
    command: inner,
    serverInfo: { host: 'embedded', version: '7.0.0' },
    ok: 1,
  };
}

/** setParameter: accepted and ignored (the engine has no tunable server parameters). */
function setParameter(command: Document): Document {
  const names = Object.keys(command).filter((k) => k !== 'setParameter');
  if (names.length === 0) throw new MongoCommandError('BadValue', 'no option found to set, use help:true to see options');
  return { was: null, ok: 1 };
}

export const explainCommands: CommandTable = { explain, setParameter };
