import type { z } from 'zod';
import type { Ack } from '../../../../shared/src/events';
import type { Logger } from '../../logger';
import { toAppError } from '../error-mapping';
import { assertSafeKeys, parse } from '../validate';
import { traceSocketEvent } from '../../observability/tracing';
import type { CountedSocketData } from './socket-types';

/** The success payload an event's acknowledgement carries. */
export type AckPayload<F> = F extends (payload: never, ack: (result: Ack<infer R>) => void) => void
  ? R
  : F extends (payload: never, ack?: (result: Ack<infer R>) => void) => void
    ? R
    : never;

/** A socket that listens to `Events` (what socket.io's typed Socket offers). */
interface OnTarget<Events> {
  on<K extends keyof Events & string>(event: K, listener: Events[K]): unknown;
  data: LoggedSocketData;
}

/** What every namespace's socket data offers the logs and traces (`ip` is common to all three). */
type LoggedSocketData = CountedSocketData & { sessionId?: string; operatorId?: string };
type SocketWithData = { data: LoggedSocketData };

/** Parses the payload, runs `fn` and acknowledges exactly once (see `handle`). */
function respond<S extends z.ZodType, R>(socket: SocketWithData, logger: Logger, event: string, schema: S, fn: (input: z.output<S>) => Promise<R>, payload: unknown, ack: unknown): void {
  const reply = typeof ack === 'function' ? (ack as (r: unknown) => void) : () => undefined;
  void (async () => {
    try {
      assertSafeKeys(payload);
      const input = parse(schema, payload, 'payload');
      reply({ ok: true, ...(await traceSocketEvent(event, socket.data, () => fn(input))) });
    } catch (err) {
      reply({ ok: false, error: toAppError(err, logger, { event, ...socket.data }).toBody() });
    }
  })();
}

/**
 * Registers one client→server event: parses the payload with its zod schema, runs the
 * service call, and acknowledges exactly once — `{ok: true, …}` or `{ok: false, error}`.
 * Unknown errors become `internal`, logged with their stack.
 */
export function handle<Events, K extends keyof Events & string, S extends z.ZodType>(
  socket: OnTarget<Events>,
  logger: Logger,
  event: K,
  schema: S,
  fn: (input: z.output<S>) => Promise<AckPayload<Events[K]>>,
): void {
  const listener = (payload: unknown, ack: unknown): void => respond(socket, logger, event, schema, fn, payload, ack);
  // The listener takes `unknown`: the payload is untrusted until the schema has parsed it.
  socket.on(event, listener as Events[K]);
}

/**
 * The same as `handle`, as one listener that every socket of a namespace shares: socket.io
 * calls it with the socket as `this`. A namespace holding thousands of idle sockets then
 * keeps a reference per event and socket instead of closures.
 */
export function sharedHandler<Events, K extends keyof Events & string, S extends z.ZodType, T extends SocketWithData>(
  logger: Logger,
  event: K,
  schema: S,
  fn: (socket: T, input: z.output<S>) => Promise<AckPayload<Events[K]>>,
): { event: K; listener: (this: T, payload: unknown, ack: unknown) => void } {
  return {
    event,
    listener(this: T, payload: unknown, ack: unknown): void {
      respond(this, logger, event, schema, (input) => fn(this, input), payload, ack);
    },
  };
}
