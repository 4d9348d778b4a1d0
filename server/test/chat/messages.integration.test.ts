import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { MessageDto } from '../../../shared/src/contract/types';
import type { ErrorBody } from '../../../shared/src/errors';
import type { StreamDelta, StreamEnd, StreamStart } from '../../../shared/src/events';
import { startFakeLlm, type FakeLlm } from '../support/fake-llm-server';
import { createFakeLlmAgent, createSession, getSession, parseSse, staffMessages } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { startTestServer, type TestServer } from '../support/test-server';

type Sent = { message: MessageDto; reply: MessageDto | null; duplicate: boolean };
type ErrorResponse = { error: ErrorBody };
const messagesOf = (sessionId: string) => `/v1/chat/sessions/${sessionId}/messages`;

describe('messages over REST', () => {
  let server: TestServer;
  let http: HttpClient;
  let llm: FakeLlm;
  let agentId: string;

  beforeAll(async () => {
    llm = await startFakeLlm();
    server = await startTestServer();
    http = httpClient(server.url, server.masterKey);
    agentId = (await createFakeLlmAgent(http, llm.url)).id;
  });
  afterAll(async () => {
    await server.close();
    await llm.close();
  });
  beforeEach(() => llm.setResponder(() => ({ tokens: ['Sure', ', ', 'done', '.'] })));

  it('answers {message, reply}: the stored customer message and the complete AI reply', async () => {
    const { session } = await createSession(http, agentId);
    const res = await http.post<Sent>(messagesOf(session.id), { content: '  Where is my order?  ' });
    expect(res.status).toBe(201);
    expect(res.body.duplicate).toBe(false);
    expect(res.body.message).toMatchObject({ sessionId: session.id, seq: 1, role: 'customer', content: 'Where is my order?' });
    expect(res.body.reply).toMatchObject({ sessionId: session.id, seq: 2, role: 'agent', status: 'complete', content: 'Sure, done.' });
    expect(await staffMessages(http, session.id)).toEqual([res.body.message, res.body.reply]);
    expect(await getSession(http, session.id)).toMatchObject({ lastSeq: 2, status: 'active' });
  });

  it('numbers each session on its own: 1, 2, 3 … with no gaps, oldest first', async () => {
    const a = (await createSession(http, agentId)).session.id;
    const b = (await createSession(http, agentId)).session.id;
    for (const text of ['one', 'two', 'three']) {
      expect((await http.post(messagesOf(a), { content: text })).status).toBe(201);
    }
    expect((await http.post(messagesOf(b), { content: 'solo' })).status).toBe(201);
    const inA = await staffMessages(http, a);
    expect(inA.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(inA.map((m) => m.role)).toEqual(['customer', 'agent', 'customer', 'agent', 'customer', 'agent']);
    expect((await staffMessages(http, b)).map((m) => m.seq)).toEqual([1, 2]);
    const after = await staffMessages(http, a, '?afterSeq=2&limit=3');
    expect(after.map((m) => m.seq)).toEqual([3, 4, 5]);
  });

  it('rejects empty or invalid content with 400 naming the field', async () => {
    const { session } = await createSession(http, agentId);
    for (const body of [{ content: '   ' }, {}, { content: 7 }]) {
      const res = await http.post<ErrorResponse>(messagesOf(session.id), body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_request', field: 'content' });
    }
    expect(await staffMessages(http, session.id)).toEqual([]);
  });

  it('stores a retried clientMessageId once and answers it once', async () => {
    const { session } = await createSession(http, agentId);
    const first = await http.post<Sent>(messagesOf(session.id), { content: 'hi', clientMessageId: 'c-1' });
    const retry = await http.post<Sent>(messagesOf(session.id), { content: 'hi', clientMessageId: 'c-1' });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ duplicate: true, reply: null });
    expect(retry.body.message).toEqual(first.body.message);
    expect(first.body.message.clientMessageId).toBe('c-1');
    const stored = await staffMessages(http, session.id);
    expect(stored.filter((m) => m.role === 'customer')).toHaveLength(1);
    expect(stored.filter((m) => m.role === 'agent')).toHaveLength(1);
  });

  it('stores one message when 5 identical POSTs race', async () => {
    // Regression: each losing retry used to allocate a seq of its own, so the reply came out as seq 6.
    const { session } = await createSession(http, agentId);
    const requestsBefore = llm.requests.length;
    const results = await Promise.all(Array.from({ length: 5 }, () => http.post<Sent>(messagesOf(session.id), { content: 'race', clientMessageId: 'same' })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(results.filter((r) => r.body.duplicate)).toHaveLength(4);
    expect(new Set(results.map((r) => r.body.message.id)).size).toBe(1);
    const stored = await staffMessages(http, session.id);
    expect(stored.filter((m) => m.role === 'customer')).toHaveLength(1);
    expect(stored.filter((m) => m.role === 'agent')).toHaveLength(1);
    expect(llm.requests.length - requestsBefore).toBe(1);
    expect(stored.map((m) => m.seq)).toEqual([1, 2]);
    // The same id on another session is a different message.
    const other = (await createSession(http, agentId)).session.id;
    expect((await http.post<Sent>(messagesOf(other), { content: 'race', clientMessageId: 'same' })).body.duplicate).toBe(false);
  });

  it('injects context the model sees and the customer does not', async () => {
    const { session, customerToken } = await createSession(http, agentId);
    const ctx = await http.post<{ message: MessageDto }>(`/v1/chat/sessions/${session.id}/context`, { content: 'Order 5521 shipped on Monday', source: 'crm' });
    expect(ctx.status).toBe(201);
    expect(ctx.body.message).toMatchObject({ role: 'context', source: 'crm', seq: 1, content: 'Order 5521 shipped on Monday' });

    const n = llm.requests.length + 1;
    await http.post<Sent>(messagesOf(session.id), { content: 'Where is my order?' });
    const request = await llm.waitForRequest(n);
    const seen = JSON.stringify(request.messages);
    expect(seen).toContain('Order 5521 shipped on Monday');
    expect(seen).toContain('Where is my order?');

    const customer = httpClient(server.url, customerToken);
    const visible = await customer.get<{ messages: MessageDto[] }>(messagesOf(session.id));
    expect(visible.body.messages.map((m) => m.role)).toEqual(['customer', 'agent']);
    expect(JSON.stringify(visible.body)).not.toContain('5521');
    const bad = await http.post<ErrorResponse>(`/v1/chat/sessions/${session.id}/context`, { content: '' });
    expect(bad.body.error).toMatchObject({ code: 'invalid_request', field: 'content' });
  });

  it('streams the reply as server-sent events with Accept: text/event-stream', async () => {
    llm.setResponder(() => ({ tokens: ['Streaming ', 'works ', 'fine'], delayMs: 20 }));
    const { session } = await createSession(http, agentId);
    const res = await fetch(`${server.url}${messagesOf(session.id)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.masterKey}`, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ content: 'stream please', clientMessageId: 'sse-1' }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = parseSse(await res.text());
    expect(events.map((e) => e.event)).toEqual(['message', 'stream:start', 'stream:delta', 'stream:delta', 'stream:delta', 'stream:end', 'done']);

    const first = events[0].data as { message: MessageDto; duplicate: boolean };
    expect(first).toMatchObject({ duplicate: false, message: { role: 'customer', content: 'stream please', seq: 1 } });
    const start = events[1].data as StreamStart;
    expect(start.seq).toBe(2);
    const deltas = events.filter((e) => e.event === 'stream:delta').map((e) => e.data as StreamDelta);
    expect(deltas.map((d) => d.index)).toEqual([0, 1, 2]);
    expect(deltas.every((d) => d.messageId === start.messageId)).toBe(true);
    expect(deltas.map((d) => d.text).join('')).toBe('Streaming works fine');
    const end = events[5].data as StreamEnd;
    expect(end).toMatchObject({ messageId: start.messageId, status: 'complete', message: { content: 'Streaming works fine' } });
    expect(events[6].data).toMatchObject({ reply: { id: start.messageId, status: 'complete' } });
    const stored = await staffMessages(http, session.id);
    expect(stored[1]).toMatchObject({ id: start.messageId, content: 'Streaming works fine', status: 'complete' });
  });

  it('answers plain JSON errors before a stream opens (closed session)', async () => {
    const { session } = await createSession(http, agentId);
    await http.post(`/v1/chat/sessions/${session.id}/close`);
    const res = await http.post<ErrorResponse>(messagesOf(session.id), { content: 'x' }, { accept: 'text/event-stream' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('session_closed');
  });
});
