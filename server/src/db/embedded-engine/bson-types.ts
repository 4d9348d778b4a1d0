import { Binary, Decimal128, Double, Int32, Long, ObjectId, Timestamp } from 'bson';
import { isPlainObject } from './value-key';

/** MongoDB's name for a value's BSON type (`$type` aliases), used in error messages and `bsonType`. */
export function bsonTypeName(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 2 ** 31 ? 'int' : 'double';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  if (value instanceof ObjectId) return 'objectId';
  if (value instanceof Long) return 'long';
  if (value instanceof Int32) return 'int';
  if (value instanceof Double) return 'double';
  if (value instanceof Decimal128) return 'decimal';
  if (value instanceof Binary) return 'binData';
  if (value instanceof RegExp) return 'regex';
  if (value instanceof Timestamp) return 'timestamp';
  if (isPlainObject(value)) return 'object';
  return 'unknown';
}

const NUMERIC = new Set(['int', 'long', 'double', 'decimal']);

/** int, long, double or decimal. */
export function isNumeric(value: unknown): boolean {
  return NUMERIC.has(bsonTypeName(value));
}

/** Whether `value` has one of the `bsonType` names (`"number"` covers every numeric type). */
export function hasBsonType(value: unknown, names: string | string[]): boolean {
  const type = bsonTypeName(value);
  return (Array.isArray(names) ? names : [names]).some((name) => name === type || (name === 'number' && NUMERIC.has(type)));
}
