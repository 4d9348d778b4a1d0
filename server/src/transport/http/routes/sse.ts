import type { Response } from 'express';
import type { MessageDto } from '../../../../../shared/src/dto';
import type { EventBus } from '../../../domain/events/event-bus';
import type { ReplyHooks } from '../../../domain/runtime/agent-runtime';

/**
 * Streams the AI reply to one customer message as server-sent events: `message` (the
 * stored customer message), `stream:start`, `stream:delta`, `stream:end`, then `done`.
 */
export class ReplySse {
  private replyId: string | null = null;
  private readonly unsubscribe: () => void;
  /** Events that came before the response was opened (the reply may start first). */
  private pending: string[] | null = [];

  constructor(
    private readonly res: Response,
    bus: EventBus,
  ) {
    this.unsubscribe = bus.subscribe((m) => {
      if (m.kind === 'delta' && m.messageId === this.replyId) this.send('stream:delta', { messageId: m.messageId, index: m.index, text: m.text });
    });
  }

  readonly hooks: ReplyHooks = {
    onStart: (message: MessageDto) => {
      this.replyId = message.id;
      this.send('stream:start', { messageId: message.id, seq: message.seq });
    },
  };

  /** Starts the response once the customer message is stored; errors before this are plain JSON. */
  open(customerMessage: { message: MessageDto; duplicate: boolean }): void {
    this.res.status(201).set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    this.res.flushHeaders();
    this.res.write(`event: message\ndata: ${JSON.stringify(customerMessage)}\n\n`);
    for (const chunk of this.pending ?? []) this.res.write(chunk);
    this.pending = null;
  }

  send(event: string, data: unknown): void {
    const chunk = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    if (this.pending) this.pending.push(chunk);
    else this.res.write(chunk);
  }

  /** Stops listening without answering (the request failed before the stream opened). */
  abandon(): void {
    this.unsubscribe();
  }

  end(reply: MessageDto | null): void {
    this.unsubscribe();
    if (reply) this.send('stream:end', { messageId: reply.id, status: reply.status, message: reply });
    this.send('done', { reply });
    this.res.end();
  }

  fail(error: unknown): void {
    this.unsubscribe();
    this.send('error', { error });
    this.res.end();
  }
}
