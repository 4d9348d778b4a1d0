import type { Document } from 'bson';
import { documentSize } from './bson-codec';
import { MongoCommandError } from './errors';
import { compileFilter } from './query-engine';
import { isPlainObject } from './value-key';

/** mongod's limit for one document (`maxBsonObjectSize` in the handshake). */
export const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;

const LEVELS = ['off', 'strict', 'moderate'];
const ACTIONS = ['error', 'warn'];

/** Refuses a document over 16 MB before it is stored (mongod: 10334 BSONObjectTooLarge). */
export function checkDocumentSize(doc: Document, updating: boolean): void {
  const size = documentSize(doc);
  if (size <= MAX_BSON_OBJECT_SIZE) return;
  const message = updating
    ? `Resulting document after update is larger than ${MAX_BSON_OBJECT_SIZE}`
    : `object to insert too large. size in bytes: ${size}, max size: ${MAX_BSON_OBJECT_SIZE}`;
  throw new MongoCommandError('BSONObjectTooLarge', message);
}

/**
 * Checks `create`/`collMod` options the engine acts on — validator, validationLevel,
 * validationAction, capped size/max — with mongod's errors, before anything is saved.
 */
export function checkCollectionOptions(options: Document): void {
  if (options.validator !== undefined) {
    if (!isPlainObject(options.validator)) throw new MongoCommandError('TypeMismatch', "BSON field 'validator' is the wrong type, expected type 'object'");
    compileFilter(options.validator);
  }
  if (options.validationLevel !== undefined && !LEVELS.includes(String(options.validationLevel))) {
    throw new MongoCommandError('BadValue', `Enumeration value '${String(options.validationLevel)}' for field 'validationLevel' is not a valid value.`);
  }
  if (options.validationAction !== undefined && !ACTIONS.includes(String(options.validationAction))) {
    throw new MongoCommandError('BadValue', `Enumeration value '${String(options.validationAction)}' for field 'validationAction' is not a valid value.`);
  }
  if (options.capped === true && !(Number(options.size) > 0)) {
    throw new MongoCommandError('InvalidOptions', "the 'size' field is required when 'capped' is true");
  }
}

/**
 * The collection validator, applied as mongod does: every insert, and every update unless
 * `validationLevel` is `off`, or `moderate` and the document was already invalid;
 * `validationAction: "warn"` lets the write through.
 */
export function checkValidator(options: Document, next: Document, previous: Document | undefined): void {
  const validator: unknown = options.validator;
  if (!isPlainObject(validator) || Object.keys(validator).length === 0) return;
  const level = String(options.validationLevel ?? 'strict');
  if (level === 'off' || options.validationAction === 'warn') return;
  const test = compileFilter(validator);
  if (test(next)) return;
  if (previous && level === 'moderate' && !test(previous)) return;
  throw new MongoCommandError('DocumentValidationFailure', 'Document failed validation', {
    errInfo: { failingDocumentId: next._id, details: { operatorName: Object.keys(validator)[0], specifiedAs: validator } },
  });
}

/** For a capped collection: how many of the oldest documents to evict to respect `max` and `size`. */
export function cappedExcess(options: Document, count: number, dataSize: number, oldestSizes: () => Iterable<number>): number {
  if (options.capped !== true) return 0;
  const max = Number(options.max) > 0 ? Number(options.max) : Infinity;
  const size = Number(options.size) > 0 ? Number(options.size) : Infinity;
  let evict = 0;
  let remaining = dataSize;
  for (const docSize of oldestSizes()) {
    if (count - evict <= max && remaining <= size) break;
    evict += 1;
    remaining -= docSize;
  }
  return evict;
}
