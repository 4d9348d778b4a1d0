/** A tiny typed event emitter for the host page's `Switchboard('on', …)` subscriptions. */
export interface Emitter<M extends Record<string, unknown[]>> {
  on<K extends keyof M>(event: K, cb: (...args: M[K]) => void): () => void;
  emit<K extends keyof M>(event: K, ...args: M[K]): void;
}

type ListenerSets<M extends Record<string, unknown[]>> = { [K in keyof M]?: Set<(...args: M[K]) => void> };

/** Listeners are the integrator's code: one that throws is logged and the others still run. */
export function createEmitter<M extends Record<string, unknown[]>>(): Emitter<M> {
  const listeners: ListenerSets<M> = {};
  return {
    on(event, cb) {
      const set = listeners[event] ?? new Set();
      listeners[event] = set;
      set.add(cb);
      return () => void set.delete(cb);
    },
    emit(event, ...args) {
      for (const cb of [...(listeners[event] ?? [])]) {
        try {
          cb(...args);
        } catch (err) {
          console.error(`Switchboard: a "${String(event)}" listener threw`, err);
        }
      }
    },
  };
}
