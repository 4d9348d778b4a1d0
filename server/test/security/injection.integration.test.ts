/**
 * Operator injection and prototype pollution (issue "Scale and reliability" §4): a `$`-key or a
 * `__proto__`/`constructor` key anywhere in a REST JSON body, a widget event or an operator
 * event is refused as `invalid_request`, changes nothing, and never reaches Object.prototype.
 * The server runs in this process, so a polluted prototype would show up right here.
 */
import type { AgentDto, SessionDto } from '../../../shared/src/contract/types';
import { createAgent, createSession, getSession, openWidget, staffMessages, type OpenWidget } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { connected, operatorClient, widgetClient, type OperatorClient } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';

/** A JSON text with `key` as an own key in front of `body`'s keys (JSON.stringify cannot write `__proto__` from a literal). */
function withKey(body: Record<string, unknown>, key: string, value: unknown): string {
  const rest = JSON.stringify(body).slice(1);
  return `{${JSON.stringify(key)}:${JSON.stringify(value)}${rest === '}' ? '}' : `,${rest}`}`;
}

/** The same, parsed: an object with an own `__proto__`/`constructor` key, as a socket client would send it. */
const parsedWithKey = (body: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> => JSON.parse(withKey(body, key, value)) as Record<string, unknown>;

const POLLUTION = { polluted: 'yes' };
const HOSTILE_KEYS: [string, unknown][] = [
  ['$where', 'sleep(1000)'],
  ['$set', { status: 'closed', mode: 'support' }],
  ['__proto__', POLLUTION],
  ['constructor', { prototype: POLLUTION }],
];

function expectUnpolluted(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect((Object.prototype as Record<string, unknown>).status).toBeUndefined();
}

describe('abuse: $-operators and prototype keys', () => {
  let server: TestServer;
  let http: HttpClient;
  let agent: AgentDto;
  let session: SessionDto;
  let customerToken: string;
  let operatorToken: string;

  beforeAll(async () => {
    server = await startTestServer();
    http = httpClient(server.url, server.masterKey);
    agent = await createAgent(http, { name: 'injection target' });
    ({ session, customerToken } = await createSession(http, agent.id, { metadata: { plan: 'free' } }));
    const login = await httpClient(server.url).post<{ token: string }>('/v1/auth/login', server.admin);
    operatorToken = login.body.token;
  }, 30_000);
  afterAll(async () => {
    await server?.close();
  });
  afterEach(expectUnpolluted);

  const restBodies = (): [string, string, Record<string, unknown>][] => [
    ['POST', '/v1/agents', { name: 'x' }],
    ['PATCH', `/v1/agents/${agent.id}`, { name: 'renamed' }],
    ['POST', '/v1/knowledge-bases', { name: 'kb' }],
    ['POST', '/v1/operators', { email: 'new@example.com', name: 'New', password: 'long-enough-1' }],
    ['POST', '/v1/api-keys', { name: 'key' }],
    ['POST', '/v1/chat/sessions', { agentId: agent.id, customerId: 'c1' }],
    ['PATCH', `/v1/chat/sessions/${session.id}`, { metadata: { plan: 'pro' } }],
    ['POST', `/v1/chat/sessions/${session.id}/messages`, { content: 'hi', clientMessageId: 'm1' }],
    ['POST', `/v1/chat/sessions/${session.id}/context`, { content: 'ctx' }],
    ['POST', `/v1/chat/sessions/${session.id}/whisper`, { content: 'psst' }],
    ['POST', `/v1/chat/sessions/${session.id}/tell`, { content: 'hello' }],
    ['POST', `/v1/chat/sessions/${session.id}/takeover`, {}],
    ['POST', `/v1/chat/sessions/${session.id}/close`, {}],
    ['POST', `/v1/chat/sessions/${session.id}/help`, { reason: 'r' }],
    ['POST', `/v1/chat/sessions/${session.id}/calls`, { phone: '+14155550123' }],
    ['POST', `/v1/agents/${agent.id}/canned-replies`, { shortcut: 'hi', text: 'Hello' }],
  ];

  it('every REST JSON body kind: 400 invalid_request, at the top level and nested', async () => {
    for (const [method, path, body] of restBodies()) {
      for (const [key, value] of HOSTILE_KEYS) {
        for (const text of [withKey(body, key, value), JSON.stringify({ ...body, nested: [{ deep: JSON.parse(withKey({}, key, value)) as unknown }] })]) {
          const res = await http.request<{ error: { code: string; field?: string } }>(method, path, text);
          expect({ method, path, key, status: res.status, code: res.body.error?.code }).toEqual({ method, path, key, status: 400, code: 'invalid_request' });
        }
      }
    }
    // The login route is public: refused the same way, before any credential check.
    const login = await httpClient(server.url).request<{ error: { code: string } }>('POST', '/v1/auth/login', withKey({ email: server.admin.email }, 'password', { $ne: null }));
    expect(login.status).toBe(400);
    expect(login.body.error.code).toBe('invalid_request');
  });

  it('…and nothing was changed: the agent, the session, its messages, the keys and operators', async () => {
    const agentNow = await http.get<{ agent: AgentDto }>(`/v1/agents/${agent.id}`);
    expect(agentNow.body.agent.name).toBe('injection target');
    const now = await getSession(http, session.id);
    expect(now).toMatchObject({ status: 'active', mode: 'ai', helpRequested: false, metadata: { plan: 'free' } });
    expect(await staffMessages(http, session.id)).toEqual([]);
    const keys = await http.get<{ apiKeys: unknown[] }>('/v1/api-keys');
    expect(keys.body.apiKeys).toEqual([]);
    const agents = await http.get<{ agents: AgentDto[] }>('/v1/agents');
    expect(agents.body.agents.map((a) => a.name)).not.toContain('x');
  });

  describe('socket payloads', () => {
    let w: OpenWidget;
    let op: OperatorClient;
    beforeAll(async () => {
      w = await openWidget(server.url, { agentId: agent.id, customerToken });
      op = operatorClient(server.url, operatorToken);
      await connected(op);
    });
    afterAll(() => {
      w?.socket.disconnect();
      op?.disconnect();
    });

    const widgetEvents: [string, Record<string, unknown>][] = [
      ['message:send', { clientMessageId: 'w1', content: 'hi' }],
      ['messages:since', { afterSeq: 0 }],
      ['help:request', { reason: 'r' }],
      ['typing', { active: true }],
      ['call:accept', { phone: '+14155550123' }],
      ['session:close', {}],
    ];

    it('every widget event: acks invalid_request for each hostile key', async () => {
      for (const [event, body] of widgetEvents) {
        for (const [key, value] of HOSTILE_KEYS) {
          for (const payload of [parsedWithKey(body, key, value), { ...body, nested: parsedWithKey({}, key, value) }]) {
            const ack = (await w.socket.timeout(5_000).emitWithAck(event as 'typing', payload as never)) as { ok: boolean; error?: { code: string } };
            expect({ event, key, ack }).toEqual({ event, key, ack: { ok: false, error: expect.objectContaining({ code: 'invalid_request' }) } });
          }
        }
      }
    });

    const operatorEvents = (): [string, Record<string, unknown>][] => [
      ['sessions:watch', { filters: {} }],
      ['session:join', { sessionId: session.id }],
      ['session:leave', { sessionId: session.id }],
      ['whisper', { sessionId: session.id, content: 'psst' }],
      ['tell', { sessionId: session.id, content: 'hello' }],
      ['takeover', { sessionId: session.id }],
      ['release', { sessionId: session.id }],
      ['help:resolve', { sessionId: session.id }],
      ['session:close', { sessionId: session.id }],
      ['typing', { sessionId: session.id, active: true }],
    ];

    it('every operator event: acks invalid_request for each hostile key, also as an operator-shaped sessionId', async () => {
      for (const [event, body] of operatorEvents()) {
        const variants = HOSTILE_KEYS.map(([key, value]) => [key, parsedWithKey(body, key, value)] as const);
        if ('sessionId' in body) variants.push(['sessionId.$ne', { ...body, sessionId: { $ne: null } }]);
        for (const [key, payload] of variants) {
          const ack = (await op.timeout(5_000).emitWithAck(event as 'typing', payload as never)) as { ok: boolean; error?: { code: string } };
          expect({ event, key, ack }).toEqual({ event, key, ack: { ok: false, error: expect.objectContaining({ code: 'invalid_request' }) } });
        }
      }
    });

    it('the handshake: a __proto__ or constructor key in the widget auth is refused', async () => {
      for (const [key, value] of HOSTILE_KEYS.slice(2)) {
        const socket = widgetClient(server.url, parsedWithKey({ agentId: agent.id }, key, value) as never);
        await expect(connected(socket)).rejects.toThrow('invalid_request');
        socket.disconnect();
      }
    });

    it('…and after all of it the session is untouched and the sockets still work', async () => {
      expect(await getSession(http, session.id)).toMatchObject({ status: 'active', mode: 'ai', helpRequested: false, metadata: { plan: 'free' } });
      expect(await staffMessages(http, session.id)).toEqual([]);
      const ok = await op.timeout(5_000).emitWithAck('session:join', { sessionId: session.id });
      expect(ok).toMatchObject({ ok: true });
      const since = await w.socket.timeout(5_000).emitWithAck('messages:since', { afterSeq: 0 });
      expect(since).toMatchObject({ ok: true, messages: [] });
    });
  });
});
