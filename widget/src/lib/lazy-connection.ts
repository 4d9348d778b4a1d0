/**
 * A `Connection` whose socket.io-client (a third of the widget's code) is fetched only when
 * it first connects: a visitor who never opens the chat never downloads or runs it. Until
 * then listeners and connect/disconnect calls are remembered and replayed in order, and
 * requests answer `offline` (as they would before any connection).
 */
import type { Connection, createConnection } from './socket';

/** A failed fetch of the socket module (offline) is tried again after this long. */
const RETRY_MS = 5000;

type Requests = Omit<Connection, 'on' | 'onConnection' | 'connected' | 'connect' | 'reconnect' | 'disconnect' | 'typing'>;

export function createLazyConnection(...args: Parameters<typeof createConnection>): Connection {
  let real: Connection | null = null;
  let loading = false;
  const waiting: ((c: Connection) => void)[] = [];
  const withReal = (fn: (c: Connection) => void): void => (real ? fn(real) : void waiting.push(fn));
  const load = (): void => {
    if (loading || real) return;
    loading = true;
    import('./socket').then(
      (m) => {
        real = m.createConnection(...args);
        for (const fn of waiting.splice(0)) fn(real);
      },
      () => {
        loading = false;
        setTimeout(load, RETRY_MS);
      },
    );
  };
  /** Subscribes now or once loaded; the returned function unsubscribes either way. */
  const subscribe = (add: (c: Connection) => () => void): (() => void) => {
    let off: (() => void) | null = null;
    let cancelled = false;
    withReal((c) => void (cancelled || (off = add(c))));
    return () => {
      cancelled = true;
      off?.();
    };
  };
  const offline = { ok: false as const, error: { code: 'offline' as const, message: 'Not connected' } };
  const request =
    <K extends keyof Requests>(name: K) =>
    (...a: Parameters<Requests[K]>): ReturnType<Requests[K]> =>
      (real ? (real[name] as (...x: Parameters<Requests[K]>) => ReturnType<Requests[K]>)(...a) : Promise.resolve(offline)) as ReturnType<Requests[K]>;

  return {
    on: (event, cb) => subscribe((c) => c.on(event, cb)),
    onConnection: (cb) => subscribe((c) => c.onConnection(cb)),
    get connected() {
      return real?.connected ?? false;
    },
    connect() {
      withReal((c) => c.connect());
      load();
    },
    reconnect() {
      withReal((c) => c.reconnect());
      load();
    },
    disconnect: () => withReal((c) => c.disconnect()),
    typing: (active) => real?.typing(active),
    sendMessage: request('sendMessage'),
    messagesSince: request('messagesSince'),
    requestHelp: request('requestHelp'),
    acceptCall: request('acceptCall'),
    closeSession: request('closeSession'),
    submitCsat: request('submitCsat'),
    submitFields: request('submitFields'),
    updateMetadata: request('updateMetadata'),
  };
}
