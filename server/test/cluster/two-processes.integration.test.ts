import type { MessageDto } from '../../../shared/src/contract/types';
import type { FakeLlm } from '../support/fake-llm-server';
import { CLUSTER_MASTER_KEY, startCluster, type TestCluster } from '../support/cluster';
import { createAgent } from '../support/factories';
import { httpClient } from '../support/http-client';
import type { ServerProcess } from '../support/processes';
import { describeWithRedis } from '../support/redis';
import { connected, nextEvent, operatorClient, waitUntil, widgetClient, type OperatorClient, type WidgetClient } from '../support/socket-clients';

describeWithRedis('two server processes sharing Redis and the database', () => {
  let cluster: TestCluster;
  let a: ServerProcess;
  let b: ServerProcess;
  let llm: FakeLlm;
  let agentId: string;
  let opToken: string;
  const sockets: (WidgetClient | OperatorClient)[] = [];

  beforeAll(async () => {
    // An 8 s presence window: a departure is announced after a 2 s grace.
    cluster = await startCluster({ OPERATOR_PRESENCE_SECONDS: '8' });
    ({ a, b, llm, agentId } = cluster);
    await httpClient(a.url, CLUSTER_MASTER_KEY).post('/v1/operators', { email: 'dana@example.com', name: 'Dana', password: 'correct horse battery', role: 'operator' });
    const login = await httpClient(b.url).post<{ token: string }>('/v1/auth/login', { email: 'dana@example.com', password: 'correct horse battery' });
    opToken = login.body.token;
  }, 60_000);

  afterAll(async () => {
    for (const s of sockets) s.close();
    await cluster?.stop();
  });

  async function widgetOnA(): Promise<{ widget: WidgetClient; sessionId: string }> {
    const widget = widgetClient(a.url, { agentId });
    sockets.push(widget);
    const snapshot = await nextEvent<{ session: { id: string } }>(widget, 'session');
    return { widget, sessionId: snapshot.session.id };
  }

  async function operatorOnB(sessionId: string): Promise<OperatorClient> {
    const op = operatorClient(b.url, opToken);
    sockets.push(op);
    await connected(op);
    const joined = await op.emitWithAck('session:join', { sessionId });
    expect(joined.ok).toBe(true);
    return op;
  }

  it("an operator's console closing on A leaves them present while their console on B is open; closing that one too marks them gone", async () => {
    const staff = httpClient(a.url, CLUSTER_MASTER_KEY);
    const present = async () => (await staff.get<{ operators: { name: string; present: boolean }[] }>('/v1/operators')).body.operators.find((o) => o.name === 'Dana')?.present;
    const onA = operatorClient(a.url, opToken);
    const onB = operatorClient(b.url, opToken);
    sockets.push(onA, onB);
    await Promise.all([connected(onA), connected(onB)]);
    await waitUntil(async () => (await present()) === true);
    const departures: unknown[] = [];
    onB.on('operators:status', (o) => void (o.present || departures.push(o)));

    onA.close();
    await new Promise((r) => setTimeout(r, 3_000)); // past the grace: A asked B, which still holds a console
    expect(departures).toEqual([]);
    expect(await present()).toBe(true);

    onB.close();
    await waitUntil(async () => (await present()) === false, 5_000); // before the 8 s window would run out
  });

  it('an agent edited through one process applies at once in the other (no stale cached copy)', async () => {
    const { id } = await createAgent(httpClient(a.url, CLUSTER_MASTER_KEY));
    const shop = 'https://shop.example';
    // B reads (and caches) the agent while any origin is allowed.
    const first = widgetClient(b.url, { agentId: id }, { origin: shop });
    sockets.push(first);
    await connected(first);
    expect((await httpClient(a.url, CLUSTER_MASTER_KEY).patch(`/v1/agents/${id}`, { allowedOrigins: ['https://other.example'] })).status).toBe(200);
    await waitUntil(async () => {
      const again = widgetClient(b.url, { agentId: id }, { origin: shop });
      sockets.push(again);
      return connected(again, 2_000).then(
        () => false,
        (err: Error) => err.message.includes('origin'),
      );
    }, 3_000, 100);
  });

  it('a key revoked through one process is refused at once by the other, which had just accepted it', async () => {
    const admin = httpClient(a.url, CLUSTER_MASTER_KEY);
    const created = await admin.post<{ apiKey: { id: string }; key: string }>('/v1/api-keys', { name: 'cluster key' });
    const onB = httpClient(b.url, created.body.key);
    expect((await onB.get('/v1/agents')).status).toBe(200);
    expect((await admin.delete(`/v1/api-keys/${created.body.apiKey.id}`)).status).toBe(204);
    await waitUntil(async () => (await onB.get('/v1/agents')).status === 401, 1_000, 20);
  });

  it('follows a conversation across processes: the operator on B sees the reply streamed on A', async () => {
    const { widget, sessionId } = await widgetOnA();
    const op = await operatorOnB(sessionId);
    llm.enqueue({ tokens: ['Hello', ' from', ' the', ' model'], delayMs: 20 });
    const opDeltas: string[] = [];
    op.on('stream:delta', (d) => opDeltas.push(d.text));
    const ended = nextEvent<{ message: MessageDto }>(op, 'stream:end');
    const ack = await widget.emitWithAck('message:send', { clientMessageId: 'c1', content: 'hi' });
    expect(ack.ok).toBe(true);
    const end = await ended;
    expect(opDeltas.join('')).toBe('Hello from the model');
    expect(end.message.content).toBe('Hello from the model');
  });

  it('a takeover on B aborts the reply streaming on A: no AI text reaches the widget after the ack', async () => {
    const { widget, sessionId } = await widgetOnA();
    const op = await operatorOnB(sessionId);
    llm.enqueue({ tokens: Array.from({ length: 40 }, (_, i) => `t${i} `), delayMs: 50 });
    let ackedAt = 0;
    const late: string[] = [];
    let seen = 0;
    widget.on('stream:delta', (d) => {
      seen++;
      if (ackedAt) late.push(d.text);
    });
    const ended = nextEvent<{ status: string }>(widget, 'stream:end', 10_000);
    await widget.emitWithAck('message:send', { clientMessageId: 'c2', content: 'tell me a long story' });
    await waitUntil(() => seen >= 3, 10_000);
    const takeover = await op.emitWithAck('takeover', { sessionId });
    ackedAt = Date.now();
    expect(takeover.ok).toBe(true);
    expect((await ended).status).toBe('interrupted');
    await new Promise((r) => setTimeout(r, 500));
    expect(late).toEqual([]);
    await waitUntil(() => llm.aborted > 0, 5_000);

    const told = nextEvent<MessageDto>(widget, 'message');
    const tell = await op.emitWithAck('tell', { sessionId, content: 'Hi, Dana here' });
    expect(tell.ok).toBe(true);
    expect((await told).content).toBe('Hi, Dana here');
  });
});
