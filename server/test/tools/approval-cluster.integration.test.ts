import type { MessageDto } from '../../../shared/src/contract/types';
import { CLUSTER_MASTER_KEY, startCluster, type TestCluster } from '../support/cluster';
import { httpClient, type HttpClient } from '../support/http-client';
import { describeWithRedis } from '../support/redis';
import { connected, nextEvent, operatorClient, waitUntil, widgetClient, type OperatorClient, type WidgetClient } from '../support/socket-clients';
import { startToolServer, type ToolServer } from './tool-server';

const PARAMS = { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'] };

// A decision is stored state, not a waiting promise, so any process can take it, even after the waiting one died.
describeWithRedis('tool approvals across processes (Redis)', () => {
  let cluster: TestCluster;
  let tools: ToolServer;
  let agentId: string;
  const sockets: (WidgetClient | OperatorClient)[] = [];

  beforeAll(async () => {
    tools = await startToolServer();
    cluster = await startCluster({ EGRESS_ALLOW: '127.0.0.0/8', TOOL_SWEEP_SECONDS: '1', STALE_STREAM_SECONDS: '2' });
    const refund = { name: 'refund', description: 'Refunds an order', parameters: PARAMS, http: { url: `${tools.url}/refunds` }, approval: 'always' };
    const slow = { name: 'slow_lookup', description: 'Looks up slowly', parameters: PARAMS, http: { url: `${tools.url}/slow` }, timeoutMs: 2_000 };
    const res = await httpClient(cluster.a.url, CLUSTER_MASTER_KEY).post<{ agent: { id: string } }>('/v1/agents', { name: 'Tools', llm: { provider: 'openai', model: 'fake' }, tools: [refund, slow] });
    agentId = res.body.agent.id;
  }, 60_000);

  afterAll(async () => {
    for (const s of sockets) s.close();
    await cluster?.stop();
    await tools?.close();
  });

  async function widgetOn(url: string): Promise<{ widget: WidgetClient; sessionId: string }> {
    const widget = widgetClient(url, { agentId });
    sockets.push(widget);
    const snapshot = await nextEvent<{ session: { id: string } }>(widget, 'session');
    return { widget, sessionId: snapshot.session.id };
  }

  const messagesOf = async (http: HttpClient, sessionId: string) => (await http.get<{ messages: MessageDto[] }>(`/v1/chat/sessions/${sessionId}/messages`)).body.messages;

  async function pendingOn(url: string, http: HttpClient): Promise<{ sessionId: string; toolCallId: string }> {
    const { widget, sessionId } = await widgetOn(url);
    cluster.llm.enqueue({ toolCalls: [{ name: 'refund', arguments: '{"orderId":"1234"}' }] });
    const ack = await widget.timeout(5_000).emitWithAck('message:send', { clientMessageId: 'm1', content: 'refund order 1234' });
    expect(ack.ok).toBe(true);
    const pending = await waitUntil(async () => (await messagesOf(http, sessionId)).find((m) => m.toolCall?.status === 'pending_approval'), 10_000);
    return { sessionId, toolCallId: pending.toolCall?.toolCallId as string };
  }

  it('a call waiting on A is approved on B; the tool runs once, the reply follows, and A’s operators see the change', async () => {
    const onA = httpClient(cluster.a.url, CLUSTER_MASTER_KEY);
    const onB = httpClient(cluster.b.url, CLUSTER_MASTER_KEY);
    const { sessionId, toolCallId } = await pendingOn(cluster.a.url, onA);
    const login = await onA.post<{ operator: { id: string } }>('/v1/operators', { email: 'ann@example.com', name: 'Ann', password: 'correct horse battery' });
    expect(login.status).toBe(201);
    const token = (await httpClient(cluster.a.url).post<{ token: string }>('/v1/auth/login', { email: 'ann@example.com', password: 'correct horse battery' })).body.token;
    const op = operatorClient(cluster.a.url, token);
    sockets.push(op);
    await connected(op);
    expect((await op.timeout(5_000).emitWithAck('session:join', { sessionId })).ok).toBe(true);
    const updated = new Promise<MessageDto>((resolve) => op.on('message:updated', (m) => m.toolCall?.status === 'succeeded' && resolve(m)));

    cluster.llm.enqueue({ tokens: ['Refunded.'] });
    const res = await onB.post(`/v1/chat/sessions/${sessionId}/tool-calls/${toolCallId}/approve`, {});
    expect(res.status).toBe(200);
    expect((await updated).toolCall?.toolCallId).toBe(toolCallId);
    await waitUntil(async () => (await messagesOf(onA, sessionId)).some((m) => m.role === 'agent' && m.content === 'Refunded.'), 10_000);
    expect(tools.to('/refunds').filter((r) => r.idempotencyKey === toolCallId)).toHaveLength(1);
    expect((await onA.post(`/v1/chat/sessions/${sessionId}/tool-calls/${toolCallId}/deny`, {})).status).toBe(409);
  }, 30_000);

  it('the waiting process is killed; the decision taken on the other one still settles the reply', async () => {
    const onA = httpClient(cluster.a.url, CLUSTER_MASTER_KEY);
    const onB = httpClient(cluster.b.url, CLUSTER_MASTER_KEY);
    const { sessionId, toolCallId } = await pendingOn(cluster.a.url, onA);
    await cluster.a.kill();
    cluster.llm.enqueue({ tokens: ['Your refund went through.'] });
    expect((await onB.post(`/v1/chat/sessions/${sessionId}/tool-calls/${toolCallId}/approve`, {})).status).toBe(200);
    await waitUntil(async () => (await messagesOf(onB, sessionId)).some((m) => m.role === 'agent' && m.content === 'Your refund went through.'), 10_000);
    const call = (await messagesOf(onB, sessionId)).find((m) => m.toolCall?.toolCallId === toolCallId);
    expect(call?.toolCall?.status).toBe('succeeded');
    expect((await onB.get<{ session: { approvalPending: boolean } }>(`/v1/chat/sessions/${sessionId}`)).body.session.approvalPending).toBe(false);
  }, 30_000);

  it('a tool left running by a killed process is settled failed by the sweep, and the AI replies — never left hanging', async () => {
    const { b } = cluster;
    // A is already dead (previous test): start a fresh process to run the tool, then kill it mid-call.
    const { startServerProcess } = await import('../support/processes');
    const c = await startServerProcess(cluster.env);
    const onB = httpClient(b.url, CLUSTER_MASTER_KEY);
    const { widget, sessionId } = await widgetOn(c.url);
    cluster.llm.enqueue({ toolCalls: [{ name: 'slow_lookup', arguments: '{"orderId":"9"}' }] });
    expect((await widget.timeout(5_000).emitWithAck('message:send', { clientMessageId: 'm1', content: 'look it up' })).ok).toBe(true);
    await waitUntil(async () => (await messagesOf(onB, sessionId)).some((m) => m.toolCall?.status === 'running'), 10_000);
    await c.kill();
    cluster.llm.setResponder(() => ({ tokens: ['Sorry, that lookup did not finish.'] }));
    const failed = await waitUntil(async () => (await messagesOf(onB, sessionId)).find((m) => m.role === 'tool' && m.toolCall?.status === 'failed'), 15_000);
    expect(failed.toolCall?.reason).toContain('server stopped');
    await waitUntil(async () => (await messagesOf(onB, sessionId)).some((m) => m.role === 'agent' && m.status === 'complete' && m.content.includes('did not finish')), 15_000);
  }, 40_000);
});
