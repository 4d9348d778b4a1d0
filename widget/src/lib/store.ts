/** A minimal observable store: the widget's UI subscribes, the controller writes. */
export interface Store<S> {
  get(): S;
  set(patch: Partial<S> | ((state: S) => Partial<S>)): void;
  subscribe(listener: (state: S, previous: S) => void): () => void;
}

/** Creates a store; `set` shallow-merges and notifies only when something changed. */
export function createStore<S extends object>(initial: S): Store<S> {
  let state = initial;
  const listeners = new Set<(state: S, previous: S) => void>();
  return {
    get: () => state,
    set(patch) {
      const delta = typeof patch === 'function' ? patch(state) : patch;
      const keys = Object.keys(delta) as (keyof S)[];
      if (keys.every((k) => Object.is(state[k], delta[k]))) return;
      const previous = state;
      state = { ...state, ...delta };
      for (const listener of [...listeners]) listener(state, previous);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
