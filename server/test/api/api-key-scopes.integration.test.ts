/**
 * Least-privilege API keys: every key used to be admin. A key acts only within its scopes,
 * checked on every request and socket handshake; beyond them it gets 403 insufficient_scope
 * naming the scope. Keys made without scopes (and before scopes existed) keep full rights.
 */
import type { ApiKeyDto } from '../../../shared/src/contract/types';
import { createAgent, createSession, uniq } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { connected, eventsClient } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';

describe('API key scopes', () => {
  let server: TestServer;
  let admin: HttpClient;
  let agentId: string;
  let sessionId: string;

  const keyWith = async (scopes?: string[]) => {
    const res = await admin.post<{ key: string; apiKey: ApiKeyDto }>('/v1/api-keys', { name: uniq('key'), ...(scopes ? { scopes } : {}) });
    expect(res.status).toBe(201);
    return { http: httpClient(server.url, res.body.key), key: res.body.key, dto: res.body.apiKey };
  };
  const refusedFor = async (call: Promise<{ status: number; body: unknown }>, scope: string) => {
    const res = await call;
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'insufficient_scope', scope } });
    expect((res.body as { error: { message: string } }).error.message).toContain(scope);
  };

  beforeAll(async () => {
    server = await startTestServer();
    admin = httpClient(server.url, server.masterKey);
    agentId = (await createAgent(admin)).id;
    sessionId = (await createSession(admin, agentId)).session.id;
  });
  afterAll(() => server?.close());

  it('sessions:read reads sessions and agents, and nothing else', async () => {
    const { http, dto } = await keyWith(['sessions:read']);
    expect(dto.scopes).toEqual(['sessions:read']);
    expect((await http.get('/v1/chat/sessions')).status).toBe(200);
    expect((await http.get(`/v1/chat/sessions/${sessionId}/messages`)).status).toBe(200);
    expect((await http.get(`/v1/agents/${agentId}`)).status).toBe(200);
    await refusedFor(http.post('/v1/chat/sessions', { agentId, customerId: 'x' }), 'sessions:write');
    await refusedFor(http.post(`/v1/chat/sessions/${sessionId}/takeover`), 'sessions:write');
    await refusedFor(http.patch(`/v1/agents/${agentId}`, { name: 'renamed' }), 'agents:write');
    await refusedFor(http.get(`/v1/agents/${agentId}/identity-secret`), 'agents:write');
    await refusedFor(http.post('/v1/knowledge-bases', { name: 'kb' }), 'knowledge:write');
    await refusedFor(http.get('/v1/webhooks'), 'webhooks:write');
    await refusedFor(http.post('/v1/api-keys', { name: 'escalate', scopes: ['admin'] }), 'admin');
    await refusedFor(http.get('/v1/operators'), 'admin');
    await refusedFor(http.delete('/v1/customers/someone'), 'admin');
    // Nothing changed by the refused calls.
    expect((await admin.get<{ agent: { name: string } }>(`/v1/agents/${agentId}`)).body.agent.name).not.toBe('renamed');
  });

  it('sessions:write drives sessions; agents:write and knowledge:write their areas', async () => {
    const writer = await keyWith(['sessions:write']);
    const created = await writer.http.post<{ session: { id: string } }>('/v1/chat/sessions', { agentId, customerId: uniq('c') });
    expect(created.status).toBe(201);
    expect((await writer.http.post(`/v1/chat/sessions/${created.body.session.id}/takeover`)).status).toBe(200);
    expect((await writer.http.get('/v1/chat/sessions')).status).toBe(200);
    const builder = await keyWith(['agents:write']);
    expect((await builder.http.patch(`/v1/agents/${agentId}`, { greeting: 'Hello' })).status).toBe(200);
    await refusedFor(builder.http.get('/v1/chat/sessions'), 'sessions:read');
    const librarian = await keyWith(['knowledge:write']);
    expect((await librarian.http.post('/v1/knowledge-bases', { name: 'kb' })).status).toBe(201);
    const hooks = await keyWith(['webhooks:write']);
    expect((await hooks.http.get('/v1/webhooks')).status).toBe(200);
  });

  it('/events needs events:read at the handshake', async () => {
    const reader = await keyWith(['sessions:read']);
    const refused = eventsClient(server.url, reader.key);
    await expect(connected(refused)).rejects.toMatchObject({ message: 'insufficient_scope', data: { code: 'insufficient_scope', scope: 'events:read' } });
    refused.close();
    const subscriber = await keyWith(['events:read']);
    const ok = eventsClient(server.url, subscriber.key);
    await connected(ok);
    expect(await ok.emitWithAck('subscribe', {})).toMatchObject({ ok: true });
    ok.close();
    await refusedFor(subscriber.http.get('/v1/chat/sessions'), 'sessions:read');
  });

  it('a key made without scopes has full rights, and the list says so; an unknown scope is 400 naming it', async () => {
    const full = await keyWith();
    expect(full.dto.scopes).toEqual(['admin']);
    expect((await full.http.get('/v1/operators')).status).toBe(200);
    const listed = await admin.get<{ apiKeys: ApiKeyDto[] }>('/v1/api-keys');
    expect(listed.body.apiKeys.find((k) => k.id === full.dto.id)?.scopes).toEqual(['admin']);
    const bad = await admin.post<{ error: { code: string; field: string } }>('/v1/api-keys', { name: 'bad', scopes: ['sessions:read', 'root'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_request', field: 'scopes.1' });
  });
});
