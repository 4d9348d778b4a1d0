import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { MessageDto } from '../../../shared/src/contract/types';
import type { StreamEnd } from '../../../shared/src/events';
import { createAgent, createSession, eventsOf, okAck, openWidget, refusedWith, staffMessages, widgetSend, widgetSince, type OpenWidget, type SendPayload } from '../support/factories';
import { io } from 'socket.io-client';
import { httpClient, type HttpClient } from '../support/http-client';
import { delay, waitUntil } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';

describe('/widget namespace', () => {
  let server: TestServer;
  let http: HttpClient;
  let agentId: string;
  const open: OpenWidget[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    http = httpClient(server.url, server.masterKey);
    agentId = (await createAgent(http, { name: 'Shop helper', greeting: 'Hello there!' })).id;
  });
  afterEach(() => open.splice(0).forEach((w) => w.socket.disconnect()));
  afterAll(() => server.close());

  const widget = async (auth: { agentId: string; customerToken?: string } = { agentId }, origin?: string) => {
    const w = await openWidget(server.url, auth, { origin });
    open.push(w);
    return w;
  };
  /** Sends a message and waits for the AI reply to end. */
  const converse = async (w: OpenWidget, content: string, clientMessageId: string) => {
    const endsBefore = eventsOf<StreamEnd>(w, 'stream:end').length;
    const ack = okAck(await widgetSend(w.socket, { clientMessageId, content }));
    await waitUntil(() => eventsOf<StreamEnd>(w, 'stream:end').length > endsBefore);
    return ack;
  };

  it('a handshake with only agentId creates a session and sends its snapshot with a customer token', async () => {
    const w = await widget();
    expect(w.snapshot.customerToken).toMatch(/^cst_/);
    expect(w.snapshot.agent).toEqual({ id: agentId, name: 'Shop helper', greeting: 'Hello there!', language: 'en' });
    expect(w.snapshot.session).toMatchObject({ agentId, status: 'active', mode: 'ai', helpRequested: false, lastSeq: 0 });
    expect(w.snapshot.messages).toEqual([]);
    const stored = await http.get<{ session: { id: string; customerId: string } }>(`/v1/chat/sessions/${w.snapshot.session.id}`);
    expect(stored.status).toBe(200);
    expect(stored.body.session.customerId).toMatch(/^visitor_/);
  });

  it('reconnecting with the token resumes the same session with its customer-visible history', async () => {
    const first = await widget();
    await converse(first, 'What are your opening hours?', 'h1');
    const sessionId = first.snapshot.session.id;
    await http.post(`/v1/chat/sessions/${sessionId}/whisper`, { content: 'staff-only whisper' });
    await http.post(`/v1/chat/sessions/${sessionId}/context`, { content: 'staff-only context' });
    first.socket.disconnect();

    const again = await widget({ agentId, customerToken: first.snapshot.customerToken });
    expect(again.snapshot.session.id).toBe(sessionId);
    expect(again.snapshot.customerToken).toBe(first.snapshot.customerToken);
    expect(again.snapshot.messages.map((m) => [m.seq, m.role])).toEqual([
      [1, 'customer'],
      [2, 'agent'],
    ]);
    expect(JSON.stringify(again.snapshot)).not.toContain('staff-only');
  });

  describe('refused handshakes', () => {
    it('a token of another agent’s session, or a garbage token: unauthorized', async () => {
      const otherAgent = await createAgent(http);
      const { customerToken } = await createSession(http, otherAgent.id);
      expect(await refusedWith(server.url, { agentId, customerToken })).toBe('unauthorized');
      expect(await refusedWith(server.url, { agentId, customerToken: 'cst_this_is_not_a_token' })).toBe('unauthorized');
    });

    it('an unknown agent: not_found; a malformed one: invalid_request', async () => {
      expect(await refusedWith(server.url, { agentId: '0123456789abcdef01234567' })).toBe('not_found');
      expect(await refusedWith(server.url, { agentId: 'nope' })).toBe('invalid_request');
    });

    it('$-keys in the handshake auth are refused', async () => {
      const auth = { agentId, metadata: { $gt: '' } };
      expect(await refusedWith(server.url, auth)).toBe('invalid_request');
    });

    it('allowedOrigins: a foreign Origin and a missing one are refused, the listed one accepted', async () => {
      const shop = await createAgent(http, { allowedOrigins: ['https://shop.example'] });
      expect(await refusedWith(server.url, { agentId: shop.id }, { origin: 'https://evil.example' })).toBe('origin_not_allowed');
      expect(await refusedWith(server.url, { agentId: shop.id })).toBe('origin_not_allowed');
      const before = (await http.get<{ sessions: unknown[] }>(`/v1/chat/sessions?agentId=${shop.id}`)).body.sessions.length;
      expect(before).toBe(0);
      const ok = await widget({ agentId: shop.id }, 'https://shop.example');
      expect(ok.snapshot.session.agentId).toBe(shop.id);
    });
  });

  it('message:send acks {ok, message, duplicate}; a retry with the same clientMessageId is a duplicate', async () => {
    const w = await widget();
    const first = await widgetSend(w.socket, { clientMessageId: 'dup-1', content: 'Hello' });
    expect(first).toMatchObject({ ok: true, duplicate: false, message: { role: 'customer', content: 'Hello', seq: 1, clientMessageId: 'dup-1' } });
    const retry = await widgetSend(w.socket, { clientMessageId: 'dup-1', content: 'Hello' });
    expect(retry).toMatchObject({ ok: true, duplicate: true });
    expect(okAck(retry).message.id).toBe(okAck(first).message.id);
    await waitUntil(() => eventsOf<StreamEnd>(w, 'stream:end').length === 1);
    await delay(100);
    const stored = await staffMessages(http, w.snapshot.session.id);
    expect(stored.filter((m) => m.role === 'customer')).toHaveLength(1);
    expect(stored.filter((m) => m.role === 'agent')).toHaveLength(1);
  });

  it('messages:since returns exactly the customer-visible messages after a seq, in order', async () => {
    const w = await widget();
    const sessionId = w.snapshot.session.id;
    await converse(w, 'first question', 's1'); // 1 customer, 2 agent
    await http.post(`/v1/chat/sessions/${sessionId}/whisper`, { content: 'hidden' }); // 3
    await http.post(`/v1/chat/sessions/${sessionId}/tell`, { content: 'Hi, Ana here' }); // 4
    await http.post(`/v1/chat/sessions/${sessionId}/context`, { content: 'hidden too' }); // 5
    await http.post(`/v1/chat/sessions/${sessionId}/messages`, { content: 'from another device' }); // 6, 7

    const since = okAck(await widgetSince(w.socket, 2)).messages;
    expect(since.map((m) => [m.seq, m.role])).toEqual([
      [4, 'operator'],
      [6, 'customer'],
      [7, 'agent'],
    ]);
    expect(okAck(await widgetSince(w.socket, 7)).messages).toEqual([]);
    expect(okAck(await widgetSince(w.socket, 0)).messages.map((m) => m.seq)).toEqual([1, 2, 4, 6, 7]);
  });

  it('a widget never receives another session’s events, nor staff-only messages of its own', async () => {
    const a = await widget();
    const b = await widget();
    await converse(a, 'private question about my order', 'iso-1');
    await http.post(`/v1/chat/sessions/${a.snapshot.session.id}/whisper`, { content: 'whisper for A' });
    await http.post(`/v1/chat/sessions/${a.snapshot.session.id}/context`, { content: 'context for A' });
    await http.post(`/v1/chat/sessions/${a.snapshot.session.id}/help`, { reason: 'x' });
    await waitUntil(() => a.log.some((e) => e.event === 'session:update' && (e.data as { helpRequested: boolean }).helpRequested));
    await delay(150);

    const aSession = a.snapshot.session.id;
    expect(JSON.stringify(b.log)).not.toContain(aSession);
    expect(b.log.map((e) => e.event)).toEqual(['session']);
    const seenByA = eventsOf<MessageDto>(a, 'message');
    expect(seenByA.map((m) => m.role)).toEqual(['customer']);
    expect(JSON.stringify(a.log)).not.toMatch(/whisper for A|context for A/);
  });

  describe('invalid payloads', () => {
    const bad: [string, unknown, string | undefined][] = [
      ['empty content', { clientMessageId: 'x1', content: '   ' }, 'content'],
      ['no clientMessageId', { content: 'hello' }, 'clientMessageId'],
      ['content of the wrong type', { clientMessageId: 'x2', content: { text: 'hi' } }, 'content'],
      ['not an object', 'hello', undefined],
      ['a $-key', { clientMessageId: 'x3', content: 'hi', $where: 'sleep(1000)' }, '$where'],
      ['a nested $-key', { clientMessageId: { $ne: null }, content: 'hi' }, 'clientMessageId.$ne'],
    ];

    it.each(bad)('message:send with %s acks invalid_request and stores nothing', async (_what, payload, field) => {
      const w = await widget();
      const ack = await widgetSend(w.socket, payload as SendPayload);
      expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
      if (field && !ack.ok) expect(ack.error.field).toBe(field);
      expect(await staffMessages(http, w.snapshot.session.id)).toEqual([]);
    });

    it('messages:since with a negative or missing afterSeq acks invalid_request', async () => {
      const w = await widget();
      expect(await widgetSince(w.socket, -1)).toMatchObject({ ok: false, error: { code: 'invalid_request', field: 'afterSeq' } });
      const missing = await w.socket.timeout(5_000).emitWithAck('messages:since', {} as { afterSeq: number });
      expect(missing).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    });
  });

  it('session:close ends the session; a later send acks session_closed and stores nothing', async () => {
    const w = await widget();
    const closed = await w.socket.timeout(5_000).emitWithAck('session:close', {});
    expect(closed).toMatchObject({ ok: true, session: { status: 'closed' } });
    const late = await widgetSend(w.socket, { clientMessageId: 'late', content: 'anyone?' });
    expect(late).toMatchObject({ ok: false, error: { code: 'session_closed' } });
    expect(await staffMessages(http, w.snapshot.session.id)).toEqual([]);
  });

  it('a client that starts with HTTP long-polling upgrades to a websocket and keeps its session', async () => {
    const socket = io(`${server.url}/widget`, { forceNew: true, reconnection: false, transports: ['polling', 'websocket'], auth: { agentId } });
    // The transport it opened with, once it has upgraded.
    const upgradedFrom = new Promise<string>((resolve) => {
      socket.io.once('open', () => {
        const first = socket.io.engine.transport.name;
        socket.io.engine.once('upgrade', () => resolve(first));
      });
    });
    try {
      const snapshot = await new Promise<{ session: { id: string } }>((resolve, reject) => {
        socket.once('session', resolve);
        socket.once('connect_error', reject);
      });
      expect(await upgradedFrom).toBe('polling');
      expect(socket.io.engine.transport.name).toBe('websocket');
      const ack = okAck(await socket.timeout(5_000).emitWithAck('message:send', { clientMessageId: 'after-upgrade', content: 'still here?' }));
      expect(ack.message).toMatchObject({ role: 'customer', content: 'still here?' });
      expect((await staffMessages(http, snapshot.session.id)).map((m) => m.content)).toContain('still here?');
    } finally {
      socket.disconnect();
    }
  });
});
