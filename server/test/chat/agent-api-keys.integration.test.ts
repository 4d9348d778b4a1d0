/**
 * An agent's own model API key (`llm.apiKey`): write-only over the API, encrypted at rest,
 * sent as the bearer token to the endpoint it was given with and to no other.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AgentDto, MessageDto } from '../../../shared/src/contract/types';
import { AgentModel } from '../../src/db/models/agent.model';
import { startFakeLlm, type FakeLlm } from '../support/fake-llm-server';
import { createAgent, createSession } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { startTestServer, type TestServer } from '../support/test-server';

const KEY = 'sk-or-v1-agent-own-key-0123456789';

describe('an agent with its own model API key', () => {
  let server: TestServer;
  let http: HttpClient;
  let llm: FakeLlm;
  let other: FakeLlm;

  beforeAll(async () => {
    [server, llm, other] = await Promise.all([startTestServer(), startFakeLlm(), startFakeLlm()]);
    http = httpClient(server.url, server.masterKey);
  });
  afterAll(async () => {
    await Promise.all([server?.close(), llm?.close(), other?.close()]);
  });

  /** Sends a customer message and returns the Authorization header the model server got for its reply. */
  async function authorizationSeen(agentId: string, model: FakeLlm): Promise<string | undefined> {
    const { session } = await createSession(http, agentId);
    const before = model.requestHeaders.length;
    const res = await http.post<{ reply: MessageDto }>(`/v1/chat/sessions/${session.id}/messages`, { content: 'hello' });
    expect(res.status).toBe(201);
    expect(res.body.reply.status).toBe('complete');
    expect(model.requestHeaders.length).toBe(before + 1);
    return model.requestHeaders.at(-1)?.authorization;
  }

  const patch = (id: string, body: object) => http.patch<{ agent: AgentDto }>(`/v1/agents/${id}`, body);

  it('is sent to its endpoint, never shown, and stored encrypted', async () => {
    const agent = await createAgent(http, { llm: { provider: 'openai-compatible', model: 'm', baseUrl: llm.url, apiKey: KEY } });
    expect(agent.llm).toEqual({ provider: 'openai-compatible', model: 'm', baseUrl: llm.url, hasApiKey: true });
    expect(await authorizationSeen(agent.id, llm)).toBe(`Bearer ${KEY}`);

    const read = await http.get<{ agent: AgentDto }>(`/v1/agents/${agent.id}`);
    const listed = await http.get<{ agents: AgentDto[] }>('/v1/agents');
    expect(JSON.stringify([read.body, listed.body])).not.toContain(KEY);
    const stored = await AgentModel.findById(agent.id).lean();
    expect(stored?.llm?.apiKey).toBeTruthy();
    expect(JSON.stringify(stored)).not.toContain(KEY);
  });

  it('is kept by a PATCH that names none, goes nowhere else when the endpoint changes, and goes with null', async () => {
    const agent = await createAgent(http, { llm: { provider: 'openai-compatible', model: 'm', baseUrl: llm.url, apiKey: KEY } });

    const warmer = await patch(agent.id, { llm: { provider: 'openai-compatible', model: 'm', baseUrl: llm.url, temperature: 0.3 } });
    expect(warmer.body.agent.llm).toEqual({ provider: 'openai-compatible', model: 'm', baseUrl: llm.url, temperature: 0.3, hasApiKey: true });
    expect(await authorizationSeen(agent.id, llm)).toBe(`Bearer ${KEY}`);

    // Another endpoint without a new key: the old key is not sent there.
    const moved = await patch(agent.id, { llm: { provider: 'openai-compatible', model: 'm', baseUrl: other.url } });
    expect(moved.body.agent.llm.hasApiKey).toBe(false);
    expect(await authorizationSeen(agent.id, other)).not.toContain(KEY);

    const back = await patch(agent.id, { llm: { provider: 'openai-compatible', model: 'm', baseUrl: llm.url, apiKey: null } });
    expect(back.body.agent.llm.hasApiKey).toBe(false);
    expect(await authorizationSeen(agent.id, llm)).not.toContain(KEY);
    expect((await AgentModel.findById(agent.id).lean())?.llm?.apiKey).toBeUndefined();
  });

  it('refuses an empty or oversized key with invalid_request naming the field, storing nothing', async () => {
    const count = async () => (await http.get<{ agents: AgentDto[] }>('/v1/agents')).body.agents.length;
    const before = await count();
    for (const apiKey of ['', ' ', 'k'.repeat(1_001)]) {
      const res = await http.post<{ error: { code: string; field?: string } }>('/v1/agents', { name: 'x', llm: { provider: 'openai-compatible', model: 'm', baseUrl: llm.url, apiKey } });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_request', field: 'llm.apiKey' });
    }
    expect(await count()).toBe(before);
  });
});
