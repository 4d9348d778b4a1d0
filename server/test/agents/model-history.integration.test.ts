import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MessageDto } from '../../../shared/src/contract/types';
import { startFakeLlm, type ChatRequestBody, type FakeLlm } from '../support/fake-llm-server';
import { createFakeLlmAgent, createSession } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { startTestServer, type TestServer } from '../support/test-server';
import { nthChatRequest } from '../support/model-requests';

const BUDGET = 5_000;
const OMITTED = 'Earlier messages of this conversation are left out here.';

/** The conversation part of a request: everything after the system prompt. */
const historyOf = (req: ChatRequestBody) => req.messages.slice(1).map((m) => String(m.content));

describe('how much of a long conversation the model is sent', () => {
  let server: TestServer;
  let llm: FakeLlm;
  let http: HttpClient;
  let agentId: string;

  const ask = async (sessionId: string, content: string) => {
    const from = llm.requests.length;
    const res = await http.post<{ reply: MessageDto }>(`/v1/chat/sessions/${sessionId}/messages`, { content });
    expect(res.status).toBe(201);
    return nthChatRequest(llm, from);
  };

  beforeAll(async () => {
    [server, llm] = await Promise.all([startTestServer({ env: { SEED_DEMO: 'false', MODEL_HISTORY_CHARS: String(BUDGET), MAX_MESSAGE_CHARS: String(BUDGET * 2) } }), startFakeLlm()]);
    llm.setResponder(() => ({ tokens: ['Noted.'] }));
    http = httpClient(server.url, server.masterKey);
    agentId = (await createFakeLlmAgent(http, llm.url)).id;
  });
  afterAll(async () => {
    await server.close();
    await llm.close();
  });

  it('the newest messages that fit MODEL_HISTORY_CHARS, with a note that earlier ones are left out', async () => {
    const { session } = await createSession(http, agentId);
    const said = ['a', 'b', 'c', 'd'].map((letter) => letter.repeat(1_500));
    let last: ChatRequestBody | undefined;
    for (const text of said) last = await ask(session.id, text);
    const history = historyOf(last as ChatRequestBody);
    expect(history[0]).toBe(OMITTED);
    expect(history.slice(1)).toEqual(['Noted.', said[1], 'Noted.', said[2], 'Noted.', said[3]]);
    expect(history.slice(1).join('').length).toBeLessThanOrEqual(BUDGET);
  });

  it('a short conversation goes whole, with no note', async () => {
    const { session } = await createSession(http, agentId);
    await ask(session.id, 'Hello');
    expect(historyOf(await ask(session.id, 'Are you there?'))).toEqual(['Hello', 'Noted.', 'Are you there?']);
  });

  it('the newest message goes even when it alone is over the budget', async () => {
    const { session } = await createSession(http, agentId);
    await ask(session.id, 'Hi');
    const long = 'x'.repeat(BUDGET + 500);
    const history = historyOf(await ask(session.id, long));
    expect(history).toEqual([OMITTED, long]);
  });

  it('at most the last 60 messages, with the note when older ones exist', async () => {
    const { session } = await createSession(http, agentId);
    for (let i = 0; i < 61; i++) expect((await http.post(`/v1/chat/sessions/${session.id}/context`, { content: `fact ${i}` })).status).toBe(201);
    const history = historyOf(await ask(session.id, 'What do you know?'));
    expect(history[0]).toBe(OMITTED);
    // The note, then at most 60 messages (the reply being written counts among the last 60 stored).
    expect(history.length).toBeGreaterThan(50);
    expect(history.length).toBeLessThanOrEqual(61);
    expect(history.at(-1)).toBe('What do you know?');
    expect(history.some((m) => m.endsWith(': fact 1'))).toBe(false);
    expect(history.some((m) => m.endsWith(': fact 60'))).toBe(true);
  });
});
