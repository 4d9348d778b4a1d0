/**
 * The keyless demo shows tools and approvals: a fresh `npm start` with no environment gives a
 * demo agent whose order tool answers from the server's own signed demo shop API, and whose
 * refund tool waits for a person's approval. And the seed upgrades a demo agent made before
 * tools existed, once, without duplicating anything.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentDto, MessageDto, SessionDto } from '../../../../shared/src/contract/types';
import { computeWebhookSignature } from '../../domain/webhooks/webhook-signature';
import { demoToolSecret } from '../../domain/demo/demo-tool-secret';
import { httpClient, type HttpClient } from '../../../test/support/http-client';
import { startServerProcess, type ServerProcess } from '../../../test/support/processes';
import { startTestServer, type TestServer } from '../../../test/support/test-server';
import { loadOrCreateDevCredentials } from '../credentials';
import { ensureDemoTools } from '../demo-tools';
import { SettingModel } from '../../db/models/setting.model';

jest.setTimeout(90_000);

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const messagesOf = async (api: HttpClient, sessionId: string) => (await api.get<{ messages: MessageDto[] }>(`/v1/chat/sessions/${sessionId}/messages?limit=200`)).body.messages;

describe('the keyless demo on a fresh start with no environment', () => {
  let proc: ServerProcess;
  let dataDir: string;
  let api: HttpClient;
  let agentId: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sb-demo-'));
    // As `npm start` with nothing set: development defaults, the embedded database, the offline model.
    proc = await startServerProcess({ NODE_ENV: 'development', DATA_DIR: dataDir });
    api = httpClient(proc.url, loadOrCreateDevCredentials(dataDir).masterKey);
    // Ready to serve comes before the first-run seed has finished: wait for the demo agent and its tools.
    const demo = await waitFor('the seeded demo agent', async () => (await api.get<{ agents: AgentDto[] }>('/v1/agents')).body.agents?.find((a) => a.name === 'Acme Assistant' && a.tools.length > 0));
    agentId = demo.id;
  });
  afterAll(async () => {
    await proc?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds the demo agent with its two tools and its lead fields', async () => {
    const { agent } = (await api.get<{ agent: AgentDto }>(`/v1/agents/${agentId}`)).body;
    expect(agent.tools.map((t) => [t.name, t.approval, t.progressLabel, t.hasSecret, t.http.url])).toEqual([
      ['lookup_order', 'never', 'Checking your order…', true, `${proc.url}/demo/api/orders/status`],
      ['refund_order', 'always', 'Processing your refund…', true, `${proc.url}/demo/api/orders/refund`],
    ]);
    expect(agent.fields.map((f) => [f.key, f.type, f.prechat])).toEqual([
      ['name', 'string', false],
      ['email', 'email', false],
    ]);
  });

  it('answers an order question from the order tool, and the call is in the thread for staff', async () => {
    const { session } = (await api.post<{ session: SessionDto }>('/v1/chat/sessions', { agentId, customerId: 'demo-order' })).body;
    const sent = await api.post<{ reply: MessageDto | null }>(`/v1/chat/sessions/${session.id}/messages`, { content: 'Hi! Where is order 1234?' });
    expect(sent.status).toBe(201);
    const reply = await waitFor('the answer', async () => (await messagesOf(api, session.id)).find((m) => m.role === 'agent' && m.status === 'complete' && m.content.includes('Order 1234')));
    expect(reply.content).toMatch(/^Order 1234 (is|was) [a-z ]+ (with|by) (DHL|UPS|La Poste|DPD)/);
    const call = (await messagesOf(api, session.id)).find((m) => m.role === 'tool');
    expect(call?.toolCall).toMatchObject({ name: 'lookup_order', arguments: { orderId: '1234' }, status: 'succeeded', approval: 'never' });
  });

  it('holds a refund until a person approves it, then answers from it', async () => {
    const { session } = (await api.post<{ session: SessionDto }>('/v1/chat/sessions', { agentId, customerId: 'demo-refund' })).body;
    await api.post(`/v1/chat/sessions/${session.id}/messages`, { content: 'Please refund order 1234, the tent leaks.' });
    const waiting = await waitFor('the approval request', async () => (await messagesOf(api, session.id)).find((m) => m.toolCall?.status === 'pending_approval'));
    expect(waiting.toolCall).toMatchObject({ name: 'refund_order', arguments: { orderId: '1234' }, approval: 'always', expiresAt: expect.any(String) });
    expect((await api.get<{ session: SessionDto }>(`/v1/chat/sessions/${session.id}`)).body.session.approvalPending).toBe(true);
    expect((await messagesOf(api, session.id)).some((m) => m.role === 'agent' && m.content.includes('Done: the refund'))).toBe(false);

    const approved = await api.post(`/v1/chat/sessions/${session.id}/tool-calls/${waiting.toolCall?.toolCallId}/approve`, {});
    expect(approved.status).toBe(200);
    const answer = await waitFor('the refund answer', async () => (await messagesOf(api, session.id)).find((m) => m.role === 'agent' && m.status === 'complete' && m.content.includes('Done: the refund for order 1234')));
    expect(answer.content).toMatch(/reference RF-\d{6}/);
    expect((await api.get<{ session: SessionDto }>(`/v1/chat/sessions/${session.id}`)).body.session.approvalPending).toBe(false);
  });

  it('the demo shop API refuses a request that is not signed with the demo tools’ secret', async () => {
    const unsigned = await httpClient(proc.url).post('/demo/api/orders/status', { orderId: '1234' });
    expect(unsigned.status).toBe(401);
    const forged = await httpClient(proc.url).post('/demo/api/orders/refund', { orderId: '1234' }, { 'Switchboard-Timestamp': String(Math.floor(Date.now() / 1000)), 'Switchboard-Signature': 'v1=00' });
    expect(forged.status).toBe(401);
  });
});

describe('the demo seed upgrades an existing demo agent', () => {
  let server: TestServer;
  let api: HttpClient;
  beforeAll(async () => {
    server = await startTestServer({ env: { EGRESS_ALLOW: '127.0.0.1,localhost' } });
    api = httpClient(server.url, server.masterKey);
  });
  afterAll(() => server.close());

  it('adds the tools and fields once, keeps an admin’s later changes, and moves demo tools to a new URL', async () => {
    const { agents } = server.app.services;
    const id = server.demoAgentId;
    // As an agent seeded before tools existed: none of them.
    await api.patch(`/v1/agents/${id}`, { tools: [], fields: [] });
    await SettingModel.deleteOne({ _id: `seed:demo-tools-v1:${id}` });

    await Promise.all([ensureDemoTools(agents, id, server.url), ensureDemoTools(agents, id, server.url)]);
    let agent = (await api.get<{ agent: AgentDto }>(`/v1/agents/${id}`)).body.agent;
    expect(agent.tools.map((t) => t.name)).toEqual(['lookup_order', 'refund_order']);
    expect(agent.fields.map((f) => f.key)).toEqual(['name', 'email']);

    // An admin removes the refund tool: a later start does not bring it back.
    await api.patch(`/v1/agents/${id}`, { tools: agent.tools.filter((t) => t.name === 'lookup_order').map(({ hasSecret: _h, ...t }) => t) });
    await ensureDemoTools(agents, id, server.url);
    agent = (await api.get<{ agent: AgentDto }>(`/v1/agents/${id}`)).body.agent;
    expect(agent.tools.map((t) => t.name)).toEqual(['lookup_order']);
    expect(agent.tools[0]?.hasSecret).toBe(true);

    // The server now answers at another URL: the demo tool follows, with its secret.
    const moved = server.url.replace('127.0.0.1', 'localhost');
    await ensureDemoTools(agents, id, moved);
    agent = (await api.get<{ agent: AgentDto }>(`/v1/agents/${id}`)).body.agent;
    expect(agent.tools[0]?.http.url).toBe(`${moved}/demo/api/orders/status`);
    expect(agent.tools[0]?.hasSecret).toBe(true);
  });

  it('the demo shop API answers a request signed as the tools sign them', async () => {
    const body = JSON.stringify({ orderId: '1234' });
    const timestamp = Math.floor(Date.now() / 1000);
    const res = await httpClient(server.url).post('/demo/api/orders/status', body, {
      'Switchboard-Timestamp': String(timestamp),
      'Switchboard-Signature': `v1=${computeWebhookSignature(await demoToolSecret(), timestamp, body)}`,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ orderId: '1234', status: expect.any(String), carrier: expect.any(String) });
  });
});
