import { Binary, ObjectId, Timestamp } from 'bson';
import { compareBinary } from './binary-range';
import { isPlainObject } from './value-key';

/**
 * mongod's order of values of different BSON types, as aggregation expressions compare them
 * (`$min`/`$max` over a list of operands): numbers < strings < objects < arrays < BinData <
 * ObjectId < booleans < dates < timestamps < regular expressions. Unlike a query's sort, an
 * array is one value here: it is not searched for its least or greatest element.
 */
function rank(v: unknown): number {
  if (v === null || v === undefined) return 1;
  if (typeof v === 'number' || typeof v === 'bigint') return 2;
  if (typeof v === 'string' || typeof v === 'symbol') return 3;
  if (Array.isArray(v)) return 5;
  if (v instanceof Binary) return 6;
  if (v instanceof ObjectId) return 7;
  if (typeof v === 'boolean') return 8;
  if (v instanceof Date) return 9;
  if (v instanceof Timestamp) return 10;
  if (v instanceof RegExp) return 11;
  // Long, Int32, Double and Decimal128 are numbers.
  if (typeof v === 'object' && ['Long', 'Int32', 'Double', 'Decimal128'].includes((v as { _bsontype?: string })._bsontype ?? '')) return 2;
  return isPlainObject(v) ? 4 : 12;
}

const simple = <T>(a: T, b: T): number => (a < b ? -1 : a > b ? 1 : 0);
/** A number of any BSON numeric type as a JS number (Decimal128 has no numeric valueOf). */
const numeric = (v: unknown): number => (typeof v === 'number' ? v : Number(String(v)));

/** Negative, zero or positive as `a` orders before, with or after `b`. */
export function compareBson(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 2:
      return simple(numeric(a), numeric(b));
    case 3:
      return simple(String(a), String(b));
    case 4: {
      // Field by field, in order, as mongod compares documents: the value's type, the name, the value.
      const ea = Object.entries(a as object);
      const eb = Object.entries(b as object);
      for (let i = 0; i < Math.min(ea.length, eb.length); i++) {
        const [ka, va] = ea[i] as [string, unknown];
        const [kb, vb] = eb[i] as [string, unknown];
        const order = simple(rank(va), rank(vb)) || simple(ka, kb) || compareBson(va, vb);
        if (order) return order;
      }
      return simple(ea.length, eb.length);
    }
    case 5: {
      const xa = a as unknown[];
      const xb = b as unknown[];
      for (let i = 0; i < Math.min(xa.length, xb.length); i++) {
        const order = compareBson(xa[i], xb[i]);
        if (order) return order;
      }
      return simple(xa.length, xb.length);
    }
    case 6:
      return compareBinary(a as Binary, b as Binary);
    case 7:
      return simple((a as ObjectId).toHexString(), (b as ObjectId).toHexString());
    case 8:
      return simple(Number(a), Number(b));
    case 9:
      return simple((a as Date).getTime(), (b as Date).getTime());
    case 10:
      return (a as Timestamp).compare(b as Timestamp);
    case 11:
      return simple(String(a), String(b));
    default:
      return 0;
  }
}
