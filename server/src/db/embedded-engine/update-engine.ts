import type { Document } from 'bson';
import { update as mingoUpdate } from 'mingo';
import * as updateOperators from 'mingo/operators/update';
import type { Modifier } from 'mingo/updater';
import { cloneDocument } from './bson-codec';
import { idFirst, setPath } from './document-path';
import { MongoCommandError } from './errors';
import { aggregateDocuments } from './query-engine';
import { isPlainObject, valueKey } from './value-key';

/** An update as the `update`/`findAndModify` commands carry it. */
export type UpdateSpec = Document | Document[];

export interface UpdateContext {
  filter: Document;
  arrayFilters?: Document[];
  /** True when building a new document for an upsert (enables `$setOnInsert`). */
  inserting: boolean;
}

/** Applies an operator, replacement or pipeline update to a copy of `current`. */
export function applyUpdate(current: Document, update: UpdateSpec, ctx: UpdateContext): Document {
  const base = cloneDocument(current);
  let next: Document;
  if (Array.isArray(update)) next = aggregateDocuments([base], update, () => [])[0] ?? base;
  else if (isOperatorUpdate(update)) next = applyOperators(base, update, ctx);
  else next = { ...update };
  if ('_id' in current) {
    if (!('_id' in next)) next._id = current._id;
    if (valueKey(next._id) !== valueKey(current._id)) {
      throw new MongoCommandError('ImmutableField', "Performing an update on the path '_id' would modify the immutable field '_id'");
    }
  }
  return idFirst(next);
}

/** True for `{$set: …}`-style updates; throws for a mix of operators and plain fields. */
export function isOperatorUpdate(update: Document): boolean {
  const keys = Object.keys(update);
  const operators = keys.filter((k) => k.startsWith('$')).length;
  if (operators > 0 && operators < keys.length) {
    const plain = keys.find((k) => !k.startsWith('$'));
    throw new MongoCommandError('FailedToParse', `Unknown modifier: ${plain}. Expected a valid update modifier or pipeline-style update specified as an array`);
  }
  return operators > 0;
}

function applyOperators(base: Document, update: Document, ctx: UpdateContext): Document {
  // mingo has no $setOnInsert: it is a $set when inserting and nothing otherwise.
  const { $setOnInsert, ...ops } = update;
  if (ctx.inserting && isPlainObject($setOnInsert)) ops.$set = { ...(isPlainObject(ops.$set) ? ops.$set : {}), ...$setOnInsert };
  if (Object.keys(ops).length === 0) return base;
  if (!ctx.inserting && !ctx.arrayFilters?.length && applyDirectly(base, ops)) return base;
  // The filter is only passed for the positional `$` operator (the document already matched it;
  // compiling it again is most of an update's cost); mingo skips the update when the condition
  // does not match, which a freshly seeded upsert document need not.
  const condition = ctx.inserting || !usesPositional(ops) ? undefined : ctx.filter;
  mingoUpdate(base, ops as Modifier<Document>, ctx.arrayFilters, condition);
  return base;
}

type OperatorFn = (expr: Document) => (doc: Document) => string[];

/**
 * Update operators applied straight from mingo's operator table, with its prebuilt default
 * options: mingo's `update` assembles a fresh operator context on every call, which was most
 * of an update's cost. `$currentDate` (shared options would freeze its "now") and `$rename`
 * stay with `update`, as do positional paths and paths that conflict, whose errors it reports.
 */
const DIRECT_OPERATORS: Record<string, OperatorFn> = Object.fromEntries(
  (['$set', '$unset', '$inc', '$mul', '$min', '$max', '$push', '$addToSet', '$pull', '$pullAll', '$pop'] as const).map((op) => [op, updateOperators[op] as OperatorFn]),
);

/** Applies `ops` to `base` directly when they qualify (see DIRECT_OPERATORS); false leaves it to mingo's `update`. */
function applyDirectly(base: Document, ops: Document): boolean {
  const entries = Object.entries(ops);
  if (!entries.every(([op, fields]) => op in DIRECT_OPERATORS && isPlainObject(fields))) return false;
  const paths = entries.flatMap(([, fields]) => Object.keys(fields as Document));
  if (paths.some((path) => path.includes('$')) || hasConflict(paths)) return false;
  for (const [op, fields] of entries) DIRECT_OPERATORS[op]?.(fields as Document)(base);
  return true;
}

/** Two paths of one update touching the same field (`a` and `a`, or `a` and `a.b`). */
function hasConflict(paths: string[]): boolean {
  return paths.some((a, i) => paths.some((b, j) => i !== j && (a === b || b.startsWith(`${a}.`))));
}

/** Whether an update path names the matched array element (`items.$.qty`); `$[]` and `$[id]` do not. */
function usesPositional(ops: Document): boolean {
  return Object.values(ops).some((fields) => isPlainObject(fields) && Object.keys(fields).some((path) => path.split('.').includes('$')));
}

const NO_VALUE = Symbol('no equality');

/** The document an upsert starts from: the filter's equality conditions (`{a: 1}`, `{a: {$eq: 1}}`, `$and`). */
export function upsertSeed(filter: Document): Document {
  const seed: Document = {};
  addEqualities(filter, seed);
  return seed;
}

function addEqualities(filter: Document, seed: Document): void {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const part of value) if (isPlainObject(part)) addEqualities(part, seed);
    } else if (!key.startsWith('$')) {
      const literal = equalityValue(value);
      if (literal !== NO_VALUE) setPath(seed, key, literal);
    }
  }
}

function equalityValue(condition: unknown): unknown {
  if (condition instanceof RegExp) return NO_VALUE;
  if (!isPlainObject(condition) || !Object.keys(condition).some((k) => k.startsWith('$'))) return condition;
  const keys = Object.keys(condition);
  return keys.length === 1 && keys[0] === '$eq' ? condition.$eq : NO_VALUE;
}
