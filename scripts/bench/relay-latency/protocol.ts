/**
 * What the benchmark's pieces agree on: how a token carries the moment the model server wrote
 * it, and the socket events of the minimal relay.
 */

/** Prefixes a token with the hrtime (ns) at which the fake model server writes it. */
export function stampToken(token: string): string {
  return `t:${process.hrtime.bigint()}|${token}`;
}

/**
 * Every write time found in a piece of received text. A relay may merge or split tokens, so
 * all complete stamps in the text count, each exactly once if callers pass the text once.
 */
export function readStamps(text: string): bigint[] {
  return [...text.matchAll(/t:(\d+)\|/g)].map((m) => BigInt(m[1]));
}

/** Socket events of the minimal relay (client → relay). */
export interface RelayClientEvents {
  ask: (text: string) => void;
}

/** Socket events of the minimal relay (relay → client). */
export interface RelayServerEvents {
  token: (text: string) => void;
  done: () => void;
  failed: (message: string) => void;
}

/** What the relay process sends its parent once it listens. */
export interface RelayReady {
  port: number;
}
