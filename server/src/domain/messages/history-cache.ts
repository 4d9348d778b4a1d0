import type { MessageDto } from '../../../../shared/src/contract/types';

/** The most messages a reply's model input starts from (runtime/model-input's MAX_HISTORY, plus one that tells older ones exist). */
export const HISTORY_WINDOW = 61;
const MAX_SESSIONS = 5_000;
const FINAL_TOOL_STATUSES = new Set(['succeeded', 'failed', 'denied', 'timed_out', 'cancelled']);

/**
 * Whether no process will change what the model is shown of this message any more. A
 * streaming reply grows; an interrupted one may still get its generator's fuller text; a tool
 * call's status moves until it ends. Other roles are never edited.
 */
function settled(m: MessageDto): boolean {
  if (m.role === 'agent') return m.status === 'complete' || m.status === 'failed';
  if (m.role === 'tool') return m.toolCall !== undefined && m.toolCall !== null && FINAL_TOOL_STATUSES.has(m.toolCall.status);
  return true;
}

interface Entry {
  /** The session's `lastSeq` this entry is complete up to: every message up to it is in `messages`. */
  lastSeq: number;
  /** The latest messages (staff view), oldest first, at most HISTORY_WINDOW. */
  messages: MessageDto[];
}

/**
 * The latest messages of the sessions this process replies in, so a reply's model input needs
 * no read. Other processes cannot make an entry stale: it is used only when the session's seq
 * counter, as the turn's own conditional update returned it, is the one the entry is complete
 * up to (any message written anywhere moves that counter first), and only while every message
 * in it is settled (the only ones anybody may still change are the unsettled ones).
 */
export class HistoryCache {
  private readonly entries = new Map<string, Entry>();

  /** The session's latest messages when the entry is complete up to `lastSeq` and settled; null: read them. */
  take(sessionId: string, lastSeq: number): MessageDto[] | null {
    // A counter still at 0: no message has been written anywhere, so there is nothing to read;
    // the entry starts here and this turn's own messages extend it.
    if (lastSeq === 0) {
      this.set(sessionId, { lastSeq: 0, messages: [] });
      return [];
    }
    const entry = this.entries.get(sessionId);
    if (!entry || entry.lastSeq !== lastSeq || !entry.messages.every(settled)) return null;
    return [...entry.messages];
  }

  /**
   * The latest messages as just read from the database. Kept only if their seqs have no hole
   * (a seq taken by a write still on its way would leave one) and reach back to the first
   * message or fill the window.
   */
  fill(sessionId: string, latest: MessageDto[]): void {
    const messages = latest.slice(-HISTORY_WINDOW);
    const first = messages[0];
    const whole = first !== undefined && (first.seq === 1 || messages.length === HISTORY_WINDOW) && messages.every((m, i) => m.seq === first.seq + i);
    if (!whole) return void this.entries.delete(sessionId);
    this.set(sessionId, { lastSeq: first.seq + messages.length - 1, messages });
  }

  /** A message this process stored: it extends an entry complete up to the seq before it; anything else leaves a hole, so the entry goes. */
  appended(message: MessageDto): void {
    const entry = this.entries.get(message.sessionId);
    if (!entry) return;
    if (message.seq !== entry.lastSeq + 1) return void this.entries.delete(message.sessionId);
    entry.messages.push(message);
    if (entry.messages.length > HISTORY_WINDOW) entry.messages.shift();
    entry.lastSeq = message.seq;
  }

  /** A message this process changed (a reply settled): the entry holds its new state. */
  replaced(message: MessageDto): void {
    const entry = this.entries.get(message.sessionId);
    const at = entry ? entry.messages.findIndex((m) => m.id === message.id) : -1;
    if (entry && at >= 0) entry.messages[at] = message;
  }

  drop(sessionId: string): void {
    this.entries.delete(sessionId);
  }

  private set(sessionId: string, entry: Entry): void {
    this.entries.delete(sessionId);
    // Map order is insertion order: the entry refreshed longest ago goes first.
    if (this.entries.size >= MAX_SESSIONS) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(sessionId, entry);
  }
}
