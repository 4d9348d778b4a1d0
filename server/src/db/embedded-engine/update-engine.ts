import type { Document } from 'bson';
import { update as mingoUpdate } from 'mingo';
import * as updateOperators from 'mingo/operators/update';
import type { Modifier } from 'mingo/updater';
import { cloneDocument } from './bson-codec';
import { idFirst, setPath } from './document-path';
import { MongoCommandError } from './errors';
import { aggregateDocuments, compileFilter } from './query-engine';
import { applyPull } from './pull-operator';
import { checkUpdateOperators } from './update-checks';
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
  takeIdAssignment(base, ops);
  if (Object.keys(ops).length === 0) return base;
  const positioned = ctx.inserting ? ops : resolvePositional(base, ops, ctx.filter);
  checkUpdateOperators(base, positioned);
  const paths = Object.values(positioned).flatMap((fields) => (isPlainObject(fields) ? Object.keys(fields) : []));
  const conflict = findConflict(paths);
  if (conflict) throw new MongoCommandError('ConflictingUpdateOperators', `Updating the path '${conflict[1]}' would create a conflict at '${conflict[0]}'`);
  const resolved = applyPull(base, positioned);
  if (Object.keys(resolved).length === 0) return base;
  if (!ctx.inserting && !ctx.arrayFilters?.length && applyDirectly(base, resolved)) return base;
  // One operator and path at a time: mingo reports sibling paths under one positional operator
  // (`a.$[].x` + `a.$[].y`, as mongoose's subdocument timestamps send) as a conflict, which
  // mongod does not. A leftover `$` (not resolved above) still needs the filter.
  const condition = ctx.inserting || !usesPositional(resolved) ? undefined : ctx.filter;
  for (const [op, fields] of Object.entries(resolved)) {
    if (!isPlainObject(fields)) {
      mingoUpdate(base, { [op]: fields } as Modifier<Document>, ctx.arrayFilters, condition);
      continue;
    }
    for (const [path, arg] of Object.entries(fields)) {
      mingoUpdate(base, { [op]: { [path]: arg } } as Modifier<Document>, ctx.arrayFilters, condition);
    }
  }
  return base;
}

/**
 * `$set: {_id: v}`: allowed when `v` is the current `_id` (mongoose sends it), an
 * ImmutableField error when it changes, and the new `_id` of an upsert without one.
 */
function takeIdAssignment(base: Document, ops: Document): void {
  for (const op of ['$set', '$setOnInsert']) {
    const fields: unknown = ops[op];
    if (!isPlainObject(fields) || !('_id' in fields)) continue;
    const { _id, ...rest } = fields;
    if (!('_id' in base)) base._id = _id;
    else if (valueKey(base._id) !== valueKey(_id)) {
      throw new MongoCommandError('ImmutableField', "Performing an update on the path '_id' would modify the immutable field '_id'");
    }
    if (Object.keys(rest).length > 0) ops[op] = rest;
    else delete ops[op];
  }
}

/**
 * Replaces the positional `$` in `items.$.qty` by the index of the first element of `items`
 * the filter matched (tested one element at a time), so every path of the update names the
 * same element however many operators use it. Left as is when it cannot be resolved here.
 */
function resolvePositional(base: Document, ops: Document, filter: Document): Document {
  if (!usesPositional(ops)) return ops;
  const indexes = new Map<string, number>();
  const resolved: Document = {};
  for (const [op, fields] of Object.entries(ops)) {
    if (!isPlainObject(fields)) {
      resolved[op] = fields;
      continue;
    }
    const out: Document = {};
    for (const [path, arg] of Object.entries(fields)) {
      const parts = path.split('.');
      const at = parts.indexOf('$');
      if (at < 1) {
        out[path] = arg;
        continue;
      }
      const prefix = parts.slice(0, at).join('.');
      if (!indexes.has(prefix)) indexes.set(prefix, matchedIndex(base, prefix, filter));
      const index = indexes.get(prefix) ?? -1;
      if (index < 0) throw new MongoCommandError('BadValue', 'The positional operator did not find the match needed from the query.');
      out[[...parts.slice(0, at), String(index), ...parts.slice(at + 1)].join('.')] = arg;
    }
    resolved[op] = out;
  }
  return resolved;
}

function matchedIndex(base: Document, prefix: string, filter: Document): number {
  const array = pathValue(base, prefix);
  if (!Array.isArray(array) || !mentions(filter, prefix)) return -1;
  const test = compileFilter(filter);
  for (let i = 0; i < array.length; i += 1) if (test(withValueAt(base, prefix.split('.'), [array[i]]))) return i;
  return -1;
}

// mongod only resolves `$` from a condition of the query on that array.
function mentions(filter: Document, prefix: string): boolean {
  return Object.entries(filter).some(([key, value]) =>
    key === prefix || key.startsWith(`${prefix}.`) || (Array.isArray(value) && value.some((part) => isPlainObject(part) && mentions(part, prefix))));
}

// A copy of `doc` sharing everything except the objects along `parts` (cheaper than a deep clone per element).
function withValueAt(doc: Document, parts: string[], value: unknown): Document {
  const [head, ...rest] = parts;
  if (rest.length === 0) return { ...doc, [head]: value };
  const child: unknown = doc[head];
  if (Array.isArray(child) && /^\d+$/.test(rest[0])) {
    const copy = [...child];
    const element: unknown = copy[Number(rest[0])];
    copy[Number(rest[0])] = rest.length === 1 ? value : withValueAt(isPlainObject(element) ? element : {}, rest.slice(1), value);
    return { ...doc, [head]: copy };
  }
  return { ...doc, [head]: withValueAt(isPlainObject(child) ? child : {}, rest, value) };
}

function pathValue(doc: Document, path: string): unknown {
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(part)) current = current[Number(part)];
    else if (isPlainObject(current)) current = current[part];
    else return undefined;
  }
  return current;
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
  return findConflict(paths) !== undefined;
}

function findConflict(paths: string[]): [string, string] | undefined {
  for (const a of paths) {
    const b = paths.find((other, j) => j !== paths.indexOf(a) && (other === a || other.startsWith(`${a}.`)));
    if (b !== undefined) return [a, b];
  }
  return undefined;
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
