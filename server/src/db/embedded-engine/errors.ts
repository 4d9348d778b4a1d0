import { EJSON, ObjectId, type Document } from 'bson';

/** The MongoDB error codes the engine answers with (names as in MongoDB's error_codes.yml). */
export const ErrorCode = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  TypeMismatch: 14,
  PathNotViable: 28,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  CommandNotFound: 59,
  ImmutableField: 66,
  NoQueryExecutionPlans: 291,
  DocumentValidationFailure: 121,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  NotImplemented: 238,
  DuplicateKey: 11000,
  BSONObjectTooLarge: 10334,
  JSInterpreterFailure: 139,
  Location40324: 40324,
} as const;

export type ErrorCodeName = keyof typeof ErrorCode;

/** A command failure; turned into MongoDB's `{ok: 0, errmsg, code, codeName}` reply. */
export class MongoCommandError extends Error {
  constructor(
    readonly codeName: ErrorCodeName,
    message: string,
    readonly extra: Document = {},
  ) {
    super(message);
    this.name = 'MongoCommandError';
  }

  get code(): number {
    return ErrorCode[this.codeName];
  }

  toReply(): Document {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }

  /** The shape used inside `writeErrors` of insert/update/delete replies. */
  toWriteError(index: number): Document {
    return { index, code: this.code, errmsg: this.message, ...this.extra };
  }
}

export function commandNotFound(name: string): MongoCommandError {
  return new MongoCommandError('CommandNotFound', `no such command: '${name}'`);
}

export function badValue(message: string): MongoCommandError {
  return new MongoCommandError('BadValue', message);
}

/** Maps anything thrown while running a command to a MongoCommandError. */
export function toCommandError(err: unknown): MongoCommandError {
  if (err instanceof MongoCommandError) return err;
  if (isEngineBug(err)) return new MongoCommandError('InternalError', `internal error: ${err.message}`);
  const message = err instanceof Error ? err.message : String(err);
  // mingo reports bad operators and paths as plain errors; these are the client's fault.
  const unknownOperator = /unknown query operator (\S+)/i.exec(message);
  if (unknownOperator) return new MongoCommandError('BadValue', `unknown operator: ${unknownOperator[1]}`);
  const unknownStage = /(?:unknown|unregistered) pipeline operator:? '?(\$\w+)/i.exec(message);
  if (unknownStage) return new MongoCommandError('Location40324', `Unrecognized pipeline stage name: '${unknownStage[1]}'`);
  if (/conflict/i.test(message)) return new MongoCommandError('ConflictingUpdateOperators', message);
  if (/unknown|unrecognized|invalid/i.test(message)) return new MongoCommandError('FailedToParse', message);
  return new MongoCommandError('BadValue', message);
}

/** `E11000 duplicate key error collection: db.coll index: name dup key: { field: value }`. */
export function duplicateKeyError(ns: string, indexName: string, keyPattern: Document, keyValue: Document): MongoCommandError {
  const shown = Object.entries(keyValue)
    .map(([field, value]) => `${field}: ${formatKeyValue(value)}`)
    .join(', ');
  const message = `E11000 duplicate key error collection: ${ns} index: ${indexName} dup key: { ${shown} }`;
  return new MongoCommandError('DuplicateKey', message, { keyPattern, keyValue });
}

function formatKeyValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof ObjectId) return `ObjectId('${value.toHexString()}')`;
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  return EJSON.stringify(value, { relaxed: true });
}

/** Errors JavaScript itself raises mean a bug in the engine, not a bad request. */
export function isEngineBug(err: unknown): err is Error {
  return err instanceof TypeError || err instanceof RangeError || err instanceof ReferenceError || err instanceof SyntaxError;
}
