/**
 * An operator's typing indicator expires by itself (SPEC §4): a console that closes, crashes
 * or loses its network mid-word never sends `active: false`, and the customer must not watch
 * "typing…" forever. Each process keeps the timers for the indicators it relays to its own
 * sockets, so with several processes every one of them lapses its sockets' indicator.
 */
export class TypingExpiry {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    /** OPERATOR_TYPING_TIMEOUT_MS: how long "typing…" stays up without a fresh `active: true`. */
    private readonly timeoutMs: number,
    private readonly onExpire: (sessionId: string, name: string | undefined) => void,
  ) {}

  /** Notes one operator typing update: `active` (re)starts the countdown, inactive cancels it. */
  note(sessionId: string, name: string | undefined, active: boolean): void {
    const key = `${sessionId}\u0000${name ?? ''}`;
    const running = this.timers.get(key);
    if (running) clearTimeout(running);
    this.timers.delete(key);
    if (!active) return;
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.onExpire(sessionId, name);
    }, this.timeoutMs);
    timer.unref();
    this.timers.set(key, timer);
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
