import type { MessageDto } from '../../../shared/src/contract/types';
import { CLUSTER_MASTER_KEY, startCluster, type TestCluster } from '../support/cluster';
import { httpClient } from '../support/http-client';
import { startServerProcess } from '../support/processes';
import { describeWithRedis } from '../support/redis';
import { nextEvent, waitUntil, widgetClient, type WidgetClient } from '../support/socket-clients';

const MASTER = CLUSTER_MASTER_KEY;

describeWithRedis('a takeover of a reply whose process is stopped', () => {
  let cluster: TestCluster;
  const sockets: WidgetClient[] = [];

  beforeAll(async () => {
    // A stale window longer than the takeover's wait for the stopped process: the takeover, not the sweep, ends the reply.
    cluster = await startCluster({ STALE_STREAM_SECONDS: '30' });
  }, 60_000);

  afterAll(async () => {
    for (const s of sockets) s.close();
    await cluster?.stop();
  });

  // Regression: in a chaos run three replies ended `interrupted` with no completedAt and no end
  // event. A takeover marked them interrupted and left the rest (the text, the time, the end
  // event) to the process generating them, which was killed first; the sweep only settled
  // `streaming` replies, so they stayed unfinished for good.
  it('a takeover while the generating process is stopped and then killed: the reply still ends interrupted, with when and why, and the customer sees it end', async () => {
    const c = await startServerProcess(cluster.env);
    try {
      const { b, llm, agentId } = cluster;
      const widget = widgetClient(b.url, { agentId });
      sockets.push(widget);
      const { session, customerToken } = await nextEvent<{ session: { id: string }; customerToken: string }>(widget, 'session');
      llm.enqueue({ tokens: Array.from({ length: 200 }, (_, i) => `t${i} `), delayMs: 40 });
      let deltas = 0;
      widget.on('stream:delta', () => deltas++);
      const ended = nextEvent<{ status: string; message: MessageDto }>(widget, 'stream:end', 20_000);
      void httpClient(c.url, customerToken).post(`/v1/chat/sessions/${session.id}/messages`, { content: 'go' }).catch(() => undefined);
      await waitUntil(() => deltas >= 10, 10_000);
      c.child.kill('SIGSTOP');
      const takeover = await httpClient(b.url, MASTER).post(`/v1/chat/sessions/${session.id}/takeover`);
      expect(takeover.status).toBe(200);
      await c.kill();
      const end = await ended;
      expect(end.status).toBe('interrupted');
      expect(end.message.endReason).toBe('takeover');
      expect(end.message.completedAt).toEqual(expect.any(String));
      const stored = await httpClient(b.url, MASTER).get<{ messages: MessageDto[] }>(`/v1/chat/sessions/${session.id}/messages`);
      const reply = stored.body.messages.find((m) => m.role === 'agent');
      expect(reply).toMatchObject({ status: 'interrupted', endReason: 'takeover', completedAt: expect.any(String) });
    } finally {
      await c.kill();
    }
  }, 40_000);

});
