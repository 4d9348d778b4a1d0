/**
 * Defects an attack round found (issue "Hardening"), each reproduced through the real
 * interface before its fix:
 * 2. an agent's own model key went to OPENAI_BASE_URL instead of the agent's `baseUrl`;
 * 3. a demoted admin kept admin rights on an open `/operator` socket;
 * 4. a body claiming `Content-Encoding: gzip|deflate|br` that is not compressed was a 500;
 * 5. `/events` `subscribe {afterEventId: "zzz"}` replayed the whole event log;
 * 9. unknown or malformed query parameters were dropped silently (`?customerId[$ne]=x` listed every session).
 */
import { gzipSync } from 'node:zlib';
import type { AgentDto, SessionDto } from '../../../shared/src/contract/types';
import { startFakeLlm, type FakeLlm } from '../support/fake-llm-server';
import { createAgent, createSession, uniq } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { connectOperator, createStaff, opEmit } from '../support/operator-helpers';
import { connected, eventsClient, waitUntil } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';

describe('hardening: defects found by the attack round', () => {
  let server: TestServer;
  let admin: HttpClient;
  let defaultLlm: FakeLlm;
  let agentsOwnLlm: FakeLlm;

  beforeAll(async () => {
    defaultLlm = await startFakeLlm();
    agentsOwnLlm = await startFakeLlm();
    server = await startTestServer({ env: { OPENAI_BASE_URL: defaultLlm.url, OPENAI_API_KEY: 'sk-default-installation-key' } });
    admin = httpClient(server.url, server.masterKey);
  });
  afterAll(async () => {
    await server?.close();
    await defaultLlm?.close();
    await agentsOwnLlm?.close();
  });

  it("2. an agent with provider openai, its own baseUrl and key: the key goes to the agent's baseUrl and nowhere else", async () => {
    const agent = await createAgent(admin, { llm: { provider: 'openai', model: 'gpt-own', baseUrl: agentsOwnLlm.url, apiKey: 'sk-agent-own-key' } });
    expect(agent.llm).toMatchObject({ provider: 'openai', baseUrl: agentsOwnLlm.url, hasApiKey: true });
    const { session, customerToken } = await createSession(admin, agent.id);
    const before = defaultLlm.requests.length;
    const sent = await httpClient(server.url, customerToken).post<{ reply: { status: string } }>(`/v1/chat/sessions/${session.id}/messages`, { content: 'hello' });
    expect(sent.status).toBe(201);
    expect(sent.body.reply.status).toBe('complete');
    expect(agentsOwnLlm.requestHeaders.at(-1)?.authorization).toBe('Bearer sk-agent-own-key');
    expect(agentsOwnLlm.requests.at(-1)?.model).toBe('gpt-own');
    expect(defaultLlm.requests.length).toBe(before);
    // Nor does the installation's key go to an agent's own endpoint.
    expect(agentsOwnLlm.requestHeaders.map((h) => h.authorization)).not.toContain('Bearer sk-default-installation-key');
  });

  it('3. an admin demoted while their console is open loses admin rights on that socket at once', async () => {
    const boss = await createStaff(server, 'admin');
    const owner = await createStaff(server, 'operator');
    const agent = await createAgent(admin);
    const { session } = await createSession(admin, agent.id);
    expect((await owner.http.post(`/v1/chat/sessions/${session.id}/takeover`)).status).toBe(200);
    const socket = await connectOperator(server, boss.token);
    try {
      expect((await admin.patch(`/v1/operators/${boss.operator.id}`, { role: 'operator' })).status).toBe(200);
      const ack = await opEmit(socket, 'session:assign', { sessionId: session.id, operatorId: boss.operator.id });
      expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const stored = (await admin.get<{ session: SessionDto }>(`/v1/chat/sessions/${session.id}`)).body.session;
      expect(stored.assignedTo).toBe(owner.operator.id);
      // Promoted again: the same socket may hand sessions on.
      expect((await admin.patch(`/v1/operators/${boss.operator.id}`, { role: 'admin' })).status).toBe(200);
      expect(await opEmit(socket, 'session:assign', { sessionId: session.id, operatorId: boss.operator.id })).toMatchObject({ ok: true });
    } finally {
      socket.close();
    }
  });

  it.each(['gzip', 'deflate', 'br'])('4. a body that claims Content-Encoding %s but is not compressed is 400 invalid_request, not a 500', async (encoding) => {
    const res = await admin.request('POST', '/v1/agents', JSON.stringify({ name: 'x' }), { 'content-encoding': encoding });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'invalid_request' } });
    expect(JSON.stringify(res.body)).toMatch(/body/);
  });

  it('4. a body that really is gzip-compressed is read', async () => {
    const res = await fetch(`${server.url}/v1/agents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.masterKey}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify({ name: 'compressed agent' })),
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { agent: AgentDto }).agent.name).toBe('compressed agent');
  });

  it.each(['zzz', '', 'zzzzzzzzzzzz', '0'.repeat(25)])('5. /events subscribe with afterEventId %j is invalid_request and replays nothing', async (afterEventId) => {
    const key = (await admin.post<{ key: string }>('/v1/api-keys', { name: uniq('events') })).body.key;
    const socket = eventsClient(server.url, key);
    try {
      await connected(socket);
      let replayed = 0;
      socket.on('event', () => replayed++);
      const ack = await socket.emitWithAck('subscribe', { afterEventId });
      expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
      expect(JSON.stringify(ack)).toMatch(/afterEventId/);
      await new Promise((r) => setTimeout(r, 200));
      expect(replayed).toBe(0);
    } finally {
      socket.close();
    }
  });

  it.each([
    ['customerId[$ne]=x', 'customerId[$ne]'],
    ['status[$ne]=closed', 'status[$ne]'],
    ['nonsense=1', 'nonsense'],
    ['agentid=abc', 'agentid'],
  ])('9. GET /v1/chat/sessions?%s is 400 naming the parameter', async (query, name) => {
    const agent = await createAgent(admin);
    await createSession(admin, agent.id);
    const res = await admin.get<{ error: { code: string; message: string } }>(`/v1/chat/sessions?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.message).toContain(name);
  });

  it('9. the rule holds on every documented operation, including ones that take no query at all', async () => {
    for (const path of ['/v1/agents?x=1', '/v1/chat/sessions/stats?bogus=1', '/v1/operators?role=admin', '/v1/webhooks?all=1']) {
      const res = await admin.get<{ error: { code: string } }>(path);
      expect([path, res.status, res.body.error?.code]).toEqual([path, 400, 'invalid_request']);
    }
    // Declared parameters still work, and a request without any is untouched.
    const agent = await createAgent(admin);
    await createSession(admin, agent.id, { customerId: 'known-customer' });
    const ok = await waitUntil(async () => {
      const r = await admin.get<{ sessions: SessionDto[] }>(`/v1/chat/sessions?customerId=known-customer&limit=5`);
      return r.status === 200 && r.body.sessions.length === 1 ? r : null;
    });
    expect(ok.body.sessions[0]?.customerId).toBe('known-customer');
    expect((await admin.get('/v1/agents')).status).toBe(200);
  });
});
