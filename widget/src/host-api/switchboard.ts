/**
 * The host page's API: a global `Switchboard(command, ...args)`. Pages may call it before
 * widget.js has loaded through the usual queue stub, whose calls are replayed in order:
 *
 *   window.Switchboard = window.Switchboard || function () {
 *     (window.Switchboard.q = window.Switchboard.q || []).push(arguments);
 *   };
 *
 * Commands: `open`, `close`, `toggle`, `identify` `{customerId, customerHash?, metadata?}`,
 * `on` `(event, cb)` → unsubscribe (events: message, open, close, session, ready).
 * A call replayed from the queue can't hand its return value back to the page.
 */
import type { ChatController, Identity } from '../lib/chat-controller';
import type { HostEvents } from '../lib/widget-state';

export interface SwitchboardFn {
  (command: string, ...args: unknown[]): unknown;
  /** Calls queued by the stub before the script loaded. */
  q?: ArrayLike<unknown>[];
  /** Set by the real implementation: a second copy of widget.js leaves the first alone. */
  loaded?: boolean;
}

declare global {
  interface Window {
    Switchboard?: SwitchboardFn;
  }
}

const EVENTS: readonly (keyof HostEvents)[] = ['message', 'open', 'close', 'session', 'ready'];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks `identify`'s argument; null (with a warning) if it is unusable. */
export function parseIdentity(arg: unknown): Identity | null {
  if (!isRecord(arg) || typeof arg.customerId !== 'string' || !arg.customerId.trim()) {
    console.warn("Switchboard('identify', {customerId, customerHash?, metadata?}): customerId is required.");
    return null;
  }
  return {
    customerId: arg.customerId.trim(),
    customerHash: typeof arg.customerHash === 'string' ? arg.customerHash : undefined,
    metadata: isRecord(arg.metadata) ? arg.metadata : undefined,
  };
}

function subscribe(controller: ChatController, isReady: () => boolean, event: unknown, cb: unknown): () => void {
  const noop = (): void => undefined;
  if (typeof event !== 'string' || !(EVENTS as readonly string[]).includes(event) || typeof cb !== 'function') {
    console.warn(`Switchboard('on', event, callback): event must be one of ${EVENTS.join(', ')}.`);
    return noop;
  }
  const name = event as keyof HostEvents;
  const off = controller.events.on(name, (...args: unknown[]) => (cb as (...a: unknown[]) => void)(...args));
  // Late subscribers to 'ready' are called at once (asynchronously, like the event would be).
  if (name === 'ready' && isReady()) queueMicrotask(() => (cb as () => void)());
  return off;
}

/**
 * Replaces the stub with the real function and replays the queue. Returns `markReady`, which
 * the bootstrap calls once the UI is mounted.
 */
export function installHostApi(controller: ChatController, win: Window = window): () => void {
  let ready = false;
  const api: SwitchboardFn = (command, ...args) => {
    switch (command) {
      case 'open':
        return controller.open();
      case 'close':
        return controller.close();
      case 'toggle':
        return controller.store.get().open ? controller.close() : controller.open();
      case 'identify': {
        const identity = parseIdentity(args[0]);
        if (identity) controller.identify(identity);
        return undefined;
      }
      case 'on':
        return subscribe(controller, () => ready, args[0], args[1]);
      default:
        console.warn(`Switchboard: unknown command "${String(command)}".`);
        return undefined;
    }
  };
  api.loaded = true;
  const queued = win.Switchboard?.q ?? [];
  win.Switchboard = api;
  for (const call of Array.from(queued)) {
    const [command, ...args] = Array.from(call);
    if (typeof command === 'string') api(command, ...args);
  }
  return () => {
    ready = true;
    controller.events.emit('ready');
  };
}
