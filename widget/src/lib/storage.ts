/**
 * What the widget keeps in the visitor's browser, per agent: the session token (to resume the
 * chat), the customer id it belongs to, and the outbox of unsent messages (so a reload while
 * offline loses nothing). localStorage can throw (Safari private mode, storage disabled,
 * quota), so every access falls back to memory for the life of the page.
 */
import type { PendingMessage } from './widget-thread';

const memory = new Map<string, string>();

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return memory.get(key) ?? null;
  }
}

function write(key: string, value: string | null): void {
  if (value === null) memory.delete(key);
  else memory.set(key, value);
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // memory already holds it
  }
}

function isPending(value: unknown): value is PendingMessage {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.clientMessageId === 'string' && typeof v.content === 'string' && typeof v.createdAt === 'string';
}

export interface WidgetStorage {
  getToken(): string | null;
  setToken(token: string | null): void;
  /** The customer id the stored token was issued for (`null` = anonymous). */
  getCustomerId(): string | null;
  setCustomerId(id: string | null): void;
  /** The agent's language as last heard from the server, so a returning visitor's widget starts in it. */
  getAgentLanguage(): string | null;
  setAgentLanguage(lang: string): void;
  getOutbox(): PendingMessage[];
  setOutbox(items: PendingMessage[]): void;
}

/** Storage scoped to one agent; keys are `switchboard:<agentId>:<name>`. */
export function createStorage(agentId: string): WidgetStorage {
  const key = (name: string): string => `switchboard:${agentId}:${name}`;
  return {
    getToken: () => read(key('token')),
    setToken: (token) => write(key('token'), token),
    getCustomerId: () => read(key('customer')),
    setCustomerId: (id) => write(key('customer'), id),
    getAgentLanguage: () => read(key('lang')),
    setAgentLanguage: (lang) => write(key('lang'), lang),
    getOutbox() {
      try {
        const parsed: unknown = JSON.parse(read(key('outbox')) ?? '[]');
        return Array.isArray(parsed) ? parsed.filter(isPending).map((p) => ({ ...p, state: p.state === 'failed' ? 'failed' : 'sending' })) : [];
      } catch {
        return [];
      }
    },
    setOutbox(items) {
      write(key('outbox'), items.length ? JSON.stringify(items) : null);
    },
  };
}
