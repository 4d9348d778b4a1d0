import { once } from 'node:events';
import type { MessageDto, SessionDto } from '../../../shared/src/contract/types';
import type { WidgetSessionSnapshot } from '../../../shared/src/events';
import { CLUSTER_MASTER_KEY, startCluster, type TestCluster } from '../support/cluster';
import { httpClient } from '../support/http-client';
import { describeWithRedis } from '../support/redis';
import { nextEvent, waitUntil, widgetClient, type WidgetClient } from '../support/socket-clients';
import { startTcpBalancer, type TcpBalancer } from '../support/tcp-balancer';

const tokens = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}${i} `);

describeWithRedis('a rolling restart: SIGTERM drains a process behind a load balancer', () => {
  let cluster: TestCluster;
  let balancer: TcpBalancer;
  let widget: WidgetClient | undefined;

  beforeAll(async () => {
    cluster = await startCluster({ SHUTDOWN_DRAIN_MS: '15000' });
    // New connections go to A while it listens, then to B: what a load balancer does in a deploy.
    balancer = await startTcpBalancer([cluster.a.url, cluster.b.url]);
  }, 60_000);

  afterAll(async () => {
    widget?.close();
    await balancer?.close();
    await cluster?.stop();
  });

  it('the reply streaming on the stopping process ends complete, then the widget moves over and chats on', async () => {
    const { a, b, llm, agentId } = cluster;
    const w = widgetClient(balancer.url, { agentId }, { reconnection: true });
    widget = w;
    const first = await nextEvent<WidgetSessionSnapshot>(w, 'session');
    w.auth = { agentId, customerToken: first.customerToken };
    const timeline: string[] = [];
    let shown = '';
    w.on('stream:delta', (d) => (shown += d.text));
    w.on('stream:end', (e) => timeline.push(`end:${e.status}`));
    w.on('disconnect', (reason) => timeline.push(`disconnect:${reason}`));

    const long = tokens(40, 'a');
    llm.enqueue({ tokens: long, delayMs: 50 });
    const ended = nextEvent<{ status: string; message: MessageDto }>(w, 'stream:end', 15_000);
    expect((await w.emitWithAck('message:send', { clientMessageId: 'm1', content: 'first' })).ok).toBe(true);
    await waitUntil(() => shown.length > 0, 10_000);
    const exited = once(a.child, 'exit');
    a.child.kill('SIGTERM');

    const end = await ended;
    expect(end.status).toBe('complete');
    expect(end.message.content).toBe(long.join(''));
    expect(shown).toBe(long.join(''));
    // Handed off only once its reply had ended, and in a way socket.io-client reconnects from.
    const resumed = await nextEvent<WidgetSessionSnapshot>(w, 'session', 15_000);
    expect(timeline.slice(0, 2)).toEqual(['end:complete', 'disconnect:transport close']);
    expect(resumed.session.id).toBe(first.session.id);
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);

    llm.enqueue({ tokens: tokens(5, 'b'), delayMs: 5 });
    const second = nextEvent<{ status: string; message: MessageDto }>(w, 'stream:end', 15_000);
    expect((await w.emitWithAck('message:send', { clientMessageId: 'm2', content: 'second' })).ok).toBe(true);
    expect((await second).status).toBe('complete');

    const api = httpClient(b.url, CLUSTER_MASTER_KEY);
    const history = await api.get<{ messages: MessageDto[] }>(`/v1/chat/sessions/${first.session.id}/messages`);
    expect(history.body.messages.map((m) => [m.role, m.status ?? null])).toEqual([
      ['customer', null],
      ['agent', 'complete'],
      ['customer', null],
      ['agent', 'complete'],
    ]);
    const session = await api.get<{ session: SessionDto }>(`/v1/chat/sessions/${first.session.id}`);
    expect(session.body.session.helpRequested).toBe(false);
  }, 60_000);
});
