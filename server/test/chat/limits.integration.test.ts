import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { MessageDto } from '../../../shared/src/contract/types';
import type { ErrorBody } from '../../../shared/src/errors';
import type { StreamEnd } from '../../../shared/src/events';
import { startFakeLlm, type FakeLlm } from '../support/fake-llm-server';
import { createFakeLlmAgent, createSession, eventsOf, okAck, openWidget, staffMessages, widgetSend, type OpenWidget } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { delay, waitUntil } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';

const MAX_CHARS = 50;
const PER_SESSION = 3;
type ErrorResponse = { error: ErrorBody };

describe('limits', () => {
  let server: TestServer;
  let http: HttpClient;
  let llm: FakeLlm;
  let agentId: string;
  const open: OpenWidget[] = [];

  beforeAll(async () => {
    llm = await startFakeLlm();
    llm.setResponder(() => ({ tokens: ['ok'] }));
    server = await startTestServer({ env: { MAX_MESSAGE_CHARS: String(MAX_CHARS), RATE_MESSAGES_PER_MINUTE_SESSION: String(PER_SESSION) } });
    http = httpClient(server.url, server.masterKey);
    agentId = (await createFakeLlmAgent(http, llm.url)).id;
  });
  afterEach(() => open.splice(0).forEach((w) => w.socket.disconnect()));
  afterAll(async () => {
    await server.close();
    await llm.close();
  });

  const widget = async () => {
    const w = await openWidget(server.url, { agentId });
    open.push(w);
    return w;
  };

  describe('MAX_MESSAGE_CHARS', () => {
    const tooLong = 'x'.repeat(MAX_CHARS + 1);

    it('REST: 413 message_too_large naming the limit, nothing stored, the model not called', async () => {
      const { session } = await createSession(http, agentId);
      const requests = llm.requests.length;
      const res = await http.post<ErrorResponse>(`/v1/chat/sessions/${session.id}/messages`, { content: tooLong });
      expect(res.status).toBe(413);
      expect(res.body.error).toMatchObject({ code: 'message_too_large', field: 'content' });
      expect(res.body.error.message).toContain(String(MAX_CHARS));
      const exact = await http.post(`/v1/chat/sessions/${session.id}/messages`, { content: 'y'.repeat(MAX_CHARS) });
      expect(exact.status).toBe(201);
      expect((await staffMessages(http, session.id)).filter((m) => m.role === 'customer').map((m) => m.content.length)).toEqual([MAX_CHARS]);
      expect(llm.requests.length - requests).toBe(1);
    });

    it('REST with Accept: text/event-stream: still a plain 413 before any stream opens', async () => {
      const { session } = await createSession(http, agentId);
      const res = await http.post<ErrorResponse>(`/v1/chat/sessions/${session.id}/messages`, { content: tooLong }, { accept: 'text/event-stream' });
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('message_too_large');
      expect(await staffMessages(http, session.id)).toEqual([]);
    });

    it('widget: acks message_too_large and stores nothing', async () => {
      const w = await widget();
      const ack = await widgetSend(w.socket, { clientMessageId: 'big', content: tooLong });
      expect(ack).toMatchObject({ ok: false, error: { code: 'message_too_large' } });
      expect(await staffMessages(http, w.snapshot.session.id)).toEqual([]);
    });

    it('context over the limit of its own schema is refused too', async () => {
      const { session } = await createSession(http, agentId);
      const res = await http.post<ErrorResponse>(`/v1/chat/sessions/${session.id}/context`, { content: 'c'.repeat(20_001) });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_request', field: 'content' });
    });
  });

  describe('RATE_MESSAGES_PER_MINUTE_SESSION', () => {
    it('the widget send after the limit acks rate_limited with retryAfter; nothing stored, the model not called', async () => {
      const w = await widget();
      const requests = llm.requests.length;
      for (let i = 0; i < PER_SESSION; i++) {
        okAck(await widgetSend(w.socket, { clientMessageId: `ok-${i}`, content: `message ${i}` }));
      }
      await waitUntil(() => eventsOf<StreamEnd>(w, 'stream:end').length === PER_SESSION, 8_000);
      const refused = await widgetSend(w.socket, { clientMessageId: 'over', content: 'one too many' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
      if (refused.ok) return;
      expect(refused.error.retryAfter).toBeGreaterThanOrEqual(1);
      expect(refused.error.retryAfter).toBeLessThanOrEqual(60);
      await delay(200);

      const stored = await staffMessages(http, w.snapshot.session.id);
      expect(stored.filter((m) => m.role === 'customer').map((m) => m.content)).toEqual(['message 0', 'message 1', 'message 2']);
      expect(stored.some((m) => m.content === 'one too many')).toBe(false);
      expect(llm.requests.length - requests).toBe(PER_SESSION);
    });

    it('the limit is per session: another visitor is not affected', async () => {
      const a = await widget();
      for (let i = 0; i < PER_SESSION; i++) okAck(await widgetSend(a.socket, { clientMessageId: `a${i}`, content: 'hi' }));
      expect(await widgetSend(a.socket, { clientMessageId: 'a-over', content: 'hi' })).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
      const b = await widget();
      expect(await widgetSend(b.socket, { clientMessageId: 'b0', content: 'hi' })).toMatchObject({ ok: true });
    });

    it('a customer token over REST is limited the same way: 429 with Retry-After', async () => {
      const { session, customerToken } = await createSession(http, agentId);
      const customer = httpClient(server.url, customerToken);
      for (let i = 0; i < PER_SESSION; i++) expect((await customer.post(`/v1/chat/sessions/${session.id}/messages`, { content: `c${i}` })).status).toBe(201);
      const res = await customer.post<ErrorResponse>(`/v1/chat/sessions/${session.id}/messages`, { content: 'over' });
      expect(res.status).toBe(429);
      expect(res.body.error.code).toBe('rate_limited');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await staffMessages(http, session.id)).filter((m) => m.role === 'customer')).toHaveLength(PER_SESSION);
    });

    it('API-key REST traffic is not limited by the per-session rule', async () => {
      const { session } = await createSession(http, agentId);
      const sent: MessageDto[] = [];
      for (let i = 0; i < PER_SESSION + 3; i++) {
        const res = await http.post<{ message: MessageDto }>(`/v1/chat/sessions/${session.id}/messages`, { content: `gateway ${i}` });
        expect(res.status).toBe(201);
        sent.push(res.body.message);
      }
      expect((await staffMessages(http, session.id)).filter((m) => m.role === 'customer')).toHaveLength(PER_SESSION + 3);
    });
  });
});
