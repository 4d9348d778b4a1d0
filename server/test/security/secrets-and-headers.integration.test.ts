/**
 * Credentials and browser-facing hardening (issue "Scale and reliability" §4):
 * - no secret (API key, password, login token, customer token) is ever written to the logs,
 *   even at LOG_LEVEL=debug, and credentials are read from headers and socket `auth` only,
 *   never from a URL's query string;
 * - hostile text (XSS) in names, ids, metadata and content comes back as the same JSON string,
 *   and the HTML transcript escapes it;
 * - security headers on REST, /console and /demo.
 */
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import type { AgentDto, SessionDto } from '../../../shared/src/contract/types';
import { createAgent, openWidget, widgetSend } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { startServerProcess, type ServerProcess } from '../support/processes';
import { connected, eventsClient, operatorClient } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';

const XSS = '<img src=x onerror="alert(1)"><script>alert(1)</script>"\'&';

describe('abuse: no credential in logs or URLs', () => {
  const masterKey = `sk_master_${randomUUID().replace(/-/g, '')}`;
  let proc: ServerProcess;
  let master: HttpClient;

  beforeAll(async () => {
    proc = await startServerProcess({ LOG_LEVEL: 'debug', CHAT_MASTER_KEY: masterKey, SEED_DEMO: 'false', DATA_DIR: `/tmp/sb-abuse-logs-${randomUUID()}` });
    master = httpClient(proc.url, masterKey);
  }, 30_000);
  afterAll(async () => {
    await proc?.stop();
  });

  it('a debug-level log of logins, API keys, customer tokens and their failures holds none of the secrets', async () => {
    const created = await master.post<{ key: string }>('/v1/api-keys', { name: 'logged?' });
    const apiKey = created.body.key;
    expect(apiKey).toMatch(/^sk_/);
    const password = `pw-${randomUUID()}`;
    const email = `op-${randomUUID().slice(0, 8)}@example.com`;
    expect((await httpClient(proc.url, apiKey).post('/v1/operators', { email, name: 'Op', password })).status).toBe(201);
    const login = await httpClient(proc.url).post<{ token: string }>('/v1/auth/login', { email, password });
    const loginToken = login.body.token;
    expect(loginToken).toBeTruthy();
    const operator = httpClient(proc.url, loginToken);
    expect((await operator.get('/v1/auth/me')).status).toBe(200);
    const agent = await createAgent(httpClient(proc.url, apiKey));
    const session = await httpClient(proc.url, apiKey).post<{ session: SessionDto; customerToken: string }>('/v1/chat/sessions', { agentId: agent.id, customerId: 'c-logs' });
    const customerToken = session.body.customerToken;
    expect((await httpClient(proc.url, customerToken).get(`/v1/chat/sessions/${session.body.session.id}`)).status).toBe(200);

    const w = await openWidget(proc.url, { agentId: agent.id, customerToken });
    expect((await widgetSend(w.socket, { clientMessageId: randomUUID(), content: 'hello' })).ok).toBe(true);
    w.socket.disconnect();
    const op = operatorClient(proc.url, loginToken);
    await connected(op);
    op.disconnect();
    const ev = eventsClient(proc.url, apiKey);
    await connected(ev);
    ev.disconnect();

    // Failures log too: a wrong password, forged keys and tokens.
    const wrongPassword = `wrong-${randomUUID()}`;
    expect((await httpClient(proc.url).post('/v1/auth/login', { email, password: wrongPassword })).status).toBe(401);
    const forgedKey = `sk_${randomUUID().replace(/-/g, '')}`;
    expect((await httpClient(proc.url, forgedKey).get('/v1/agents')).status).toBe(401);
    const forgedToken = `cst_${randomUUID().replace(/-/g, '')}`;
    expect((await httpClient(proc.url, forgedToken).get(`/v1/chat/sessions/${session.body.session.id}`)).status).toBe(401);
    const badOp = operatorClient(proc.url, `${loginToken}x`);
    await expect(connected(badOp)).rejects.toThrow();
    badOp.disconnect();

    await new Promise((r) => setTimeout(r, 300));
    const out = proc.output();
    expect(out).toContain('switchboard ready'); // the log was captured
    for (const secret of [masterKey, apiKey, password, loginToken, customerToken, wrongPassword, forgedKey, forgedToken]) {
      expect({ secret: secret.slice(0, 6), inLog: out.includes(secret) }).toEqual({ secret: secret.slice(0, 6), inLog: false });
    }
    // Nor the part after a recognisable prefix (a truncated secret is still a leak).
    expect(out).not.toContain(apiKey.slice(12));
    expect(out).not.toContain(customerToken.slice(12));
  });

  it('credentials in the query string are not accepted: REST and every socket namespace', async () => {
    const created = await master.post<{ key: string }>('/v1/api-keys', { name: 'query' });
    const apiKey = created.body.key;
    for (const q of [`api_key=${apiKey}`, `apiKey=${apiKey}`, `token=${apiKey}`, `access_token=${apiKey}`]) {
      // Refused either way: an undeclared query parameter is 400 naming it (before any credential is looked at), never read as a credential.
      const res = await httpClient(proc.url).get<{ error: { code: string } }>(`/v1/agents?${q}`);
      expect([res.status, res.body.error.code]).toEqual([400, 'invalid_request']);
    }
    const base = { transports: ['websocket'], forceNew: true, reconnection: false };
    const events = io(`${proc.url}/events`, { ...base, query: { apiKey } });
    await expect(connected(events)).rejects.toThrow();
    events.disconnect();
    const login = await master.post<{ token: string }>('/v1/auth/login', {});
    expect(login.status).toBe(400);
  });
});

describe('abuse: hostile text and security headers', () => {
  let server: TestServer;
  let http: HttpClient;
  let agent: AgentDto;

  beforeAll(async () => {
    server = await startTestServer();
    http = httpClient(server.url, server.masterKey);
    agent = await createAgent(http, { name: `Agent ${XSS}`, greeting: `Hi ${XSS}` });
  }, 30_000);
  afterAll(async () => {
    await server?.close();
  });

  it('GET /metrics is off without METRICS_TOKEN, even for the master key', async () => {
    const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${server.masterKey}` } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/METRICS_TOKEN/);
  });

  it('XSS payloads in agent name, customerId, metadata and content come back as the same JSON strings', async () => {
    const created = await http.post<{ session: SessionDto; customerToken: string }>('/v1/chat/sessions', { agentId: agent.id, customerId: `cust${XSS}`, metadata: { [`k${XSS}`]: XSS, nested: { html: XSS } } });
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toMatch(/^application\/json/);
    const id = created.body.session.id;
    const sent = await http.post(`/v1/chat/sessions/${id}/messages`, { content: XSS });
    expect(sent.status).toBe(201);
    const session = await http.get<{ session: SessionDto }>(`/v1/chat/sessions/${id}`);
    expect(session.body.session.customerId).toBe(`cust${XSS}`);
    expect(session.body.session.metadata).toEqual({ [`k${XSS}`]: XSS, nested: { html: XSS } });
    const a = await http.get<{ agent: AgentDto }>(`/v1/agents/${agent.id}`);
    expect(a.body.agent.name).toBe(`Agent ${XSS}`);
    const messages = await http.get<{ messages: { role: string; content: string }[] }>(`/v1/chat/sessions/${id}/messages`);
    expect(messages.body.messages.find((m) => m.role === 'customer')?.content).toBe(XSS);
    // The widget snapshot carries the agent's name and greeting as plain strings too.
    const w = await openWidget(server.url, { agentId: agent.id, customerToken: created.body.customerToken });
    expect(w.snapshot.agent).toMatchObject({ name: `Agent ${XSS}`, greeting: `Hi ${XSS}` });
    w.socket.disconnect();
    // The HTML transcript is markup: there the text must be escaped.
    const html = await fetch(`${server.url}/v1/chat/sessions/${id}/transcript?format=html`, { headers: { authorization: `Bearer ${server.masterKey}` } });
    expect(html.status).toBe(200);
    const body = await html.text();
    expect(body).not.toContain('<script>alert(1)</script>');
    expect(body).not.toContain('<img src=x');
    expect(body).toContain('&lt;script&gt;');
  });

  const pages: [string, string][] = [
    ['REST', '/v1/agents'],
    ['REST error', '/v1/nowhere'],
    ['console', '/console'],
    ['demo', `/demo`],
  ];

  it.each(pages)('security headers on %s (%s)', async (_what, path) => {
    const res = await fetch(`${server.url}${path === '/demo' ? `/demo?agent=${agent.id}` : path}`, { headers: { authorization: `Bearer ${server.masterKey}` } });
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/frame-ancestors 'self'/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
