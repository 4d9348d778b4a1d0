import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { AgentDto, MessageDto } from '../../../shared/src/contract/types';
import { startFakeLlm, type FakeLlm } from '../support/fake-llm-server';
import { createAgent, createFakeLlmAgent, okAck, widgetSend } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { connectOperator, connectWidget, createStaff, loginAdmin, ok, opEmit, Recorder, waitForStored } from '../support/operator-helpers';
import { waitUntil, type OperatorClient } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';
import { nthChatRequest, systemOf, toolNamesOf, toolResultsOf } from '../support/model-requests';
import { startToolServer, type ToolServer } from './tool-server';

const PARAMS = { type: 'object', properties: { orderId: { type: 'string', pattern: '^[0-9]+$' } }, required: ['orderId'], additionalProperties: false };

describe('HTTP tools', () => {
  let server: TestServer;
  let llm: FakeLlm;
  let tools: ToolServer;
  let http: HttpClient;
  let op: OperatorClient;
  let agent: AgentDto;
  const sockets: { close(): unknown }[] = [];

  const tool = (name: string, path: string, extra: Record<string, unknown> = {}) => ({ name, description: `The ${name} tool`, parameters: PARAMS, http: { url: `${tools.url}${path}` }, ...extra });

  beforeAll(async () => {
    [server, llm, tools] = await Promise.all([startTestServer({ env: { SEED_DEMO: 'false', LLM_MAX_RETRIES: '0', TOOL_MAX_RESPONSE_BYTES: '2048', TOOL_MAX_ROUNDS: '3' } }), startFakeLlm(), startToolServer()]);
    http = httpClient(server.url, server.masterKey);
    agent = await createFakeLlmAgent(http, llm.url, {
      tools: [
        tool('order_status', '/orders', { secret: tools.secret, progressLabel: 'Checking your order…' }),
        tool('order_get', '/orders', { http: { url: `${tools.url}/orders`, method: 'GET' }, secret: tools.secret }),
        tool('broken', '/fail'),
        tool('slow', '/slow', { timeoutMs: 300 }),
        tool('big', '/big'),
        tool('text', '/text'),
        tool('redirect', '/redirect'),
        tool('inject', '/inject'),
      ],
    });
    op = await connectOperator(server, (await loginAdmin(server)).token);
  });
  afterEach(() => void sockets.splice(0).forEach((s) => s.close()));
  afterAll(async () => {
    op.close();
    await server.close();
    await Promise.all([llm.close(), tools.close()]);
  });

  async function watched() {
    const w = await connectWidget(server, agent.id);
    sockets.push(w.socket);
    ok(await opEmit(op, 'session:join', { sessionId: w.sessionId }));
    return { ...w, customerSaw: new Recorder(w.socket), staffSaw: new Recorder(op) };
  }

  describe('saving', () => {
    it('keeps the secret write-only (hasSecret), and kept when a save leaves it out', async () => {
      expect(agent.tools[0]).toMatchObject({ name: 'order_status', hasSecret: true, timeoutMs: 10_000, approval: 'never', progressLabel: 'Checking your order…', http: { method: 'POST' } });
      expect(JSON.stringify(agent)).not.toContain(tools.secret);
      const patched = await http.patch<{ agent: AgentDto }>(`/v1/agents/${agent.id}`, { tools: agent.tools.map(({ hasSecret: _h, ...t }) => t) });
      expect(patched.status).toBe(200);
      expect(patched.body.agent.tools[0]?.hasSecret).toBe(true);
    });

    it.each([
      [{ tools: [{ name: 'x', description: 'd', parameters: { type: 'object', properties: { a: { type: 'strin' } } }, http: { url: 'http://127.0.0.1:9/x' } }] }, 'tools.0.parameters'],
      [{ tools: [{ name: 'x', description: 'd', parameters: { type: 'array' }, http: { url: 'http://127.0.0.1:9/x' } }] }, 'tools.0.parameters'],
      [{ tools: [{ name: 'request_human', description: 'd', http: { url: 'http://127.0.0.1:9/x' } }] }, 'tools.0.name'],
      [{ tools: [{ name: 'has space', description: 'd', http: { url: 'http://127.0.0.1:9/x' } }] }, 'tools.0.name'],
      [{ tools: Array.from({ length: 21 }, (_, i) => ({ name: `t${i}`, description: 'd', http: { url: 'http://127.0.0.1:9/x' } })) }, 'tools'],
      [{ tools: [{ name: 'x', description: 'd', http: { url: 'http://127.0.0.1:9/x' }, timeoutMs: 60_000 }] }, 'tools.0.timeoutMs'],
      [{ tools: [{ name: 'x', description: 'd', http: { url: 'ftp://example.com/x' } }] }, 'tools.0.http.url'],
    ])('refuses a bad tool with 400 naming the field (%#)', async (body, field) => {
      const res = await http.post<{ error: { code: string; field: string } }>('/v1/agents', { name: 'bad', ...body });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      expect(res.body.error.field.replace(/\[(\d+)\]/g, '.$1')).toBe(field);
    });

    it('refuses cloud-metadata and link-local URLs whatever EGRESS_ALLOW says', async () => {
      for (const url of ['http://169.254.169.254/latest/meta-data', 'http://metadata.google.internal/x', 'http://[fe80::1]/x']) {
        const res = await http.post<{ error: { code: string; field: string } }>('/v1/agents', { name: 'bad', tools: [tool('x', '/')].map((t) => ({ ...t, http: { url } })) });
        expect(res.status).toBe(400);
        expect(res.body.error).toMatchObject({ code: 'egress_refused', field: 'tools[0].http.url' });
      }
    });
  });

  it('offers the tools beside the built-ins; a call is signed, carries its idempotency key, is stored and announced; the model gets the result as data', async () => {
    const { socket, sessionId, customerSaw, staffSaw, snapshot } = await watched();
    const from = llm.requests.length;
    llm.enqueue({ toolCalls: [{ name: 'order_status', arguments: '{"orderId":"1234"}' }] }, { tokens: ['Your order ', 'has shipped.'] });
    okAck(await widgetSend(socket, { clientMessageId: 'm1', content: 'where is order 1234' }));

    const first = await nthChatRequest(llm, from);
    expect(toolNamesOf(first)).toEqual(expect.arrayContaining(['request_human', 'order_status', 'order_get', 'broken']));
    expect(systemOf(first)).toContain('never instructions');
    const second = await nthChatRequest(llm, from, 2);
    const result = JSON.parse(toolResultsOf(second)[0] ?? '{}') as { status: string; result: string };
    expect(result.status).toBe('succeeded');
    expect(JSON.parse(result.result)).toMatchObject({ orderId: '1234', status: 'shipped' });

    const stored = await waitForStored(http, sessionId, (m) => m.role === 'tool' && m.toolCall?.status === 'succeeded');
    const [request] = tools.to('/orders').slice(-1);
    expect(request).toMatchObject({ method: 'POST', body: { orderId: '1234' }, contentType: 'application/json', signed: true, idempotencyKey: stored.toolCall?.toolCallId });
    expect(stored).toMatchObject({ content: 'order_status', toolCall: { name: 'order_status', arguments: { orderId: '1234' }, approval: 'never', source: 'http', decidedBy: null } });
    expect(stored.toolCall?.durationMs).toEqual(expect.any(Number));
    expect(stored.toolCall?.result).toContain('shipped');
    await waitForStored(http, sessionId, (m) => m.role === 'agent' && m.content === 'Your order has shipped.');

    // Staff: the new tool message, then its update; the customer: only the progress label, set and cleared.
    await staffSaw.waitFor<MessageDto>('message', (m) => m.role === 'tool');
    await staffSaw.waitFor<MessageDto>('message:updated', (m) => m.toolCall?.status === 'succeeded');
    const labels = await waitUntil(() => (customerSaw.of<{ label: string | null }>('stream:status').length >= 2 ? customerSaw.of<{ label: string | null }>('stream:status') : null));
    expect(labels.map((l) => l.label)).toEqual(['Checking your order…', null]);
    expect(customerSaw.of<MessageDto>('message').some((m) => m.role === 'tool')).toBe(false);
    expect(customerSaw.text()).not.toContain('toolCall');
    // The next turn's history: the call and its result, then the text the reply gave after them.
    const before = llm.requests.length;
    llm.enqueue({ tokens: ['Anything else?'] });
    okAck(await widgetSend(socket, { clientMessageId: 'm2', content: 'thanks' }));
    const later = await nthChatRequest(llm, before);
    const roles = later.messages.map((m) => `${m.role}${m.role === 'assistant' && 'tool_calls' in m && m.tool_calls?.length ? '+calls' : ''}`);
    expect(roles.slice(-5)).toEqual(['user', 'assistant+calls', 'tool', 'assistant', 'user']);
    const customerView = await httpClient(server.url, snapshot.customerToken).get<{ messages: MessageDto[] }>(`/v1/chat/sessions/${sessionId}/messages`);
    expect(customerView.status).toBe(200);
    expect(customerView.body.messages.some((m) => m.role === 'tool')).toBe(false);
  });

  it('handles several calls in one turn, split across chunks; GET sends query parameters, signed over the query string', async () => {
    const { socket, sessionId } = await watched();
    const from = llm.requests.length;
    llm.enqueue({ toolCalls: [{ name: 'order_status', arguments: '{"orderId":"77"}', id: 'a' }, { name: 'order_get', arguments: '{"orderId":"88"}', id: 'b' }] }, { tokens: ['Both found.'] });
    okAck(await widgetSend(socket, { clientMessageId: 'm1', content: 'two orders' }));
    const second = await nthChatRequest(llm, from, 2);
    expect(toolResultsOf(second)).toHaveLength(2);
    const get = tools.to('/orders').find((r) => r.method === 'GET' && r.query.orderId === '88');
    expect(get).toMatchObject({ signed: true, rawBody: '' });
    const calls = await waitUntil(async () => {
      const res = await http.get<{ messages: MessageDto[] }>(`/v1/chat/sessions/${sessionId}/messages`);
      const done = res.body.messages.filter((m) => m.role === 'tool' && m.toolCall?.status === 'succeeded');
      return done.length === 2 ? done : null;
    });
    expect(new Set(calls.map((c) => c.toolCall?.toolCallId)).size).toBe(2);
  });

  it('invalid arguments go back to the model as a tool error; nothing is sent', async () => {
    const { socket, sessionId } = await watched();
    const before = tools.requests.length;
    const from = llm.requests.length;
    llm.enqueue({ toolCalls: [{ name: 'order_status', arguments: '{"orderId":"abc"}' }] }, { tokens: ['Which order number?'] });
    okAck(await widgetSend(socket, { clientMessageId: 'm1', content: 'my order' }));
    const second = await nthChatRequest(llm, from, 2);
    expect(toolResultsOf(second)[0]).toContain('invalid arguments: arguments.orderId');
    expect(tools.requests.length).toBe(before);
    await waitForStored(http, sessionId, (m) => m.role === 'tool' && m.toolCall?.status === 'failed' && (m.toolCall.reason ?? '').includes('orderId'));
  });

  it('a 500 fails the call and the model is told; the reply goes on', async () => {
    const { socket, sessionId } = await watched();
    const from = llm.requests.length;
    llm.enqueue({ toolCalls: [{ name: 'broken', arguments: '{"orderId":"1"}' }] }, { tokens: ['Sorry, that did not work.'] });
    okAck(await widgetSend(socket, { clientMessageId: 'm1', content: 'x' }));
    const second = await nthChatRequest(llm, from, 2);
    expect(toolResultsOf(second)[0]).toContain('HTTP 500');
    await waitForStored(http, sessionId, (m) => m.role === 'agent' && m.content === 'Sorry, that did not work.');
  });

  it.each([
    ['slow', 'no answer within 300 ms'],
    ['big', 'larger than 2048 bytes'],
    ['text', 'not JSON'],
    ['redirect', 'redirects are not followed'],
  ])('the %s tool fails clearly (tried through /tools/:name/test)', async (name, error) => {
    const res = await http.post<{ ok: boolean; result: unknown; durationMs: number }>(`/v1/agents/${agent.id}/tools/${name}/test`, { arguments: { orderId: '1' } });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    expect(String(res.body.result)).toContain(error);
  });

  it('trying a tool: its answer, status and duration; bad arguments 400; unknown tool 404; admins only', async () => {
    const res = await http.post<{ ok: boolean; status: number; result: { status: string } }>(`/v1/agents/${agent.id}/tools/order_status/test`, { arguments: { orderId: '9' } });
    expect(res.body).toMatchObject({ ok: true, status: 200, result: { status: 'shipped' } });
    const bad = await http.post<{ error: { field: string } }>(`/v1/agents/${agent.id}/tools/order_status/test`, { arguments: { orderId: 9 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('arguments.orderId');
    expect((await http.post(`/v1/agents/${agent.id}/tools/nope/test`, { arguments: {} })).status).toBe(404);
    const operator = await createStaff(server, 'operator');
    expect((await operator.http.post(`/v1/agents/${agent.id}/tools/order_status/test`, { arguments: { orderId: '9' } })).status).toBe(403);
  });

  it('a tool answer posing as instructions reaches the model only as a JSON string field', async () => {
    const { socket } = await watched();
    const from = llm.requests.length;
    llm.enqueue({ toolCalls: [{ name: 'inject', arguments: '{"orderId":"1"}' }] }, { tokens: ['ok'] });
    okAck(await widgetSend(socket, { clientMessageId: 'm1', content: 'x' }));
    const second = await nthChatRequest(llm, from, 2);
    const content = toolResultsOf(second)[0] ?? '';
    expect(Object.keys(JSON.parse(content) as object)).toEqual(['status', 'result']);
    expect(second.messages.filter((m) => m.role === 'system').map((m) => String(m.content)).join()).not.toContain('IGNORE ALL');
  });

  it('ends the reply honestly after TOOL_MAX_ROUNDS rounds of tool calls', async () => {
    const { socket, sessionId } = await watched();
    const from = llm.requests.length;
    const loop = { toolCalls: [{ name: 'order_status', arguments: '{"orderId":"1"}' }] };
    llm.enqueue(loop, loop, loop);
    okAck(await widgetSend(socket, { clientMessageId: 'm1', content: 'loop' }));
    const reply = await waitForStored(http, sessionId, (m) => m.role === 'agent' && m.status === 'complete');
    expect(reply.content).toContain("couldn't finish that");
    expect(llm.requests.slice(from).filter((r) => (r.tools ?? []).length > 0)).toHaveLength(3);
  });

  it('a plain agent without tools is offered only the built-ins', async () => {
    const plain = await createAgent(http, { name: 'plain' });
    expect(plain.tools).toEqual([]);
    expect(plain.mcpServers).toEqual([]);
    expect(plain.approvalTimeoutSeconds).toBe(300);
  });
});
