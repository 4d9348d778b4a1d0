import { Long, type Document } from 'bson';
import { MongoCommandError } from './errors';
import { isPlainObject } from './value-key';

/** Reads numeric command fields whatever BSON number type the driver chose. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value instanceof Long) return value.toNumber();
  if (typeof value === 'bigint') return Number(value);
  return undefined;
}

export function intArg(command: Document, field: string, fallback = 0): number {
  const value = command[field];
  if (value === undefined || value === null) return fallback;
  const n = toNumber(value);
  if (n === undefined) throw typeMismatch(field, 'a number');
  return Math.trunc(n);
}

export function optionalDoc(command: Document, field: string): Document | undefined {
  const value = command[field];
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) throw typeMismatch(field, 'an object');
  return value;
}

export function docList(command: Document, field: string): Document[] {
  const value = command[field];
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every(isPlainObject)) throw typeMismatch(field, 'an array of objects');
  return value;
}

/** The collection a command names in its first field (`{find: "users", …}`). */
export function collectionArg(command: Document, commandName: string): string {
  const value = command[commandName];
  if (typeof value !== 'string' || value.length === 0) {
    throw new MongoCommandError('InvalidNamespace', `collection name has invalid type ${typeof value}`);
  }
  return value;
}

function typeMismatch(field: string, expected: string): MongoCommandError {
  return new MongoCommandError('TypeMismatch', `BSON field '${field}' must be ${expected}`);
}
