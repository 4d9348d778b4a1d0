import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AgentDto, MessageDto } from '../../../shared/src/contract/types';
import { startFakeLlm, type ChatRequestBody, type FakeLlm } from '../support/fake-llm-server';
import { createAgent, createFakeLlmAgent, createSession, getSession, uniq } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { waitUntil } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';
import { nthChatRequest, systemOf } from '../support/model-requests';

// The smallest dormancy the agent schema allows; the sweep runs every second.
const DORMANT_AFTER_S = 10;
const MODEL_SUMMARY = 'Dana reported a router that drops wifi every evening; a replacement was promised by Friday.';

interface MemoryDto {
  id: string;
  agentId: string;
  sessionId: string;
  summary: string;
}

const isSummaryRequest = (req: ChatRequestBody) => systemOf(req).startsWith('Summarise this support conversation');

describe('customer memory: summaries of earlier sessions reach the model', () => {
  let server: TestServer;
  let llm: FakeLlm;
  let http: HttpClient;
  let agent: AgentDto;

  const ask = async (sessionId: string, content: string) => {
    const res = await http.post<{ reply: MessageDto | null }>(`/v1/chat/sessions/${sessionId}/messages`, { content });
    expect(res.status).toBe(201);
    return res.body.reply;
  };
  const memoriesOf = async (customerId: string) => {
    const res = await http.get<{ memories: MemoryDto[] }>(`/v1/customers/${encodeURIComponent(customerId)}/memory`);
    expect(res.status).toBe(200);
    return res.body.memories;
  };
  const close = async (sessionId: string) => expect((await http.post(`/v1/chat/sessions/${sessionId}/close`)).status).toBe(200);
  /** The system message of the first chat turn of a new session of `customerId`. */
  const firstTurnSystem = async (agentId: string, customerId: string, extra: { metadata?: Record<string, unknown> } = {}) => {
    const { session } = await createSession(http, agentId, { customerId, ...extra });
    const from = llm.requests.length;
    await ask(session.id, 'Hi again');
    return systemOf(await nthChatRequest(llm, from));
  };

  beforeAll(async () => {
    [server, llm] = await Promise.all([startTestServer({ env: { SEED_DEMO: 'false', DORMANCY_SWEEP_SECONDS: '1' } }), startFakeLlm()]);
    http = httpClient(server.url, server.masterKey);
    // The summarisation is a tool-less request with its own system prompt: answer it with a fixed summary.
    llm.setResponder((req) => (isSummaryRequest(req) ? { tokens: MODEL_SUMMARY.match(/\S+\s*/g) ?? [] } : { tokens: ['Sure', '.'] }));
    agent = await createFakeLlmAgent(http, llm.url, { memory: { enabled: true } });
  });
  afterAll(async () => {
    await server.close();
    await llm.close();
  });

  it("a closed session's summary is written by the model, once, and the next session's model input holds it", async () => {
    const customerId = uniq('dana');
    const { session } = await createSession(http, agent.id, { customerId });
    await ask(session.id, 'My router keeps dropping the wifi every evening.');
    const before = llm.requests.length;
    await close(session.id);

    const [memory] = await waitUntil(async () => ((await memoriesOf(customerId)).length ? memoriesOf(customerId) : null));
    expect(memory).toMatchObject({ agentId: agent.id, sessionId: session.id, summary: MODEL_SUMMARY });
    // The model was asked without tools, with the customer-visible transcript.
    const asked = llm.requests.slice(before).filter(isSummaryRequest);
    expect(asked).toHaveLength(1);
    expect(asked[0].tools ?? []).toEqual([]);
    expect(JSON.stringify(asked[0].messages)).toContain('My router keeps dropping the wifi');

    const system = await firstTurnSystem(agent.id, customerId);
    expect(system).toContain("What you remember from this customer's earlier conversations");
    expect(system).toContain(MODEL_SUMMARY);
  });

  it("another customer's session, or another agent's, does not see that memory", async () => {
    const customerId = uniq('dana');
    const { session } = await createSession(http, agent.id, { customerId });
    await ask(session.id, 'My router is broken.');
    await close(session.id);
    await waitUntil(async () => (await memoriesOf(customerId)).length === 1);
    expect(await firstTurnSystem(agent.id, uniq('stranger'))).not.toContain(MODEL_SUMMARY);
    const other = await createFakeLlmAgent(http, llm.url, { memory: { enabled: true } });
    expect(await firstTurnSystem(other.id, customerId)).not.toContain(MODEL_SUMMARY);
  });

  it('an agent with memory off writes nothing and recalls nothing', async () => {
    const forgetful = await createFakeLlmAgent(http, llm.url);
    const customerId = uniq('eve');
    const { session } = await createSession(http, forgetful.id, { customerId });
    await ask(session.id, 'Remember me please.');
    await close(session.id);
    await new Promise((r) => setTimeout(r, 300));
    expect(await memoriesOf(customerId)).toEqual([]);
  });

  it('the offline provider writes an extractive summary of what the customer asked', async () => {
    const offline = await createAgent(http, { llm: { provider: 'offline', model: 'offline' }, memory: { enabled: true } });
    const customerId = uniq('olga');
    const { session } = await createSession(http, offline.id, { customerId });
    await ask(session.id, 'Can I change the delivery address of order 5521? It is going to my old flat.');
    await close(session.id);
    const [memory] = await waitUntil(async () => ((await memoriesOf(customerId)).length ? memoriesOf(customerId) : null));
    expect(memory.summary).toContain('Customer asked: Can I change the delivery address of order 5521?');
    expect(memory.summary).toContain('Last answer (assistant)');
  });

  it('going dormant writes the summary too', async () => {
    const sleepy = await createFakeLlmAgent(http, llm.url, { memory: { enabled: true }, dormantAfterSeconds: DORMANT_AFTER_S });
    const customerId = uniq('dora');
    const { session } = await createSession(http, sleepy.id, { customerId });
    await ask(session.id, 'My router keeps dropping the wifi.');
    const [memory] = await waitUntil(async () => ((await memoriesOf(customerId)).length ? memoriesOf(customerId) : null), (DORMANT_AFTER_S + 5) * 1000, 250);
    expect(memory).toMatchObject({ sessionId: session.id, summary: MODEL_SUMMARY });
    expect((await getSession(http, session.id)).status).toBe('dormant');

    // The customer comes back and the session ends later: its one memory is summarised again, with the rest.
    await ask(session.id, 'Now the lights on the router blink orange.');
    const before = llm.requests.length;
    await close(session.id);
    const again = await waitUntil(() => llm.requests.slice(before).find(isSummaryRequest));
    expect(JSON.stringify(again.messages)).toContain('blink orange');
    await waitUntil(async () => (await memoriesOf(customerId)).length === 1);
  }, 25_000);

  it('DELETE erases: GET returns [] and the next session has no summary', async () => {
    const customerId = uniq('erin');
    for (const text of ['My router is broken.', 'Still broken.']) {
      const { session } = await createSession(http, agent.id, { customerId });
      await ask(session.id, text);
      await close(session.id);
    }
    await waitUntil(async () => (await memoriesOf(customerId)).length === 2);
    expect(await firstTurnSystem(agent.id, customerId)).toContain(MODEL_SUMMARY);

    const erased = await http.delete<{ erased: number }>(`/v1/customers/${customerId}/memory`);
    expect(erased).toMatchObject({ status: 200, body: { erased: 2 } });
    expect(await memoriesOf(customerId)).toEqual([]);
    const system = await firstTurnSystem(agent.id, customerId);
    expect(system).not.toContain(MODEL_SUMMARY);
    expect(system).not.toContain('What you remember');
  });

  it('metadata.priorSummaries from the integrator reach the model', async () => {
    const prior = ['Bought a blue kettle in March; it leaked.', 'Asked about the warranty in April.'];
    const system = await firstTurnSystem(agent.id, uniq('pat'), { metadata: { priorSummaries: prior, plan: 'gold' } });
    for (const text of prior) expect(system).toContain(text);
    expect(system).toContain('gold');
  });
});
