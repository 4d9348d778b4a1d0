import type { Document } from 'bson';
import { MongoCommandError } from './errors';
import { isPlainObject } from './value-key';

// Server-side JavaScript is off (as on a mongod with `security.javascriptEnabled: false`).
const JAVASCRIPT = new Set(['$where', '$function', '$accumulator']);
// Nearness needs a geo index, which the engine does not build (mongod without one: 291).
const NEAR = new Set(['$near', '$nearSphere', '$geoNear']);
// Geo predicates are not implemented; refused by name rather than as an unknown operator.
const GEO = new Set(['$geoWithin', '$geoIntersects', '$within']);

/** Refuses, loudly and with mongod's codes, what the engine cannot answer faithfully. */
export function refuseUnsupported(spec: unknown): void {
  if (Array.isArray(spec)) {
    for (const item of spec) refuseUnsupported(item);
    return;
  }
  if (!isPlainObject(spec)) return;
  for (const [key, value] of Object.entries(spec)) {
    if (JAVASCRIPT.has(key)) throw new MongoCommandError('BadValue', `no globalScriptEngine in ${key} parsing: the embedded engine runs no JavaScript`);
    if (NEAR.has(key)) {
      throw new MongoCommandError('NoQueryExecutionPlans', 'error processing query: planner returned error :: caused by :: unable to find index for $geoNear query');
    }
    if (GEO.has(key)) throw new MongoCommandError('BadValue', `${key} is not supported by the embedded engine (no geo queries)`);
    refuseUnsupported(value);
  }
}

/**
 * A collation other than `simple` changes how strings match and sort; mingo can only sort
 * with one, so rather than answer differently the engine refuses it.
 */
export function refuseCollation(command: Document): void {
  const collation: unknown = command.collation;
  if (collation === undefined || (isPlainObject(collation) && collation.locale === 'simple')) return;
  throw new MongoCommandError('NotImplemented', 'collation is not supported by the embedded engine (only {locale: "simple"})');
}

const QUERYING = new Set(['find', 'count', 'distinct', 'aggregate', 'update', 'delete', 'findAndModify', 'findandmodify', 'create', 'createIndexes']);

/** The checks above over the parts of a command that hold filters, pipelines and collations. */
export function refuseUnsupportedIn(name: string, command: Document): void {
  if (!QUERYING.has(name)) return;
  refuseCollation(command);
  refuseUnsupported([command.filter, command.query, command.pipeline]);
  for (const field of ['updates', 'deletes', 'indexes']) {
    const statements: unknown = command[field];
    if (!Array.isArray(statements)) continue;
    for (const statement of statements) {
      if (!isPlainObject(statement)) continue;
      refuseCollation(statement);
      refuseUnsupported(statement.q);
    }
  }
}

/** A `hint` naming an index the collection does not have (mongod: 2 BadValue). */
export function checkHint(command: Document, hasIndex: (hint: string | Document) => boolean): void {
  const hint: unknown = command.hint;
  if (hint === undefined || (isPlainObject(hint) && Object.keys(hint).length === 0)) return;
  if (isPlainObject(hint) && '$natural' in hint) return;
  if ((typeof hint === 'string' || isPlainObject(hint)) && hasIndex(hint)) return;
  throw new MongoCommandError('BadValue', 'hint provided does not correspond to an existing index');
}
