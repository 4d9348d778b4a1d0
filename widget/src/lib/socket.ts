/**
 * The widget's one door to socket.io-client: a typed `/widget` connection. Everything else
 * talks to `Connection`, which exposes `on(name, cb) => unsubscribe` and one promise-returning
 * method per acknowledged event, on the shared ack helper (shared/src/client/ack.ts): an ack
 * that doesn't come within the timeout resolves as a `timeout` error instead of hanging.
 */
import { transports } from 'engine.io-client';
import { io, type Socket } from 'socket.io-client';
import type { WidgetAuth, WidgetClientEvents, WidgetServerEvents } from '../../../shared/src/events';
import type { CallDto, CustomerSessionDto, LeadFieldValue, MessageDto } from '../../../shared/src/index';
import { requestAck, type AckEventNames, type AckPayload, type AckResult, type AckResultOf } from '../../../shared/src/client/ack';

type WidgetSocket = Socket<WidgetServerEvents, WidgetClientEvents>;
type Listener = (...args: never[]) => void;
interface UntypedEmitter {
  on(event: string, cb: Listener): unknown;
  off(event: string, cb: Listener): unknown;
}

/** How long an ack may take before the request counts as lost (and is retried). */
export const ACK_TIMEOUT_MS = 8000;

export type ConnectionEvent =
  | { type: 'connect' }
  | { type: 'disconnect'; reason: string }
  /** `retrying` false: the server refused us (middleware error) and socket.io won't retry. */
  | { type: 'connect_error'; code: string; retrying: boolean };

export interface Connection {
  on<E extends keyof WidgetServerEvents>(event: E, cb: WidgetServerEvents[E]): () => void;
  onConnection(cb: (event: ConnectionEvent) => void): () => void;
  readonly connected: boolean;
  connect(): void;
  /** Drops the current connection and opens a new one (auth is re-read). */
  reconnect(): void;
  disconnect(): void;
  sendMessage(clientMessageId: string, content: string): Promise<AckResult<{ message: MessageDto; duplicate: boolean }>>;
  messagesSince(afterSeq: number): Promise<AckResult<{ messages: MessageDto[] }>>;
  requestHelp(reason?: string): Promise<AckResult<{ session: CustomerSessionDto }>>;
  acceptCall(phone: string): Promise<AckResult<{ call: CallDto }>>;
  closeSession(): Promise<AckResult<{ session: CustomerSessionDto }>>;
  submitCsat(rating: number, comment?: string): Promise<AckResult<{ session: CustomerSessionDto }>>;
  submitFields(fields: Record<string, LeadFieldValue>): Promise<AckResult<{ session: CustomerSessionDto }>>;
  /** Merges keys into the session's metadata (`Switchboard('update')`). */
  updateMetadata(metadata: Record<string, unknown>): Promise<AckResult<object>>;
  typing(active: boolean): void;
}

/** Sends one acknowledged event: `offline` at once when not connected, else the shared helper's result. */
async function request<E extends AckEventNames<WidgetClientEvents>>(
  socket: WidgetSocket,
  event: E,
  payload: AckPayload<WidgetClientEvents[E]>,
): Promise<AckResultOf<WidgetClientEvents[E]>> {
  if (!socket.connected) return { ok: false, error: { code: 'offline', message: 'Not connected' } };
  const result = await requestAck(socket, event, payload, ACK_TIMEOUT_MS);
  // A notice the customer may read: plain words rather than the helper's developer text.
  return result.ok || result.error.code !== 'timeout' ? result : { ok: false, error: { code: 'timeout', message: 'No answer from the server' } };
}

/**
 * A WebSocket that fails to open before any has (blocked, or the server unreachable) fetches
 * the long-polling transport, then connects again at once, trying the WebSocket and then polling.
 * `retrying()`: whether the failure just seen is being retried that way (so is not reported).
 */
function pollingFallback(socket: WidgetSocket): { retrying(): boolean } {
  let state: 'none' | 'loading' | 'loaded' = 'none';
  /** Once a fetch of the fallback failed (offline, say), failures are reported as they come. */
  let fetchFailed = false;
  /** A WebSocket that has opened here is not blocked: later failures are the network's or the server's. */
  let connectedOnce = false;
  socket.on('connect', () => void (connectedOnce = true));
  socket.on('connect_error', (err) => {
    // Transport errors only: a refusal by the server's middleware is not the WebSocket's fault.
    if (state !== 'none' || connectedOnce || (err as Error & { type?: string }).type !== 'TransportError') return;
    state = 'loading';
    import('./polling-fallback').then(
      ({ XHR }) => {
        state = 'loaded';
        transports.polling = XHR;
        socket.io.opts.transports = ['websocket', 'polling'];
        // Still trying (not connected, not disconnected on purpose): try again now, not after the backoff.
        if (socket.active && !socket.connected) socket.disconnect().connect();
      },
      // socket.io keeps retrying over the WebSocket, and the next failure fetches again.
      () => {
        state = 'none';
        fetchFailed = true;
      },
    );
  });
  return { retrying: () => state === 'loading' && !fetchFailed };
}

/**
 * Opens (lazily: `autoConnect` is off until `connect()`) the `/widget` namespace at `origin`.
 * `getAuth` is called on every (re)connect, so a new token or identity is picked up.
 */
export function createConnection(origin: string, getAuth: () => WidgetAuth): Connection {
  const socket: WidgetSocket = io(`${origin}/widget`, {
    autoConnect: false,
    // WebSocket only until one fails: then long-polling is fetched (./polling-fallback) and
    // tried after the WebSocket on every attempt. Without tryAllTransports socket.io-client
    // never tries the second transport in the list.
    transports: ['websocket'],
    tryAllTransports: true,
    auth: (cb) => cb({ ...getAuth() }),
  });
  const fallback = pollingFallback(socket);

  return {
    on(event, cb) {
      // socket.io's emitter typing can't follow a generic event name through on/off; the
      // signature above already ties `cb` to `event`, so the untyped view is safe here.
      const untyped = socket as unknown as UntypedEmitter;
      untyped.on(event, cb);
      return () => void untyped.off(event, cb);
    },
    onConnection(cb) {
      const onConnect = (): void => cb({ type: 'connect' });
      const onDisconnect = (reason: string): void => cb({ type: 'disconnect', reason });
      // A WebSocket failure that the fallback is about to retry over long-polling is not news.
      const onError = (err: Error): void => void (fallback.retrying() || cb({ type: 'connect_error', code: err.message, retrying: socket.active }));
      socket.on('connect', onConnect);
      socket.on('disconnect', onDisconnect);
      socket.on('connect_error', onError);
      return () => {
        socket.off('connect', onConnect);
        socket.off('disconnect', onDisconnect);
        socket.off('connect_error', onError);
      };
    },
    get connected() {
      return socket.connected;
    },
    connect: () => void socket.connect(),
    reconnect() {
      socket.disconnect();
      socket.connect();
    },
    disconnect: () => void socket.disconnect(),
    sendMessage: (clientMessageId, content) => request(socket, 'message:send', { clientMessageId, content }),
    messagesSince: (afterSeq) => request(socket, 'messages:since', { afterSeq }),
    requestHelp: (reason) => request(socket, 'help:request', reason ? { reason } : {}),
    acceptCall: (phone) => request(socket, 'call:accept', { phone }),
    closeSession: () => request(socket, 'session:close', {}),
    submitCsat: (rating, comment) => request(socket, 'csat:submit', comment ? { rating, comment } : { rating }),
    submitFields: (fields) => request(socket, 'fields:submit', { fields }),
    updateMetadata: (metadata) => request(socket, 'metadata:update', { metadata }),
    typing(active) {
      if (socket.connected) socket.volatile.emit('typing', { active });
    },
  };
}
