/**
 * The widget's one door to socket.io-client: a typed `/widget` connection. Everything else
 * talks to `Connection`, which exposes `on(name, cb) => unsubscribe` and one promise-returning
 * method per acknowledged event (an ack that doesn't come within the timeout resolves as a
 * `timeout` error instead of hanging).
 */
import { io, type Socket } from 'socket.io-client';
import type { Ack, WidgetAuth, WidgetClientEvents, WidgetServerEvents } from '../../../shared/src/events';
import type { CallDto, CustomerSessionDto, ErrorCode, LeadFieldValue, MessageDto } from '../../../shared/src/index';

type WidgetSocket = Socket<WidgetServerEvents, WidgetClientEvents>;
type Listener = (...args: never[]) => void;
interface UntypedEmitter {
  on(event: string, cb: Listener): unknown;
  off(event: string, cb: Listener): unknown;
}

/** How long an ack may take before the request counts as lost (and is retried). */
export const ACK_TIMEOUT_MS = 8000;

/** Ack errors plus the two the client itself produces. */
export interface RequestError {
  code: ErrorCode | 'timeout' | 'offline';
  message: string;
  retryAfter?: number;
  /** The offending field, for `invalid_request` (e.g. `fields.email`). */
  field?: string;
}
export type Result<T extends object> = ({ ok: true } & T) | { ok: false; error: RequestError };

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
  sendMessage(clientMessageId: string, content: string): Promise<Result<{ message: MessageDto; duplicate: boolean }>>;
  messagesSince(afterSeq: number): Promise<Result<{ messages: MessageDto[] }>>;
  requestHelp(reason?: string): Promise<Result<{ session: CustomerSessionDto }>>;
  acceptCall(phone: string): Promise<Result<{ call: CallDto }>>;
  closeSession(): Promise<Result<{ session: CustomerSessionDto }>>;
  submitCsat(rating: number, comment?: string): Promise<Result<{ session: CustomerSessionDto }>>;
  submitFields(fields: Record<string, LeadFieldValue>): Promise<Result<{ session: CustomerSessionDto }>>;
  /** Merges keys into the session's metadata (`Switchboard('update')`). */
  updateMetadata(metadata: Record<string, unknown>): Promise<Result<object>>;
  typing(active: boolean): void;
}

function settle<T extends object>(
  socket: WidgetSocket,
  send: (done: (err: Error | null, res?: Ack<T>) => void) => void,
): Promise<Result<T>> {
  if (!socket.connected) return Promise.resolve({ ok: false, error: { code: 'offline', message: 'Not connected' } });
  return new Promise((resolve) => {
    send((err, res) => {
      if (err || !res) resolve({ ok: false, error: { code: 'timeout', message: 'No answer from the server' } });
      else resolve(res);
    });
  });
}

/**
 * Opens (lazily: `autoConnect` is off until `connect()`) the `/widget` namespace at `origin`.
 * `getAuth` is called on every (re)connect, so a new token or identity is picked up.
 */
export function createConnection(origin: string, getAuth: () => WidgetAuth): Connection {
  const socket: WidgetSocket = io(`${origin}/widget`, {
    autoConnect: false,
    // WebSocket first; where a proxy or the page's policy blocks it, long-polling. Without
    // tryAllTransports socket.io-client never tries the second transport in the list. These
    // two are all the widget's build carries (scripts/build.ts leaves WebTransport out).
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    auth: (cb) => cb({ ...getAuth() }),
  });
  const timed = (): ReturnType<WidgetSocket['timeout']> => socket.timeout(ACK_TIMEOUT_MS);

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
      const onError = (err: Error): void => cb({ type: 'connect_error', code: err.message, retrying: socket.active });
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
    sendMessage: (clientMessageId, content) =>
      settle(socket, (done) => timed().emit('message:send', { clientMessageId, content }, done)),
    messagesSince: (afterSeq) => settle(socket, (done) => timed().emit('messages:since', { afterSeq }, done)),
    requestHelp: (reason) => settle(socket, (done) => timed().emit('help:request', reason ? { reason } : {}, done)),
    acceptCall: (phone) => settle(socket, (done) => timed().emit('call:accept', { phone }, done)),
    closeSession: () => settle(socket, (done) => timed().emit('session:close', {}, done)),
    submitCsat: (rating, comment) => settle(socket, (done) => timed().emit('csat:submit', comment ? { rating, comment } : { rating }, done)),
    submitFields: (fields) => settle(socket, (done) => timed().emit('fields:submit', { fields }, done)),
    updateMetadata: (metadata) => settle(socket, (done) => timed().emit('metadata:update', { metadata }, done)),
    typing(active) {
      if (socket.connected) socket.volatile.emit('typing', { active });
    },
  };
}
