import type { MessageDto, WidgetServerEvents, WidgetSessionSnapshot } from '../../shared/src/index';
import { ChatController } from '../src/lib/chat-controller';
import type { WidgetConfig } from '../src/lib/config';
import type { AckResult as Result } from '../../shared/src/client/ack';
import type { Connection, ConnectionEvent } from '../src/lib/socket';
import type { WidgetStorage } from '../src/lib/storage';
import type { PendingMessage } from '../src/lib/widget-thread';

type SendResult = Result<{ message: MessageDto; duplicate: boolean }>;
type Handlers = { [E in keyof WidgetServerEvents]?: WidgetServerEvents[E][] };

/** A scriptable stand-in for the socket: the test plays the server. */
class FakeConnection implements Connection {
  connected = false;
  handlers: Handlers = {};
  connectionListeners: ((e: ConnectionEvent) => void)[] = [];
  sent: string[] = [];
  /** Answers for message:send, in order; when empty the server stores and acks. */
  script: (SendResult | 'hang')[] = [];
  since = jest.fn(async (afterSeq: number) => ({ ok: true as const, messages: this.stored.filter((m) => m.seq > afterSeq) }));
  stored: MessageDto[] = [];
  connects = 0;

  on<E extends keyof WidgetServerEvents>(event: E, cb: WidgetServerEvents[E]): () => void {
    (this.handlers[event] ??= [] as never[]).push(cb as never);
    return () => undefined;
  }
  emit<E extends keyof WidgetServerEvents>(event: E, ...args: Parameters<WidgetServerEvents[E]>): void {
    for (const cb of this.handlers[event] ?? []) (cb as (...a: Parameters<WidgetServerEvents[E]>) => void)(...args);
  }
  onConnection(cb: (e: ConnectionEvent) => void): () => void {
    this.connectionListeners.push(cb);
    return () => undefined;
  }
  fire(e: ConnectionEvent): void {
    if (e.type === 'disconnect') this.connected = false;
    this.connectionListeners.forEach((cb) => cb(e));
  }
  connect(): void {
    this.connects++;
  }
  reconnect(): void {
    this.connects++;
  }
  disconnect(): void {
    this.connected = false;
  }
  metadataUpdates: Record<string, unknown>[] = [];
  async updateMetadata(metadata: Record<string, unknown>): Promise<Result<object>> {
    this.metadataUpdates.push(metadata);
    return { ok: true };
  }
  async sendMessage(clientMessageId: string, content: string): Promise<SendResult> {
    if (!this.connected) return { ok: false, error: { code: 'offline', message: 'offline' } };
    this.sent.push(content);
    const next = this.script.shift();
    if (next === 'hang') {
      this.store(clientMessageId, content); // stored, but the ack is lost
      return { ok: false, error: { code: 'timeout', message: 'timeout' } };
    }
    if (next) return next;
    return { ok: true, message: this.store(clientMessageId, content), duplicate: false };
  }
  store(clientMessageId: string, content: string): MessageDto {
    const existing = this.stored.find((m) => m.clientMessageId === clientMessageId);
    if (existing) return existing;
    const seq = this.stored.length + 1;
    const message: MessageDto = { id: `m${seq}`, sessionId: 's1', seq, role: 'customer', content, clientMessageId, createdAt: '2026-01-01T00:00:00Z' };
    this.stored.push(message);
    return message;
  }
  messagesSince = (afterSeq: number) => this.since(afterSeq);
  requestHelp = jest.fn();
  acceptCall = jest.fn();
  closeSession = jest.fn();
  submitCsat = jest.fn();
  submitFields = jest.fn();
  typing = jest.fn();

  /** Server side of a (re)connect: connected, then the session snapshot. */
  open(token = 'tok-1'): void {
    this.connected = true;
    this.fire({ type: 'connect' });
    const snapshot: WidgetSessionSnapshot = {
      session: { id: 's1', agentId: 'a1', status: 'active', mode: 'ai', helpRequested: false, lastSeq: this.stored.length, createdAt: '', rated: false },
      agent: { id: 'a1', name: 'Ava', greeting: 'Hi', language: 'en' },
      messages: this.stored.slice(-2),
      customerToken: token,
    };
    this.emit('session', snapshot);
  }
}

function memoryStorage(initial: Partial<Record<'token' | 'customer', string>> = {}): WidgetStorage & { outbox: PendingMessage[] } {
  const values = new Map(Object.entries(initial));
  const s = {
    outbox: [] as PendingMessage[],
    getToken: () => values.get('token') ?? null,
    setToken: (t: string | null) => void (t === null ? values.delete('token') : values.set('token', t)),
    getCustomerId: () => values.get('customer') ?? null,
    setCustomerId: (c: string | null) => void (c === null ? values.delete('customer') : values.set('customer', c)),
    getOutbox: () => s.outbox,
    setOutbox: (items: PendingMessage[]) => void (s.outbox = items),
    getAgentLanguage: () => values.get('lang') ?? null,
    setAgentLanguage: (lang: string) => void values.set('lang', lang),
  };
  return s;
}

const config: WidgetConfig = { origin: 'https://sb.test', agentId: 'a1', position: 'right', open: false };
const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

function setup(storage = memoryStorage()) {
  const conn = new FakeConnection();
  const controller = new ChatController(config, storage, () => conn);
  controller.start();
  return { conn, controller, storage };
}

/** A visitor who has said one thing (seq 1) and then lost the connection. */
async function offlineAfterOneMessage() {
  const started = setup();
  started.controller.open();
  started.conn.open();
  started.controller.send('a');
  await flush();
  started.conn.fire({ type: 'disconnect', reason: 'transport close' });
  return started;
}

describe('ChatController', () => {
  it('connects lazily: not at start for a new visitor, on open', () => {
    const { conn, controller } = setup();
    expect(conn.connects).toBe(0);
    controller.open();
    expect(conn.connects).toBe(1);
  });

  it('connects at start for a returning visitor (stored token)', () => {
    const { conn } = setup(memoryStorage({ token: 'tok-1' }));
    expect(conn.connects).toBe(1);
  });

  it('drops a token that belongs to another customer', () => {
    const storage = memoryStorage({ token: 'tok-1', customer: 'someone-else' });
    const { conn } = setup(storage);
    expect(storage.getToken()).toBeNull();
    expect(conn.connects).toBe(0);
  });

  it('sends a message typed offline once the session is back, exactly once', async () => {
    const { conn, controller, storage } = setup();
    controller.send('hello');
    expect(controller.store.get().thread.pending).toHaveLength(1);
    expect(storage.outbox).toHaveLength(1); // persisted for a reload
    conn.open();
    await flush();
    expect(conn.sent).toEqual(['hello']);
    expect(controller.store.get().thread.pending).toEqual([]);
    expect(controller.store.get().thread.messages.map((m) => m.content)).toEqual(['hello']);
    expect(storage.getToken()).toBe('tok-1');
    expect(storage.outbox).toEqual([]);
  });

  it('re-sends with the same clientMessageId after a lost ack; the server keeps one copy', async () => {
    jest.useFakeTimers();
    try {
      const { conn, controller } = setup();
      controller.open();
      conn.open();
      conn.script = ['hang'];
      controller.send('are you there?');
      await flush();
      expect(controller.store.get().thread.pending).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(1500);
      expect(conn.sent).toEqual(['are you there?', 'are you there?']);
      expect(conn.stored).toHaveLength(1);
      expect(controller.store.get().thread.pending).toEqual([]);
      expect(controller.store.get().thread.messages).toHaveLength(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('waits out rate_limited, keeping later messages behind it', async () => {
    jest.useFakeTimers();
    try {
      const { conn, controller } = setup();
      controller.open();
      conn.open();
      conn.script = [{ ok: false, error: { code: 'rate_limited', message: 'slow', retryAfter: 2 } }];
      controller.send('one');
      controller.send('two');
      await flush();
      expect(conn.sent).toEqual(['one']);
      expect(controller.store.get().thread.pending[0].error?.code).toBe('rate_limited');
      await jest.advanceTimersByTimeAsync(2100);
      expect(conn.stored.map((m) => m.content)).toEqual(['one', 'two']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('marks message_too_large as failed and goes on with the next', async () => {
    const { conn, controller } = setup();
    controller.open();
    conn.open();
    conn.script = [{ ok: false, error: { code: 'message_too_large', message: 'big' } }];
    controller.send('huge');
    controller.send('small');
    await flush();
    const { pending, messages } = controller.store.get().thread;
    expect(pending).toMatchObject([{ content: 'huge', state: 'failed' }]);
    expect(messages.map((m) => m.content)).toEqual(['small']);
  });

  it('catches up with messages:since from the highest seq after a reconnect', async () => {
    const { conn, controller } = await offlineAfterOneMessage();
    expect(controller.store.get().connection).toBe('offline');
    conn.store('x1', 'missed 1');
    conn.store('x2', 'missed 2');
    conn.store('x3', 'missed 3');
    conn.open();
    await flush();
    expect(conn.since).toHaveBeenCalledWith(1);
    expect(controller.store.get().thread.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(controller.store.get().connection).toBe('online');
  });

  it('catches up a gap longer than one answer of messages:since, page by page, and stops at the snapshot', async () => {
    const { conn, controller } = await offlineAfterOneMessage();
    for (let i = 0; i < 1200; i++) conn.store(`x${i}`, `missed ${i}`);
    // The server answers at most 500 messages at a time.
    conn.since.mockImplementation(async (afterSeq: number) => ({ ok: true as const, messages: conn.stored.filter((m) => m.seq > afterSeq).slice(0, 500) }));
    conn.open();
    for (let i = 0; i < 5; i++) await flush();
    expect(conn.since.mock.calls.map(([afterSeq]) => afterSeq)).toEqual([1, 501, 1001]);
    const seqs = controller.store.get().thread.messages.map((m) => m.seq);
    expect(seqs).toEqual(Array.from({ length: 1201 }, (_, i) => i + 1));
  });

  it('asks nothing after a reconnect that missed nothing', async () => {
    const { conn, controller } = await offlineAfterOneMessage();
    conn.open();
    await flush();
    expect(conn.since).not.toHaveBeenCalled();
    expect(controller.store.get().connection).toBe('online');
  });

  it('on unauthorized with a stored token, drops it and connects fresh', () => {
    const storage = memoryStorage({ token: 'stale' });
    const { conn } = setup(storage);
    conn.fire({ type: 'connect_error', code: 'unauthorized', retrying: false });
    expect(storage.getToken()).toBeNull();
    expect(conn.connects).toBe(2);
  });

  it('origin_not_allowed is final', () => {
    const { conn, controller } = setup();
    controller.open();
    conn.fire({ type: 'connect_error', code: 'origin_not_allowed', retrying: false });
    expect(controller.store.get().fatal).toBe('origin_not_allowed');
  });

  it('counts unread replies while closed and tells host-page listeners once', () => {
    const { conn, controller } = setup(memoryStorage({ token: 'tok-1' }));
    const seen: string[] = [];
    controller.events.on('message', (m) => seen.push(m.id));
    conn.open();
    const reply: MessageDto = { id: 'r1', sessionId: 's1', seq: 1, role: 'agent', content: 'hi', status: 'complete', createdAt: '' };
    conn.emit('stream:start', { sessionId: 's1', messageId: 'r1', seq: 1 });
    conn.emit('stream:end', { sessionId: 's1', messageId: 'r1', status: 'complete', message: reply });
    conn.emit('message', reply);
    expect(seen).toEqual(['r1']);
    expect(controller.store.get().unread).toBe(1);
    controller.open();
    expect(controller.store.get().unread).toBe(0);
  });
});
