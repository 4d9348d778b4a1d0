import type { Document } from 'bson';
import { rewriteBinaryRanges } from './binary-range';
import { isPlainObject } from './value-key';

const LOGICAL = ['$and', '$or', '$nor'];

/**
 * Rewrites `{f: {$all: [a, b]}}` as `{$and: [{f: a}, {f: b}]}`, which is how mongod defines
 * it: mingo matched nothing when `f` is not an array (mongod: `{f: 1}` matches `$all: [1]`).
 * Range operators on a Binary go to the engine's BinData order (binary-range.ts).
 */
export function rewriteFilter(filter: Document): Document {
  const out: Document = {};
  const extra: Document[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (LOGICAL.includes(key) && Array.isArray(value)) {
      out[key] = value.map((part) => (isPlainObject(part) ? rewriteFilter(part) : part));
    } else if (!key.startsWith('$') && isPlainObject(value) && Array.isArray(value.$all) && value.$all.length > 0) {
      const { $all: all, ...others } = value;
      if (Object.keys(others).length > 0) out[key] = rewriteBinaryRanges(others);
      for (const element of all as unknown[]) extra.push({ [key]: element });
    } else {
      out[key] = key.startsWith('$') ? value : rewriteBinaryRanges(value);
    }
  }
  if (extra.length === 0) return out;
  return { ...out, $and: [...(Array.isArray(out.$and) ? (out.$and as Document[]) : []), ...extra] };
}
