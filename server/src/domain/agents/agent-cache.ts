import type { AgentDoc } from '../../db/models/agent.model';

interface Entry {
  doc: Promise<AgentDoc | null>;
  expiresAt: number;
}

/**
 * Agents are read on every handshake, message and reply but change rarely: they are kept
 * in memory for `ttlMs`, and concurrent misses for one agent share a single database read.
 * Writes drop the entry here and, through the bus, in every other process; the TTL only
 * bounds how stale an agent edited behind the server's back can be.
 */
export class AgentCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached agent, or `load()`'s result (a failed or empty load is not kept). */
  get(id: string, load: () => Promise<AgentDoc | null>): Promise<AgentDoc | null> {
    const hit = this.entries.get(id);
    if (hit && hit.expiresAt > this.now()) return hit.doc;
    const doc = load();
    const entry = { doc, expiresAt: this.now() + this.ttlMs };
    this.entries.set(id, entry);
    const forget = () => {
      if (this.entries.get(id) === entry) this.entries.delete(id);
    };
    doc.then((d) => d ?? forget(), forget);
    return doc;
  }

  invalidate(id: string): void {
    this.entries.delete(id);
  }
}
