import type { Logger } from './logger';

/** Errors of a dependency that blinked (Redis restarting, a connection reset): expected now and then. */
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTCONN']);
const REDIS_ERRORS = new Set(['TimeoutError', 'SocketClosedUnexpectedlyError', 'ClientOfflineError', 'ClientClosedError', 'ConnectionTimeoutError', 'SocketTimeoutError', 'ReconnectStrategyError']);

function isTransient(reason: unknown): boolean {
  if (!(reason instanceof Error)) return false;
  const code = (reason as { code?: unknown }).code;
  return (typeof code === 'string' && TRANSIENT_CODES.has(code)) || REDIS_ERRORS.has(reason.constructor.name) || Boolean(reason.stack?.includes('@redis/client'));
}

/**
 * The process's policy for failures nobody awaited:
 * - a promise rejected with nobody listening (e.g. the Socket.IO Redis adapter stores a
 *   disconnected socket's session with a Redis write it never awaits, which rejects while
 *   Redis is away) is logged with its context and the process keeps serving: one dropped
 *   background write must not take down every conversation in the process. A dependency that
 *   blinked is a warning; anything else is an error worth a look.
 * - an exception thrown synchronously out of a callback leaves state unknown: it is logged
 *   and the process exits 1 for its supervisor to restart it (the other processes and the
 *   stale-reply sweep pick up its conversations).
 */
export function installProcessFaultPolicy(logger: Logger, onRejection: (transient: boolean) => void = () => undefined): void {
  process.on('unhandledRejection', (reason: unknown) => {
    const transient = isTransient(reason);
    onRejection(transient);
    if (transient) logger.warn({ err: reason }, 'a background call to a dependency failed (it is away); dropped, still serving');
    else logger.error({ err: reason }, 'a promise rejected with nobody awaiting it; still serving');
  });
  process.on('uncaughtException', (err: Error) => {
    logger.fatal({ err }, 'uncaught exception; exiting for the supervisor to restart the process');
    process.exit(1);
  });
}
