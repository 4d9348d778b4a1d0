/** The insights endpoints refuse what they do not understand, and who may call them. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ErrorBody } from '../../../shared/src/errors';
import { createAgent, createSession } from '../support/factories';
import { httpClient } from '../support/http-client';
import { createStaff, loginAdmin, type Staff } from '../support/operator-helpers';
import { startTestServer, type TestServer } from '../support/test-server';

type Err = { error: ErrorBody };

describe('insights API: validation and access', () => {
  let server: TestServer;
  let admin: Staff;

  beforeAll(async () => {
    server = await startTestServer({ env: { SEED_DEMO: 'false' } });
    admin = await loginAdmin(server);
  });
  afterAll(() => server.close());

  it.each([
    ['agentId=nope', 'agentId'],
    ['from=2026-13-01', 'from'],
    ['to=yesterday', 'to'],
    ['from=2026-03-02&to=2026-03-01', 'from'],
    ['from=2024-01-01&to=2026-01-01', 'from'],
    ['agentId[$ne]=x', 'agentId[$ne]'],
    ['days=7', 'days'],
  ])('GET /v1/insights?%s → 400 invalid_request naming %s', async (query, field) => {
    const res = await admin.http.get<Err>(`/v1/insights?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request', field });
  });

  it('the handoffs inbox and suggestions validate the same way', async () => {
    expect((await admin.http.get<Err>('/v1/insights/handoffs?limit=0')).body.error).toMatchObject({ code: 'invalid_request', field: 'limit' });
    expect((await admin.http.get<Err>('/v1/insights/prompt-suggestions?status=maybe')).body.error).toMatchObject({ code: 'invalid_request', field: 'status' });
    const agent = await createAgent(admin.http);
    const empty = await admin.http.post<Err>('/v1/insights/prompt-suggestions', { agentId: agent.id, text: '  ' });
    expect(empty.body.error).toMatchObject({ code: 'invalid_request', field: 'text' });
    const extra = await admin.http.post<Err>('/v1/insights/prompt-suggestions', { agentId: agent.id, text: 'x', status: 'accepted' });
    expect(extra.status).toBe(400);
    const ghost = await admin.http.post<Err>('/v1/insights/prompt-suggestions', { agentId: '0123456789abcdef01234567', text: 'x' });
    expect(ghost.status).toBe(404);
    expect((await admin.http.post<Err>('/v1/insights/prompt-suggestions/nope/accept')).body.error).toMatchObject({ field: 'id' });
  });

  it('staff only; API keys need a session scope to read, agents:write to decide', async () => {
    const agent = await createAgent(admin.http);
    const { session, customerToken } = await createSession(admin.http, agent.id);
    expect((await httpClient(server.url).get('/v1/insights')).status).toBe(401);
    expect((await httpClient(server.url, customerToken).get<Err>('/v1/insights')).status).toBe(403);

    const key = async (scopes: string[]) => {
      const res = await admin.http.post<{ key: string }>('/v1/api-keys', { name: 'insights', scopes });
      return httpClient(server.url, res.body.key);
    };
    const reader = await key(['sessions:read']);
    expect((await reader.get('/v1/insights')).status).toBe(200);
    const hooks = await key(['webhooks:write']);
    const refused = await hooks.get<Err>('/v1/insights');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'insufficient_scope', scope: 'sessions:read' });

    const writer = await key(['sessions:write']);
    const made = await writer.post<{ suggestion: { id: string } }>('/v1/insights/prompt-suggestions', { agentId: agent.id, sessionId: session.id, text: 'Offer the returns link.' });
    expect(made.status).toBe(201);
    expect((await writer.post<Err>(`/v1/insights/prompt-suggestions/${made.body.suggestion.id}/accept`)).body.error).toMatchObject({ code: 'insufficient_scope', scope: 'agents:write' });

    const operator = await createStaff(server, 'operator');
    expect((await operator.http.get('/v1/insights')).status).toBe(200);
    expect((await operator.http.post<Err>(`/v1/insights/prompt-suggestions/${made.body.suggestion.id}/dismiss`)).status).toBe(403);
    expect((await (await key(['agents:write'])).post(`/v1/insights/prompt-suggestions/${made.body.suggestion.id}/dismiss`)).status).toBe(200);
  });
});
