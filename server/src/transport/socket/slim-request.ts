import { EventEmitter } from 'node:events';
import { ServerResponse, type IncomingMessage } from 'node:http';
import type { Server } from 'socket.io';

/** The request headers the namespaces read from a handshake (origin check, client address, logs). */
const KEPT_HEADERS = ['origin', 'x-forwarded-for', 'user-agent'] as const;

/**
 * Socket.IO keeps each connection's first HTTP request (headers, raw headers, parser state)
 * for the connection's whole life, for middleware like express-session that we do not use.
 * Its memory-usage guide drops it; we keep a stand-in with what a handshake is built from
 * (the headers above, url, query, TLS or not), so an idle connection costs far less.
 */
export function slimInitialRequests(io: Server): void {
  io.engine.use(releaseUpgradeRequest);
  io.engine.on('connection', (raw: { request: IncomingMessage }) => {
    raw.request = slim(raw.request);
  });
}

/**
 * engine.io answers a websocket upgrade with a stand-in response that re-emits the TCP
 * socket's 'close' (for HTTP middlewares such as pino-http; we have none on upgrades). That
 * listener keeps the stand-in, and through it the upgrade request, for the connection's whole
 * life. engine.io runs middlewares as a promise chain, so the upgrade completes after this
 * returns; by the next turn of the event loop `ws` has taken the socket over (it marks the
 * request with its websocket) and the stand-in has nothing left to do: its listener is
 * removed, and should a later engine.io add it differently, the request is let go at least.
 * This covers new websocket connections and polling connections upgrading alike; an upgrade
 * still pending is left alone.
 */
function releaseUpgradeRequest(req: IncomingMessage, res: unknown, next: () => void): void {
  next();
  if (res instanceof ServerResponse) return;
  setImmediate(() => {
    const websocket = (req as { websocket?: unknown }).websocket;
    if (websocket === undefined) return;
    (res as { req?: unknown }).req = undefined;
    const socket = (res as { socket?: unknown }).socket;
    if (socket instanceof EventEmitter) dropStandInCloseListener(socket);
    if (websocket instanceof EventEmitter) dropUpgradeErrorListener(websocket);
  });
}

/**
 * engine.io guards the websocket with a no-op 'error' listener until its transport takes it
 * over, and leaves it there for new connections: a closure per connection. Removed only
 * when the transport's own listener is in place, so an error always has a handler.
 */
function dropUpgradeErrorListener(websocket: EventEmitter): void {
  const guard = websocket.rawListeners('error').find((listener) => listener.name === 'onUpgradeError');
  if (guard && websocket.listenerCount('error') > 1) websocket.removeListener('error', guard as () => void);
}

/** The stand-in's listener is a `once` wrapper around `() => this.emit("close")`. */
const STAND_IN_CLOSE = /^\(\)\s*=>\s*this\.emit\(["']close["']\)$/;

function dropStandInCloseListener(socket: EventEmitter): void {
  for (const listener of socket.rawListeners('close')) {
    const wrapped = (listener as { listener?: unknown }).listener;
    if (typeof wrapped === 'function' && STAND_IN_CLOSE.test(wrapped.toString())) socket.removeListener('close', listener as () => void);
  }
}

function slim(req: IncomingMessage): IncomingMessage {
  const headers: Record<string, string | string[]> = {};
  for (const name of KEPT_HEADERS) {
    const value = req.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  const encrypted = Boolean((req.socket as { encrypted?: boolean } | null)?.encrypted);
  // Only the fields socket.io's handshake reads (see Socket#buildHandshake).
  return { headers, url: req.url, connection: { encrypted }, _query: (req as { _query?: unknown })._query } as unknown as IncomingMessage;
}
