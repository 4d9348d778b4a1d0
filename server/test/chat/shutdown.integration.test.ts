import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageDto, SessionDto } from '../../../shared/src/contract/types';
import type { WidgetSessionSnapshot } from '../../../shared/src/events';
import { startEmbeddedEngine, type EmbeddedEngine } from '../../src/db/embedded-engine/engine-server';
import { startFakeLlm, type FakeLlm } from '../support/fake-llm-server';
import { httpClient } from '../support/http-client';
import { startServerProcess, type ServerProcess } from '../support/processes';
import { nextEvent, waitUntil, widgetClient, type WidgetClient } from '../support/socket-clients';

const MASTER = 'sk_sb_master_shutdown_test_key_0123456789';

/** A process asked to stop while it streams: what the customer sees, what is stored. */
describe('graceful shutdown (SIGTERM)', () => {
  let dir: string;
  let engine: EmbeddedEngine;
  let llm: FakeLlm;
  let stopping: ServerProcess;
  let reader: ServerProcess;
  let agentId: string;
  let env: Record<string, string>;
  const sockets: WidgetClient[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-shutdown-'));
    engine = await startEmbeddedEngine({ dataDir: join(dir, 'db') });
    llm = await startFakeLlm();
    env = { MONGODB_URI: engine.uri, CHAT_MASTER_KEY: MASTER, OPENAI_BASE_URL: llm.url, OPENAI_API_KEY: 'test', SEED_DEMO: 'false', DATA_DIR: dir };
    // The reader shares the database (no Redis: it only answers REST) and outlives the other.
    [stopping, reader] = await Promise.all([startServerProcess({ ...env, SHUTDOWN_DRAIN_MS: '300' }), startServerProcess(env)]);
    const agent = await httpClient(reader.url, MASTER).post<{ agent: { id: string } }>('/v1/agents', { name: 'Shutdown', llm: { provider: 'openai', model: 'fake' } });
    agentId = agent.body.agent.id;
  }, 60_000);

  afterAll(async () => {
    for (const s of sockets) s.close();
    await Promise.all([stopping?.stop(), reader?.stop()]);
    await llm?.close();
    await engine?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('past SHUTDOWN_DRAIN_MS the reply is cut off: stored failed with its text, the customer told once, help requested', async () => {
    const widget = widgetClient(stopping.url, { agentId });
    sockets.push(widget);
    const { session } = await nextEvent<WidgetSessionSnapshot>(widget, 'session');
    let shown = '';
    const told: MessageDto[] = [];
    widget.on('stream:delta', (d) => (shown += d.text));
    widget.on('message', (m) => m.role === 'system' && told.push(m));
    llm.enqueue({ tokens: Array.from({ length: 200 }, (_, i) => `w${i} `), delayMs: 50 });
    const ended = nextEvent<{ status: string; message: MessageDto }>(widget, 'stream:end', 10_000);
    expect((await widget.emitWithAck('message:send', { clientMessageId: 'c1', content: 'tell me everything' })).ok).toBe(true);
    await waitUntil(() => shown.length > 0, 10_000);
    // Queued behind the reply in progress: it never starts, and its customer is not told twice.
    expect((await widget.emitWithAck('message:send', { clientMessageId: 'c2', content: 'and more' })).ok).toBe(true);
    const exited = once(stopping.child, 'exit');
    stopping.child.kill('SIGTERM');

    const end = await ended;
    expect(end.status).toBe('failed');
    expect(end.message.content.length).toBeGreaterThan(0);
    expect(shown.startsWith(end.message.content)).toBe(true);
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
    expect(told.map((m) => m.content)).toEqual([expect.stringMatching(/sorry/i)]);

    const api = httpClient(reader.url, MASTER);
    const history = await api.get<{ messages: MessageDto[] }>(`/v1/chat/sessions/${session.id}/messages`);
    expect(history.body.messages.map((m) => [m.role, m.status ?? null])).toEqual([
      ['customer', null],
      ['agent', 'failed'],
      ['customer', null],
      ['system', null],
    ]);
    const stored = await api.get<{ session: SessionDto }>(`/v1/chat/sessions/${session.id}`);
    expect(stored.body.session.helpRequested).toBe(true);
    expect(stored.body.session.helpReason).toMatch(/shut down/);
  }, 40_000);

  it('a second SIGTERM ends a long drain at once: the reply is cut off the same way', async () => {
    const patient = await startServerProcess({ ...env, SHUTDOWN_DRAIN_MS: '60000' });
    try {
      const widget = widgetClient(patient.url, { agentId });
      sockets.push(widget);
      const { session } = await nextEvent<WidgetSessionSnapshot>(widget, 'session');
      let shown = '';
      widget.on('stream:delta', (d) => (shown += d.text));
      llm.enqueue({ tokens: Array.from({ length: 200 }, (_, i) => `w${i} `), delayMs: 50 });
      const ended = nextEvent<{ status: string }>(widget, 'stream:end', 10_000);
      expect((await widget.emitWithAck('message:send', { clientMessageId: 'c1', content: 'go on' })).ok).toBe(true);
      await waitUntil(() => shown.length > 0, 10_000);
      const exited = once(patient.child, 'exit');
      const signalledAt = Date.now();
      patient.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      patient.child.kill('SIGTERM');
      expect((await ended).status).toBe('failed');
      const [code] = (await exited) as [number | null];
      expect(code).toBe(0);
      // Well inside the 60 s drain it was given.
      expect(Date.now() - signalledAt).toBeLessThan(10_000);
      const stored = await httpClient(reader.url, MASTER).get<{ session: SessionDto }>(`/v1/chat/sessions/${session.id}`);
      expect(stored.body.session.helpRequested).toBe(true);
    } finally {
      await patient.stop();
    }
  }, 40_000);

  it('with SHUTDOWN_DELAY_MS it first stays up but not ready, serving, so a load balancer can move away', async () => {
    const polite = await startServerProcess({ ...env, SHUTDOWN_DELAY_MS: '3000' });
    try {
      const api = httpClient(polite.url, MASTER);
      expect((await api.get('/readyz')).status).toBe(200);
      const exited = once(polite.child, 'exit');
      const signalledAt = Date.now();
      polite.child.kill('SIGTERM');
      const notReady = await waitUntil(async () => {
        const res = await api.get<{ error: { code: string } }>('/readyz');
        return res.status === 503 ? res : null;
      });
      expect(notReady.body.error.code).toBe('shutting_down');
      expect((await api.get('/healthz')).status).toBe(200);
      // Still doing work meanwhile: a request routed here before the balancer noticed is served.
      expect((await api.post('/v1/chat/sessions', { agentId, customerId: 'late-arrival' })).status).toBe(201);
      const [code] = (await exited) as [number | null];
      expect(code).toBe(0);
      expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(2_900);
      await expect(fetch(`${polite.url}/healthz`)).rejects.toThrow();
    } finally {
      await polite.stop();
    }
  }, 40_000);
});
