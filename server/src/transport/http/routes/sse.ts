import type { Response } from 'express';
import type { MessageDto } from '../../../../../shared/src/contract/types';
import type { ReplyHooks } from '../../../domain/runtime/agent-runtime';

/**
 * Streams the AI reply to one customer message as server-sent events: `message` (the
 * stored customer message), `stream:start`, `stream:delta`, `stream:end`, then `done`.
 */
export class ReplySse {
  /** Events that came before the response was opened (the reply may start first). */
  private pending: string[] | null = [];

  constructor(private readonly res: Response) {}

  /** The runtime calls these for this request's own reply: no listening to every delta of every session. */
  readonly hooks: ReplyHooks = {
    onStart: (message: MessageDto) => this.send('stream:start', { messageId: message.id, seq: message.seq }),
    onDelta: (delta) => this.send('stream:delta', delta),
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

  end(reply: MessageDto | null): void {
    if (reply) this.send('stream:end', { messageId: reply.id, status: reply.status, message: reply });
    this.send('done', { reply });
    this.res.end();
  }

  fail(error: unknown): void {
    this.send('error', { error });
    this.res.end();
  }
}
