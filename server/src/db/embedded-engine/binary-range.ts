import { Binary, type Document } from 'bson';
import type { Options, QueryOperator } from 'mingo/types';
import { pathValues } from './document-path';
import { isPlainObject } from './value-key';

// `$lt`/`$lte`/`$gt`/`$gte` with a Binary operand are rewritten to these (mingo orders Binary by
// its text form, so such ranges never matched); the names are internal to the engine.
const RANGES: Record<string, { name: string; holds: (order: number) => boolean }> = {
  $lt: { name: '$_binaryLt', holds: (order) => order < 0 },
  $lte: { name: '$_binaryLte', holds: (order) => order <= 0 },
  $gt: { name: '$_binaryGt', holds: (order) => order > 0 },
  $gte: { name: '$_binaryGte', holds: (order) => order >= 0 },
};

/** mongod's order of BinData values: by length, then subtype, then bytes. */
export function compareBinary(a: Binary, b: Binary): number {
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  if (a.sub_type !== b.sub_type) return a.sub_type < b.sub_type ? -1 : 1;
  return Buffer.compare(a.buffer.subarray(0, a.position), b.buffer.subarray(0, b.position));
}

/** The query operators the rewrite below targets, for mingo's context. */
export const BINARY_RANGE_OPERATORS: Record<string, QueryOperator> = Object.fromEntries(
  Object.values(RANGES).map(({ name, holds }) => {
    // Only BinData compares with BinData (mongod's type bracketing); array elements each count.
    const operator: QueryOperator = (selector: string, value: unknown, _options: Options) => (doc: Document) =>
      value instanceof Binary && pathValues(doc, selector).some((v) => v instanceof Binary && holds(compareBinary(v, value)));
    return [name, operator];
  }),
);

/** A field condition with its Binary range operators renamed to the engine's own (see above). */
export function rewriteBinaryRanges(condition: unknown): unknown {
  if (!isPlainObject(condition)) return condition;
  const entries = Object.entries(condition);
  if (!entries.some(([op, operand]) => op in RANGES && operand instanceof Binary)) return condition;
  return Object.fromEntries(entries.map(([op, operand]) => [op in RANGES && operand instanceof Binary ? (RANGES[op] as { name: string }).name : op, operand]));
}
