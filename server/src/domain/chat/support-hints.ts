import type { EventBus } from '../events/event-bus';

const HINT_MS = 60_000;
const MAX_HINTS = 10_000;

/**
 * Sessions lately seen in a person's hands, so a customer's message there skips the AI turn's
 * update that would only be refused (one round trip saved per message in `support` mode). A
 * hint is only ever a guess: wrong either way, the ordinary path still stores and answers
 * correctly. It is dropped when the session is seen back with the AI, and ages out.
 */
export class SupportHints {
  private readonly since = new Map<string, number>();

  constructor(bus: EventBus) {
    bus.subscribe((m) => {
      if (m.kind !== 'domain' || m.event.type !== 'session.updated') return;
      this.seen(m.event.data.session.id, m.event.data.session.mode);
    });
  }

  /** The session's mode as just learnt. */
  seen(sessionId: string, mode: string): void {
    if (mode === 'ai') return void this.since.delete(sessionId);
    if (this.since.size >= MAX_HINTS) this.since.delete(this.since.keys().next().value as string);
    this.since.set(sessionId, Date.now());
  }

  inSupport(sessionId: string): boolean {
    const at = this.since.get(sessionId);
    return at !== undefined && Date.now() - at < HINT_MS;
  }
}
