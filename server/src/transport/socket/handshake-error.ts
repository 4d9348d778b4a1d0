import type { ExtendedError } from 'socket.io';
import type { Logger } from '../../logger';
import { toAppError } from '../error-mapping';

/**
 * A refused handshake: the client's `connect_error` carries the error code as its message
 * and `{code, message}` as its data.
 */
export function handshakeError(err: unknown, logger: Logger): ExtendedError {
  const body = toAppError(err, logger).toBody();
  const error = new Error(body.code) as ExtendedError;
  error.data = body;
  return error;
}
