import type { Document } from 'bson';
import { compileFilter } from './query-engine';
import { isPlainObject, valueKey } from './value-key';

const LOGICAL = new Set(['$and', '$or', '$nor']);

/**
 * Applies `$pull` on plain paths itself, with mongod's reading of the condition: a literal
 * removes equal elements, `{$gte: 3}` tests each element, and anything else (fields, `$or` …)
 * is a query on each sub-document — mingo removed nothing for `$or`, the form mongoose's
 * `doc.children.pull(id)` sends. Returns the operators left for mingo.
 */
export function applyPull(base: Document, ops: Document): Document {
  const pull: unknown = ops.$pull;
  if (!isPlainObject(pull)) return ops;
  const rest: Document = {};
  for (const [path, condition] of Object.entries(pull)) {
    if (path.includes('$')) {
      rest[path] = condition;
      continue;
    }
    const array = arrayAt(base, path);
    if (!array) continue;
    const matches = elementMatcher(condition);
    for (let i = array.length - 1; i >= 0; i -= 1) if (matches(array[i])) array.splice(i, 1);
  }
  const { $pull: _pull, ...others } = ops;
  return Object.keys(rest).length > 0 ? { ...others, $pull: rest } : others;
}

function elementMatcher(condition: unknown): (element: unknown) => boolean {
  if (!isPlainObject(condition)) {
    const key = valueKey(condition);
    return (element) => valueKey(element) === key;
  }
  const keys = Object.keys(condition);
  if (keys.length > 0 && keys.every((k) => k.startsWith('$') && !LOGICAL.has(k))) {
    const test = compileFilter({ v: condition });
    return (element) => test({ v: element });
  }
  const test = compileFilter(condition);
  return (element) => isPlainObject(element) && test(element);
}

function arrayAt(doc: Document, path: string): unknown[] | undefined {
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(part)) current = current[Number(part)];
    else if (isPlainObject(current)) current = current[part];
    else return undefined;
  }
  return Array.isArray(current) ? current : undefined;
}
