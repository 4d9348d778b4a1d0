import { AppError } from '../domain/app-error';
import type { Logger } from '../logger';

/** Errors that mean the database cannot be reached right now. */
export function isStoreUnavailable(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 3) return false;
  const { name = '', message = '', cause } = err as { name?: string; message?: string; cause?: unknown };
  if (/^Mongo(ose)?(Network|ServerSelection|NotConnected|TopologyClosed|NetworkTimeout|PoolCleared|PoolClosed)/.test(name)) return true;
  // The driver also reports a lost server as a plain MongoError about the connection.
  if (/^Mongo/.test(name) && /ECONNREFUSED|ECONNRESET|connection .*closed|socket|topology|pool/i.test(message)) return true;
  return isStoreUnavailable(cause, depth + 1);
}

/** Maps anything thrown to the one error shape; unknown errors are logged with their stack. */
export function toAppError(err: unknown, logger: Logger, context: Record<string, unknown> = {}): AppError {
  if (err instanceof AppError) return err;
  if (isStoreUnavailable(err)) return new AppError('store_unavailable', 'the message store is unavailable; nothing was saved, try again shortly');
  const e = err as { type?: string; status?: number; expose?: boolean; message?: string };
  if (e?.type === 'entity.too.large') return new AppError('payload_too_large', 'the request body is too large');
  if (e?.type === 'entity.parse.failed') return new AppError('invalid_request', 'body: is not valid JSON', { field: 'body' });
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') return new AppError('invalid_request', 'body: unsupported encoding', { field: 'body' });
  // Any other body the parser could not read (a `Content-Encoding: gzip` body that is not gzip, a stream cut short): the client's fault.
  if (e?.status === 400 && e.expose) return new AppError('invalid_request', `body: could not be read (${String(e.message ?? 'malformed').slice(0, 100)})`, { field: 'body' });
  logger.error({ err, ...context }, 'unhandled error');
  return new AppError('internal', 'something went wrong on our side');
}
