import type { Document } from 'bson';
import { Query } from 'mingo';
import { cloneDocument } from './bson-codec';
import { idFirst, setPath } from './document-path';
import { MongoCommandError } from './errors';
import { compileFilter, MINGO_OPTIONS } from './query-engine';
import { isPlainObject } from './value-key';

const LOGICAL = new Set(['$and', '$or', '$nor']);

/**
 * A find projection as mongod applies it: `$slice` (n or [skip, limit]) trims an array and
 * leaves the rest of the document (or joins an inclusion), `$elemMatch` keeps the first
 * matching element (scalars too, with `$in`/`$gte` …), and `_id` comes first. The plain
 * inclusion/exclusion part is mingo's.
 */
export function applyProjection(doc: Document, projection: Document): Document {
  const slices: [string, unknown][] = [];
  const elemMatches: [string, unknown][] = [];
  const rest: Document = {};
  for (const [field, value] of Object.entries(projection)) {
    if (isPlainObject(value) && '$slice' in value) slices.push([field, value.$slice]);
    else if (isPlainObject(value) && '$elemMatch' in value) elemMatches.push([field, value.$elemMatch]);
    else rest[field] = value;
  }
  if (slices.length === 0 && elemMatches.length === 0) return idFirst(mingoProject(doc, rest));
  const inclusion = elemMatches.length > 0 || Object.entries(rest).some(([field, value]) => field !== '_id' && isInclusion(value));
  if (inclusion) for (const [field] of [...slices, ...elemMatches]) rest[field] = 1;
  const source = cloneDocument(doc);
  const out = Object.keys(rest).length > 0 ? mingoProject(source, rest) : source;
  for (const [field, spec] of slices) {
    const value = valueAt(out, field);
    if (Array.isArray(value)) setPath(out, field, slice(value, spec));
  }
  for (const [field, condition] of elemMatches) {
    const value: unknown = source[field];
    const match = Array.isArray(value) ? value.find(elementMatcher(condition)) : undefined;
    if (match === undefined) delete out[field];
    else out[field] = [match];
  }
  return idFirst(out);
}

function isInclusion(value: unknown): boolean {
  return value === true || (typeof value === 'number' && value !== 0) || isPlainObject(value) || typeof value === 'string';
}

function mingoProject(doc: Document, projection: Document): Document {
  if (Object.keys(projection).length === 0) return doc;
  return new Query({}, MINGO_OPTIONS).find<Document>([doc], projection).all()[0] ?? doc;
}

function slice(array: unknown[], spec: unknown): unknown[] {
  if (typeof spec === 'number') return spec >= 0 ? array.slice(0, spec) : array.slice(Math.max(array.length + spec, 0));
  if (Array.isArray(spec) && spec.length === 2 && typeof spec[0] === 'number' && typeof spec[1] === 'number') {
    if (spec[1] <= 0) throw new MongoCommandError('BadValue', `$slice limit must be positive`);
    const start = spec[0] < 0 ? Math.max(array.length + spec[0], 0) : spec[0];
    return array.slice(start, start + spec[1]);
  }
  throw new MongoCommandError('BadValue', '$slice only supports numbers and [skip, limit] arrays');
}

function elementMatcher(condition: unknown): (element: unknown) => boolean {
  if (!isPlainObject(condition)) throw new MongoCommandError('BadValue', '$elemMatch needs an Object');
  const keys = Object.keys(condition);
  if (keys.length > 0 && keys.every((k) => k.startsWith('$') && !LOGICAL.has(k))) {
    const test = compileFilter({ v: condition });
    return (element) => test({ v: element });
  }
  const test = compileFilter(condition);
  return (element) => isPlainObject(element) && test(element);
}

function valueAt(doc: Document, path: string): unknown {
  let current: unknown = doc;
  for (const part of path.split('.')) current = isPlainObject(current) ? current[part] : undefined;
  return current;
}
