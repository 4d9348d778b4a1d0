import { Binary, Decimal128, EJSON, Long, ObjectId, type Document } from 'bson';

/**
 * A canonical string for a BSON value, identical for values MongoDB treats as the same key:
 * `1`, `1.0` and `Long(1)` are one key; an ObjectId and its hex string are two.
 * Used for the `_id` map and unique index lookups.
 */
export function valueKey(value: unknown): string {
  if (value === undefined || value === null) return 'z';
  switch (typeof value) {
    case 'number':
      return numberKey(value);
    case 'string':
      return `s${JSON.stringify(value)}`;
    case 'boolean':
      return value ? 'bt' : 'bf';
    case 'bigint':
      return `n${value.toString()}`;
  }
  if (value instanceof ObjectId) return `o${value.toHexString()}`;
  if (value instanceof Date) return `d${value.getTime()}`;
  if (value instanceof Long) return `n${value.toString()}`;
  if (value instanceof Decimal128) return decimalKey(value);
  if (value instanceof Binary) return `x${value.sub_type}:${Buffer.from(value.buffer).toString('base64')}`;
  if (value instanceof RegExp) return `r${String(value)}`;
  if (Array.isArray(value)) return `[${value.map(valueKey).join(',')}]`;
  if (isPlainObject(value)) {
    const fields = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${valueKey(v)}`);
    return `{${fields.join(',')}}`;
  }
  return `X${EJSON.stringify(value, { relaxed: false })}`;
}

function numberKey(n: number): string {
  return Object.is(n, -0) ? 'n0' : `n${String(n)}`;
}

function decimalKey(d: Decimal128): string {
  const asNumber = Number(d.toString());
  // Decimals that are exact small numbers share the numeric key so 5 and Decimal("5") collide as in MongoDB.
  return Number.isFinite(asNumber) && String(asNumber) === d.toString() ? numberKey(asNumber) : `D${d.toString()}`;
}

/** A plain BSON sub-document (not an array, Date, ObjectId or other BSON class). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A key pattern's identity: MongoDB treats {a: 1}, {a: 1.0} and {a: Long(1)} as one pattern,
 * and a pattern read back from disk may carry another numeric type than the one requested.
 */
export function keyPatternKey(key: Document): string {
  return JSON.stringify(Object.entries(key).map(([field, dir]) => [field, typeof dir === 'string' ? dir : Number(dir)]));
}

