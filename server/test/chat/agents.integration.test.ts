import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AgentDto } from '../../../shared/src/contract/types';
import type { ErrorBody } from '../../../shared/src/errors';
import { createAgent } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { startTestServer, type TestServer } from '../support/test-server';

type ErrorResponse = { error: ErrorBody };

describe('/v1/agents', () => {
  let server: TestServer;
  let http: HttpClient;

  beforeAll(async () => {
    server = await startTestServer();
    http = httpClient(server.url, server.masterKey);
  });
  afterAll(() => server.close());

  it('creates an agent with defaults filled in, reads it back, lists it', async () => {
    const created = await createAgent(http, { name: 'Support bot', greeting: 'Hi!' });
    expect(created).toMatchObject({
      name: 'Support bot',
      greeting: 'Hi!',
      prompt: { type: 'single' },
      llm: { provider: 'offline', model: 'offline' },
      knowledgeBaseIds: [],
      memory: { enabled: false },
      supportCommands: { whisper: true, tell: true, takeover: true },
      callEscalation: { enabled: false, hasSecret: false },
      dormantAfterSeconds: 1800,
      allowedOrigins: [],
    });
    expect(created.id).toMatch(/^[a-f0-9]{24}$/);

    const one = await http.get<{ agent: AgentDto }>(`/v1/agents/${created.id}`);
    expect(one.status).toBe(200);
    expect(one.body.agent).toEqual(created);

    const list = await http.get<{ agents: AgentDto[] }>('/v1/agents');
    expect(list.status).toBe(200);
    expect(list.body.agents.map((a) => a.id)).toContain(created.id);
  });

  it('accepts a multi-state prompt and an openai-compatible model', async () => {
    const prompt = {
      type: 'multi',
      start: 'greet',
      states: [
        { name: 'greet', prompt: 'Say hello.', transitions: [{ to: 'help', when: 'the customer has a question' }] },
        { name: 'help', prompt: 'Answer.', transitions: [] },
      ],
    };
    const llm = { provider: 'openai-compatible', model: 'llama', baseUrl: 'http://127.0.0.1:1/v1', temperature: 0.2 };
    const agent = await createAgent(http, { prompt, llm });
    expect(agent.prompt).toEqual(prompt);
    expect(agent.llm).toEqual({ ...llm, hasApiKey: false });
  });

  it('patches only the fields sent, merging support commands one by one', async () => {
    const agent = await createAgent(http, { greeting: 'Hello' });
    const res = await http.patch<{ agent: AgentDto }>(`/v1/agents/${agent.id}`, { name: 'Renamed', supportCommands: { tell: false } });
    expect(res.status).toBe(200);
    expect(res.body.agent).toMatchObject({ name: 'Renamed', greeting: 'Hello', supportCommands: { whisper: true, tell: false, takeover: true } });
    expect((await http.get<{ agent: AgentDto }>(`/v1/agents/${agent.id}`)).body.agent.name).toBe('Renamed');
  });

  it('deletes an agent: 204, then 404 not_found', async () => {
    const agent = await createAgent(http);
    const del = await http.delete(`/v1/agents/${agent.id}`);
    expect(del.status).toBe(204);
    const after = await http.get<ErrorResponse>(`/v1/agents/${agent.id}`);
    expect(after.status).toBe(404);
    expect(after.body.error.code).toBe('not_found');
  });

  describe('validation: 400 invalid_request naming the field, and nothing changes', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['an unknown llm provider', { llm: { provider: 'anthropic', model: 'x' } }, 'llm.provider'],
      ['a prompt text of the wrong type', { prompt: { type: 'single', text: 42 } }, 'prompt.text'],
      ['an empty name', { name: '   ' }, 'name'],
      ['dormantAfterSeconds under the minimum', { dormantAfterSeconds: 5 }, 'dormantAfterSeconds'],
      ['an origin with a path', { allowedOrigins: ['https://shop.example/path'] }, 'allowedOrigins.0'],
      ['a multi prompt whose start names no state', { prompt: { type: 'multi', start: 'nowhere', states: [{ name: 'a', prompt: '', transitions: [] }] } }, 'prompt.start'],
    ];

    it.each(cases)('create with %s', async (_what, body, field) => {
      const before = (await http.get<{ agents: AgentDto[] }>('/v1/agents')).body.agents.length;
      const res = await http.post<ErrorResponse>('/v1/agents', { name: 'Valid name', ...body });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_request', field });
      expect(res.body.error.message).toContain(field);
      expect((await http.get<{ agents: AgentDto[] }>('/v1/agents')).body.agents).toHaveLength(before);
    });

    it('patch with a bad field, or an unknown one, leaves the agent as it was', async () => {
      const agent = await createAgent(http, { name: 'Unchanged' });
      const bad = await http.patch<ErrorResponse>(`/v1/agents/${agent.id}`, { name: 'Changed', llm: { provider: 'nope', model: 'x' } });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'invalid_request', field: 'llm.provider' });
      const unknown = await http.patch<ErrorResponse>(`/v1/agents/${agent.id}`, { colour: 'red' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.code).toBe('invalid_request');
      expect((await http.get<{ agent: AgentDto }>(`/v1/agents/${agent.id}`)).body.agent).toEqual(agent);
    });

    it('refuses $-keys anywhere in the body', async () => {
      const res = await http.post<ErrorResponse>('/v1/agents', { name: 'x', memory: { $where: 'true' } });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_request', field: 'memory.$where' });
    });

    it('refuses a body that is not JSON', async () => {
      const res = await http.request<ErrorResponse>('POST', '/v1/agents', '{"name":', { 'content-type': 'application/json' });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
    });
  });

  describe('auth', () => {
    it('401 unauthorized without a key, with a wrong key, and with a malformed header', async () => {
      for (const client of [httpClient(server.url), httpClient(server.url, 'sk_not_a_real_key_000000')]) {
        const res = await client.get<ErrorResponse>('/v1/agents');
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('unauthorized');
      }
      const basic = await httpClient(server.url).request<ErrorResponse>('GET', '/v1/agents', undefined, { authorization: `Basic ${server.masterKey}` });
      expect(basic.status).toBe(401);
    });

    it('an unauthenticated create stores nothing', async () => {
      const before = (await http.get<{ agents: AgentDto[] }>('/v1/agents')).body.agents.length;
      expect((await httpClient(server.url).post('/v1/agents', { name: 'sneaky' })).status).toBe(401);
      expect((await http.get<{ agents: AgentDto[] }>('/v1/agents')).body.agents).toHaveLength(before);
    });
  });

  describe('unknown ids: 404 not_found', () => {
    const missing = '0123456789abcdef01234567';
    it.each([
      ['GET', `/v1/agents/${missing}`],
      ['PATCH', `/v1/agents/${missing}`],
      ['DELETE', `/v1/agents/${missing}`],
      ['GET', '/v1/agents/not-an-id'],
    ])('%s %s', async (method, path) => {
      const res = await http.request<ErrorResponse>(method, path, method === 'PATCH' ? { name: 'x' } : undefined);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    });
  });
});
