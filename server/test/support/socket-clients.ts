import { io, type Socket } from 'socket.io-client';
import type {
  EventsClientEvents,
  EventsServerEvents,
  OperatorClientEvents,
  OperatorServerEvents,
  WidgetAuth,
  WidgetClientEvents,
  WidgetServerEvents,
} from '../../../shared/src/events';

export type WidgetClient = Socket<WidgetServerEvents, WidgetClientEvents>;
export type OperatorClient = Socket<OperatorServerEvents, OperatorClientEvents>;
export type EventsClient = Socket<EventsServerEvents, EventsClientEvents>;

const base = { transports: ['websocket'], forceNew: true, reconnection: false };

export function widgetClient(url: string, auth: WidgetAuth, extra: { origin?: string; reconnection?: boolean } = {}): WidgetClient {
  return io(`${url}/widget`, { ...base, auth: { ...auth }, reconnection: extra.reconnection ?? false, extraHeaders: extra.origin ? { origin: extra.origin } : undefined });
}

export function operatorClient(url: string, token: string): OperatorClient {
  return io(`${url}/operator`, { ...base, auth: { token } });
}

export function eventsClient(url: string, apiKey: string): EventsClient {
  return io(`${url}/events`, { ...base, auth: { apiKey } });
}

/** Resolves with the next payload of `event` (or rejects after `ms`). */
export function nextEvent<T>(socket: { once(event: string, cb: (payload: T) => void): unknown }, event: string, ms = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${event}`)), ms);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

/** Resolves once connected, or rejects with the handshake error. */
export function connected(socket: { once(event: string, cb: (arg?: Error) => void): unknown }, ms = 5_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out connecting')), ms);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (err?: Error) => {
      clearTimeout(timer);
      reject(err ?? new Error('connect_error'));
    });
  });
}

/** Polls `check` until it returns a truthy value. */
export async function waitUntil<T>(check: () => T | Promise<T>, ms = 5_000, stepMs = 20): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

export const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Drops the transport as a flaky network does (the server sees "transport close" and keeps the
 * session for recovery) and holds the client's reconnection until the returned `reconnect` is
 * called, so what the test does meanwhile cannot race the client's own reconnection timer.
 */
export function cutTransport(socket: WidgetClient): { reconnect(ms?: number): Promise<void> } {
  socket.io.reconnection(false);
  socket.io.engine.close();
  return {
    reconnect(ms = 10_000) {
      const done = connected(socket, ms);
      socket.io.reconnection(true);
      socket.connect();
      return done;
    },
  };
}
