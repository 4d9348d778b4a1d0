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
  // engine.io answers a websocket upgrade with a stand-in response whose 'close' listener on the
  // TCP socket keeps it, and through it the original request, for the connection's whole life.
  io.engine.use((req: UpgradeRequest, res: unknown, next: () => void) => {
    if (!(res instanceof ServerResponse)) req[UPGRADE_RESPONSE] = res as { req?: unknown };
    next();
  });
  io.engine.on('connection', (raw: { request: UpgradeRequest }) => {
    const original = raw.request;
    raw.request = slim(original);
    const response = original[UPGRADE_RESPONSE];
    if (response) response.req = undefined;
    original[UPGRADE_RESPONSE] = undefined;
  });
}

const UPGRADE_RESPONSE = Symbol('upgrade response');

type UpgradeRequest = IncomingMessage & { [UPGRADE_RESPONSE]?: { req?: unknown } };

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
