// Regression: a chaos run killed Redis for 5 s and both server processes exited with code 1
// on an unhandled rejection from the Redis client (a command timeout; with 8 s, ECONNRESET),
// and every customer send failed `internal` meanwhile because the Redis rate limiter had no
// fallback. A Redis outage of any length must degrade, never kill.
import type { MessageDto } from '../../../shared/src/contract/types';
import { CLUSTER_MASTER_KEY, startCluster, type TestCluster } from '../support/cluster';
import { httpClient } from '../support/http-client';
import { describeWithRedis } from '../support/redis';
import { connected, delay, nextEvent, operatorClient, waitUntil, widgetClient, type OperatorClient, type WidgetClient } from '../support/socket-clients';

const MASTER = CLUSTER_MASTER_KEY;

describeWithRedis('a Redis outage longer than the Redis client timeouts', () => {
  let cluster: TestCluster;
  const sockets: (WidgetClient | OperatorClient)[] = [];

  beforeAll(async () => {
    cluster = await startCluster();
  }, 60_000);

  afterAll(async () => {
    for (const s of sockets) s.close();
    await cluster?.stop();
  });

  it('both processes live through it, every send is acked or refused with a clear error, nothing is lost or doubled, and delivery between processes resumes', async () => {
    const { a, b, agentId } = cluster;
    // Customers on both processes, replies off: the operators keep these sessions.
    const sessions = await Promise.all(
      [a, b, a, b].map(async (proc, i) => {
        const widget = widgetClient(proc.url, { agentId });
        sockets.push(widget);
        const snapshot = await nextEvent<{ session: { id: string }; customerToken: string }>(widget, 'session');
        await httpClient(proc.url, MASTER).post(`/v1/chat/sessions/${snapshot.session.id}/takeover`);
        return { widget, sessionId: snapshot.session.id, n: i };
      }),
    );

    const acked = new Map<string, string[]>();
    const refused: string[] = [];
    let sending = true;
    const senders = sessions.map(async ({ widget, sessionId, n }) => {
      acked.set(sessionId, []);
      for (let i = 0; sending; i++) {
        const clientMessageId = `c${n}-${i}`;
        const content = `message ${n}-${i}`;
        const ack = await widget.timeout(15_000).emitWithAck('message:send', { clientMessageId, content }).catch(() => null);
        if (ack?.ok) acked.get(sessionId)!.push(content);
        else refused.push(ack && !ack.ok ? ack.error.code : 'no ack');
        await delay(150);
      }
    });

    // Visitors who leave during the outage: Socket.IO stores their session in Redis for recovery.
    const leaving = await Promise.all([a, b].map(async (proc) => {
      const widget = widgetClient(proc.url, { agentId });
      await nextEvent(widget, 'session');
      return widget;
    }));
    await delay(500);
    // Longer than node-redis's 5 s command timeout: the case that killed both processes.
    const outage = cluster.redis.restart(8_000);
    await delay(1_000);
    for (const w of leaving) w.close();
    // Still ready (every process shares this Redis: failing readiness would empty the load balancer), and says why it is degraded.
    const during = await httpClient(a.url).get<{ ok: boolean; redis?: string; degraded?: string[] }>('/readyz');
    expect(during.status).toBe(200);
    expect(during.body).toMatchObject({ ok: true, redis: 'reconnecting', degraded: ['redis'] });
    // A takeover meanwhile asks every process to stop the reply (an acknowledged broadcast).
    const takeover = await httpClient(b.url, MASTER).post(`/v1/chat/sessions/${sessions[1].sessionId}/release`);
    expect(takeover.status).toBe(200);
    expect((await httpClient(b.url, MASTER).post(`/v1/chat/sessions/${sessions[1].sessionId}/takeover`)).status).toBe(200);
    await outage;
    await delay(1_000);
    sending = false;
    await Promise.all(senders);

    expect(a.child.exitCode).toBeNull();
    expect(b.child.exitCode).toBeNull();
    expect(a.output()).not.toMatch(/unhandled/i);
    expect(b.output()).not.toMatch(/unhandled/i);
    // Served alone meanwhile: most sends went through, and what did not got an error code, not silence.
    const total = [...acked.values()].reduce((n, list) => n + list.length, 0);
    expect(total).toBeGreaterThan(40);
    for (const code of refused) expect(['store_unavailable', 'rate_limited', 'unavailable']).toContain(code);

    // Each acked message stored exactly once, in order, no seq gaps.
    for (const [sessionId, contents] of acked) {
      const history = await httpClient(a.url, MASTER).get<{ messages: MessageDto[] }>(`/v1/chat/sessions/${sessionId}/messages?limit=500`);
      const customer = history.body.messages.filter((m) => m.role === 'customer').map((m) => m.content);
      expect(customer.filter((c) => contents.includes(c))).toEqual(contents);
      expect(new Set(customer).size).toBe(customer.length);
      const seqs = history.body.messages.map((m) => m.seq);
      expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
    }

    // Cross-process delivery is back: an operator on B tells a customer whose widget is on A.
    const login = await (async () => {
      const api = httpClient(b.url, MASTER);
      await api.post('/v1/operators', { email: 'after@example.com', name: 'After', password: 'correct horse battery' });
      return api.post<{ token: string }>('/v1/auth/login', { email: 'after@example.com', password: 'correct horse battery' });
    })();
    const op = operatorClient(b.url, login.body.token);
    sockets.push(op);
    await connected(op);
    const onA = sessions[0];
    const received: string[] = [];
    onA.widget.on('message', (m) => received.push(m.content));
    await waitUntil(async () => {
      await op.emitWithAck('tell', { sessionId: onA.sessionId, content: 'back across processes' });
      return received.includes('back across processes');
    }, 20_000, 500);

    // Readiness said what state the process was in, and says it is whole again.
    const ready = await waitUntil(async () => {
      const r = await httpClient(a.url).get<{ ok: boolean; redis?: string }>('/readyz');
      return r.body.redis === 'connected' ? r : null;
    }, 10_000, 200);
    expect(ready.status).toBe(200);
  }, 90_000);
});
