import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageDto } from '../../../shared/src/contract/types';
import { startEmbeddedEngine, type EmbeddedEngine } from '../../src/db/embedded-engine/engine-server';
import { startFakeLlm, type FakeLlm } from '../support/fake-llm-server';
import { createFakeLlmAgent, createSession, getSession, staffMessages } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { startTestServer, type TestServer } from '../support/test-server';
import { waitUntil } from '../support/socket-clients';

/**
 * The shortcuts of a customer's turn with the AI (domain/messages/ai-turn.ts, history-cache.ts):
 * one update takes both seqs and refuses a repeated clientMessageId, the message and the reply's
 * placeholder are written together, and the model input comes from a per-process cache. Two
 * servers share one database, as two processes would: each has its own cache.
 */
type Sent = { message: MessageDto; reply: MessageDto | null; duplicate: boolean };
const MASTER = 'sk_sb_master_ai_turn_test_key_0123456789';
const messagesOf = (sessionId: string) => `/v1/chat/sessions/${sessionId}/messages`;
const userTexts = (llm: FakeLlm) => (llm.requests.at(-1)?.messages ?? []).map((m) => (typeof m.content === 'string' ? m.content : ''));

describe('a customer turn with the AI, begun in one round trip', () => {
  let dir: string;
  let engine: EmbeddedEngine;
  let a: TestServer;
  let b: TestServer;
  let httpA: HttpClient;
  let httpB: HttpClient;
  let llm: FakeLlm;
  let agentId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-ai-turn-'));
    engine = await startEmbeddedEngine({ dataDir: join(dir, 'db') });
    llm = await startFakeLlm();
    const env = { MONGODB_URI: engine.uri, CHAT_MASTER_KEY: MASTER, SEED_DEMO: 'false' };
    a = await startTestServer({ env });
    b = await startTestServer({ env });
    httpA = httpClient(a.url, MASTER);
    httpB = httpClient(b.url, MASTER);
    agentId = (await createFakeLlmAgent(httpA, llm.url)).id;
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await llm?.close();
    await engine?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => llm.setResponder(() => ({ tokens: ['Sure', '.'] })));

  it('a clientMessageId sent at once to two processes, three times each, is stored once and answered once', async () => {
    const { session } = await createSession(httpA, agentId);
    const sends = [httpA, httpB, httpA, httpB, httpA, httpB].map((http) => http.post<Sent>(messagesOf(session.id), { content: 'once', clientMessageId: 'race-1' }));
    const results = await Promise.all(sends);
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.message.id)).size).toBe(1);
    const stored = await waitUntil(async () => {
      const all = await staffMessages(httpA, session.id);
      return all.every((m) => m.status !== 'streaming') ? all : undefined;
    });
    expect(stored.filter((m) => m.role === 'customer')).toHaveLength(1);
    expect(stored.filter((m) => m.role === 'agent').map((m) => m.status)).toEqual(['complete']);
  });

  it('a retry after the send was stored takes no seq and starts no reply', async () => {
    const { session } = await createSession(httpA, agentId);
    const first = await httpA.post<Sent>(messagesOf(session.id), { content: 'hello', clientMessageId: 'again-1' });
    const requests = llm.requests.length;
    const retry = await httpB.post<Sent>(messagesOf(session.id), { content: 'hello', clientMessageId: 'again-1' });
    expect(retry.body).toMatchObject({ duplicate: true, reply: null, message: { id: first.body.message.id } });
    expect(await getSession(httpA, session.id)).toMatchObject({ lastSeq: 2 });
    expect(llm.requests.length).toBe(requests);
  });

  it('the model sees what another process wrote since this one last answered (its history cache is never stale)', async () => {
    const { session } = await createSession(httpA, agentId);
    llm.setResponder(() => ({ tokens: ['First answer.'] }));
    await httpA.post<Sent>(messagesOf(session.id), { content: 'question one' });
    llm.setResponder(() => ({ tokens: ['Second answer.'] }));
    await httpA.post<Sent>(messagesOf(session.id), { content: 'question two' });
    // From this process's cache: the earlier turn, its reply's final text included.
    expect(userTexts(llm)).toEqual(expect.arrayContaining(['question one', 'First answer.', 'question two']));

    // Another process writes: a whisper, then a whole turn of its own.
    await httpB.post(`/v1/chat/sessions/${session.id}/whisper`, { content: 'offer the blue one' });
    llm.setResponder(() => ({ tokens: ['Answer from B.'] }));
    await httpB.post<Sent>(messagesOf(session.id), { content: 'question via b' });
    llm.setResponder(() => ({ tokens: ['Fourth.'] }));
    await httpA.post<Sent>(messagesOf(session.id), { content: 'question four' });
    const seen = userTexts(llm).join('\n');
    for (const text of ['First answer.', 'Second answer.', 'offer the blue one', 'question via b', 'Answer from B.', 'question four']) expect(seen).toContain(text);
    expect((await staffMessages(httpA, session.id)).map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('a process gone between writing the turn and asking the model: the reply still ends settled, and the customer is told', async () => {
    const { session } = await createSession(httpA, agentId);
    // Begun as a send does, then abandoned: nothing in this process will ever finish it.
    const turn = await a.app.services.messages.beginAiTurn(session.id, 'anyone there?', 'crash-1', 'a-process-that-died');
    if (!turn) throw new Error('the turn did not take');
    const { message, reply } = await turn.stored;
    expect(reply).toMatchObject({ status: 'streaming', seq: message.seq + 1 });
    await new Promise((r) => setTimeout(r, 20));
    // The orphan sweep of any process (here the other one) settles it.
    expect(await b.app.services.runtime.settleOrphans(10)).toBe(1);
    const stored = await staffMessages(httpA, session.id);
    expect(stored.map((m) => [m.role, m.status ?? null])).toEqual([
      ['customer', null],
      ['agent', 'failed'],
      ['system', null],
    ]);
    expect(stored[1]).toMatchObject({ endReason: 'process_stopped' });
    expect(await getSession(httpA, session.id)).toMatchObject({ helpRequested: true });
  });
});
