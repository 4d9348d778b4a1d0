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
 * engine.io answers a websocket upgrade with a stand-in response whose 'close' listener on the
 * TCP socket keeps it, and through it the upgrade request, for the connection's whole life.
 * engine.io runs middlewares as a promise chain, so the upgrade completes after this returns;
 * by the next turn of the event loop `ws` has taken the socket over (it marks the request with
 * its websocket) and the stand-in no longer needs the request. This covers new websocket
 * connections and polling connections upgrading alike; an upgrade still pending is left alone.
 */
function releaseUpgradeRequest(req: IncomingMessage, res: unknown, next: () => void): void {
  next();
  if (res instanceof ServerResponse) return;
  setImmediate(() => {
    if ((req as { websocket?: unknown }).websocket !== undefined) (res as { req?: unknown }).req = undefined;
  });
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
