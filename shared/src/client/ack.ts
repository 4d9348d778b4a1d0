/**
 * The one way a client asks the server something over a socket: socket.io's own
 * `socket.timeout(ms).emitWithAck(event, payload)`, typed from the event maps in
 * `shared/src/events.ts`. `requestAck` always resolves (an `{ok: false}` ack, or a `timeout`
 * error when none came); `emitWithAck` resolves with the `{ok: true, …}` ack or throws the one
 * error class, `SwitchboardError`. Types and one small class only, so the widget's bundle
 * gains no server code.
 */
import type { EventsMap } from '@socket.io/component-emitter';
import type { Socket } from 'socket.io-client';
import type { ErrorBody } from '../errors';
import type { Ack } from '../events';
import { SwitchboardError, type ClientErrorBody } from './switchboard-error';

/** How long an ack may take before the request counts as lost. */
export const ACK_TIMEOUT_MS = 10_000;

/** An acknowledgement as a client sees it: the server's `{ok: true, …}`, or any failure. */
export type AckResult<T extends object = object> = ({ ok: true } & T) | { ok: false; error: ClientErrorBody };

type AckCallbackOf<F> = F extends (payload: never, ack: infer C) => void ? NonNullable<C> : never;

/** The `{ok: true, …}` acknowledgement of a client→server event `F` (a function type of an event map). */
export type AckSuccess<F> = F extends (payload: never, ack: (result: Ack<infer R>) => void) => void
  ? { ok: true } & R
  : F extends (payload: never, ack?: (result: Ack<infer R>) => void) => void
    ? { ok: true } & R
    : never;
/** Everything `requestAck` may resolve with for a client→server event `F`. */
export type AckResultOf<F> = AckSuccess<F> | { ok: false; error: ClientErrorBody };
/** The payload (first argument) of a client→server event `F`. */
export type AckPayload<F> = F extends (payload: infer P, ...rest: never[]) => void ? P : never;
/** The events of a map that take an acknowledgement. */
export type AckEventNames<CE extends EventsMap> = {
  [K in keyof CE & string]: [AckCallbackOf<CE[K]>] extends [never] ? never : K;
}[keyof CE & string];

/**
 * The part of socket.io-client's socket this file uses: its own `timeout(ms).emitWithAck()`.
 * Asked of the caller's concrete socket type (the parameter is `Socket<SE, CE> & TimedEmitter`)
 * because TypeScript cannot check it for a generic event map, and a concrete one passes.
 */
interface TimedEmitter {
  timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
}

function isAck(value: unknown): value is { ok: true } | { ok: false; error: ErrorBody } {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/**
 * Emits a client→server event and resolves with its acknowledgement; never rejects. No ack
 * within `timeoutMs` (or the socket disconnected meanwhile) resolves as a `timeout` error.
 */
export async function requestAck<SE extends EventsMap, CE extends EventsMap, K extends AckEventNames<CE>>(
  socket: Socket<SE, CE> & TimedEmitter,
  event: K,
  payload: AckPayload<CE[K]>,
  timeoutMs = ACK_TIMEOUT_MS,
): Promise<AckResultOf<CE[K]>> {
  const emitter: TimedEmitter = socket;
  let ack: unknown;
  try {
    ack = await emitter.timeout(timeoutMs).emitWithAck(event, payload);
  } catch {
    return { ok: false, error: { code: 'timeout', message: `no acknowledgement for ${event} within ${timeoutMs} ms` } };
  }
  if (!isAck(ack)) return { ok: false, error: { code: 'internal', message: 'malformed acknowledgement' } };
  // The server acks this event with its map's union; `isAck` checked the shape the union shares.
  return ack.ok ? (ack as AckSuccess<CE[K]>) : { ok: false, error: ack.error };
}

/** Emits a client→server event; resolves with its `{ok: true, …}` ack, or throws a `SwitchboardError` (status 0). */
export async function emitWithAck<SE extends EventsMap, CE extends EventsMap, K extends AckEventNames<CE>>(
  socket: Socket<SE, CE> & TimedEmitter,
  event: K,
  payload: AckPayload<CE[K]>,
  timeoutMs = ACK_TIMEOUT_MS,
): Promise<AckSuccess<CE[K]>> {
  const result = await requestAck(socket, event, payload, timeoutMs);
  if (!result.ok) throw new SwitchboardError(result.error, 0);
  return result;
}
