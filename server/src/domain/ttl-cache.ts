interface Entry<T> {
  value: Promise<T | null>;
  /** The value once loaded, for `deleteWhere`. */
  loaded?: T;
  expiresAt: number;
}

/**
 * A small in-memory cache for what is read on every request but changes rarely (agents,
 * verified API keys): entries live `ttlMs`, concurrent misses for one key share a single
 * load, a failed or empty load is not kept, and past `maxEntries` the oldest entry goes.
 * Owners drop entries when the thing changes (in every process, through the bus); the TTL
 * only bounds how stale a change made behind the server's back can be.
 */
export class TtlCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached value, or `load()`'s result. */
  get(key: string, load: () => Promise<T | null>): Promise<T | null> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > this.now()) return hit.value;
    const entry: Entry<T> = { value: load(), expiresAt: this.now() + this.ttlMs };
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, entry);
    const forget = () => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    };
    entry.value.then((v) => (v === null ? forget() : (entry.loaded = v)), forget);
    return entry.value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Drops every entry whose value matches, and every load still in flight (it may have read the old state). */
  deleteWhere(matches: (value: T) => boolean): void {
    for (const [key, entry] of this.entries) if (entry.loaded === undefined || matches(entry.loaded)) this.entries.delete(key);
  }
}
