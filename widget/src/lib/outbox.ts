/**
 * Delivers the customer's messages exactly once. Each message keeps its `clientMessageId` for
 * life and is re-sent (one at a time, in order) after a lost ack or a reconnect until the
 * server acknowledges it; the server dedupes by that id, so a retry of a message that did
 * arrive just returns the stored copy. The queue lives in the thread state and is mirrored to
 * localStorage by the controller, so it survives a reload.
 */
import type { MessageDto } from '../../../shared/src/index';
import type { ClientErrorBody } from '../../../shared/src/client/switchboard-error';
import type { Connection } from './socket';
import type { WidgetThread, WidgetThreadAction } from './widget-thread';

/** After an ack timed out on a live connection, wait this long before re-sending. */
export const RETRY_AFTER_TIMEOUT_MS = 1000;

export interface OutboxDeps {
  connection: () => Connection | null;
  /** True once the server has sent the session snapshot on this connection. */
  canSend: () => boolean;
  thread: () => WidgetThread;
  dispatch: (action: WidgetThreadAction) => void;
  onDelivered: (message: MessageDto) => void;
}

export class Outbox {
  private flushing = false;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** No sends before this time (ms): a backoff that other flush() calls must not cut short. */
  private resumeAt = 0;

  constructor(private readonly deps: OutboxDeps) {}

  /** Sends whatever is waiting; safe to call any time (re-entrant calls coalesce). */
  async flush(): Promise<void> {
    if (this.flushing) {
      this.again = true;
      return;
    }
    this.flushing = true;
    try {
      do {
        this.again = false;
        await this.drain();
      } while (this.again);
    } finally {
      this.flushing = false;
    }
  }

  /** Stops any scheduled retry (on reset or teardown). */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.resumeAt = 0;
  }

  private schedule(ms: number): void {
    this.cancel();
    this.resumeAt = Date.now() + ms;
    this.timer = setTimeout(() => {
      this.resumeAt = 0; // timers may fire a hair early; the wait is over either way
      void this.flush();
    }, ms);
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (Date.now() < this.resumeAt) return;
      const connection = this.deps.connection();
      if (!connection?.connected || !this.deps.canSend()) return;
      const next = this.deps.thread().pending.find((p) => p.state === 'sending');
      if (!next) return;
      const result = await connection.sendMessage(next.clientMessageId, next.content);
      if (result.ok) {
        this.deps.dispatch({ type: 'send:acked', clientMessageId: next.clientMessageId, message: result.message });
        this.deps.onDelivered(result.message);
        continue;
      }
      if (!this.handleError(next.clientMessageId, result.error)) return;
    }
  }

  /** Returns true when the loop may go on to the next message. */
  private handleError(id: string, error: ClientErrorBody): boolean {
    const { code, message, retryAfter } = error;
    switch (code) {
      case 'offline':
        return false; // the next session snapshot flushes again
      case 'timeout':
        // Still connected: the ack was lost or slow, re-send. Disconnected: wait for the snapshot.
        if (this.deps.connection()?.connected) this.schedule(RETRY_AFTER_TIMEOUT_MS);
        return false;
      case 'rate_limited': {
        const seconds = Math.max(1, Math.ceil(retryAfter ?? 5));
        this.deps.dispatch({ type: 'send:error', clientMessageId: id, state: 'sending', error: { code, message, retryAfter: seconds } });
        this.schedule(seconds * 1000);
        return false; // later messages wait too, so order is kept
      }
      default:
        // message_too_large, session_closed, invalid_request, …: the customer decides.
        this.deps.dispatch({ type: 'send:error', clientMessageId: id, state: 'failed', error: { code, message } });
        return true;
    }
  }
}
