import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createSession } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { nextEvent, waitUntil, widgetClient, type WidgetClient } from '../support/socket-clients';
import { startReceiver } from '../support/integrator';
import { startTestServer, type TestServer } from '../support/test-server';

const TOKEN = 'metrics-token-0123456789abcdef';

/** The value of one series in Prometheus' text format (`name{labels} value`), or null. */
function series(text: string, name: string, labels = ''): number | null {
  const line = text.split('\n').find((l) => l.startsWith(labels ? `${name}{${labels}} ` : `${name} `));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : null;
}

describe('GET /metrics (Prometheus)', () => {
  let server: TestServer;
  let admin: HttpClient;
  let widget: WidgetClient | undefined;

  beforeAll(async () => {
    server = await startTestServer({ env: { METRICS_TOKEN: TOKEN, RATE_LOGIN_PER_15_MIN: '2' } });
    admin = httpClient(server.url, server.masterKey);
  });
  afterAll(async () => {
    widget?.close();
    await server.close();
  });

  const scrape = async (token = TOKEN) => fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });

  it('counts requests by route, live sockets, replies with their latency, and stored messages', async () => {
    const { session } = await createSession(admin, server.demoAgentId);
    const sent = await admin.post(`/v1/chat/sessions/${session.id}/messages`, { content: 'What are your opening hours?' });
    expect(sent.status).toBe(201);
    widget = widgetClient(server.url, { agentId: server.demoAgentId });
    await nextEvent(widget, 'session');

    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(series(text, 'switchboard_http_requests_total', 'method="POST",route="/v1/chat/sessions/:id/messages",status="201"')).toBe(1);
    expect(text).not.toContain(session.id);
    expect(series(text, 'switchboard_socket_connections', 'namespace="widget"')).toBe(1);
    expect(series(text, 'switchboard_ai_replies_total', 'status="complete"')).toBe(1);
    expect(series(text, 'switchboard_ai_replies_in_progress')).toBe(0);
    expect(series(text, 'switchboard_ai_first_token_seconds_count')).toBe(1);
    expect(series(text, 'switchboard_ai_deltas_streamed_total')).toBeGreaterThan(0);
    expect(series(text, 'switchboard_messages_stored_total', 'role="customer"')).toBe(1);
    expect(series(text, 'switchboard_nodejs_eventloop_lag_p99_seconds')).not.toBeNull();
  });

  it('counts refusals by limit and webhook attempts by outcome', async () => {
    const receiver = await startReceiver();
    try {
      expect((await admin.post('/v1/webhooks', { url: `${receiver.url}/hook`, types: ['session.created'] })).status).toBe(201);
      await createSession(admin, server.demoAgentId);
      await waitUntil(() => receiver.requests.length > 0);
      const login = httpClient(server.url);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await login.post('/v1/auth/login', { email: 'nobody@example.com', password: 'wrong password' })).status);
      expect(statuses).toContain(429);
      const text = await waitUntil(async () => {
        const body = await (await scrape()).text();
        return (series(body, 'switchboard_webhook_attempts_total', 'outcome="succeeded"') ?? 0) >= 1 ? body : null;
      });
      expect(series(text, 'switchboard_rate_limited_total', 'limit="login"')).toBeGreaterThanOrEqual(1);
    } finally {
      await receiver.close();
    }
  });

  it("measures how long customers waited for a person: a help request until the takeover, a message until it was answered", async () => {
    const { session, customerToken } = await createSession(admin, server.demoAgentId);
    expect((await admin.post(`/v1/chat/sessions/${session.id}/help`, { reason: 'wants a person' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect((await admin.post(`/v1/chat/sessions/${session.id}/takeover`)).status).toBe(200);
    const customer = httpClient(server.url, customerToken);
    expect((await customer.post(`/v1/chat/sessions/${session.id}/messages`, { content: 'Hello?' })).status).toBe(201);
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await customer.post(`/v1/chat/sessions/${session.id}/messages`, { content: 'Anyone?' })).status).toBe(201);
    expect((await admin.post(`/v1/chat/sessions/${session.id}/tell`, { content: 'Here! Sorry for the wait.' })).status).toBe(201);
    expect((await admin.post(`/v1/chat/sessions/${session.id}/tell`, { content: 'How can I help?' })).status).toBe(201);

    const text = await waitUntil(async () => {
      const body = await (await scrape()).text();
      return series(body, 'switchboard_customer_wait_seconds_count') === 1 ? body : null;
    });
    // Measured from "Hello?", not "Anyone?"; the second tell answered nothing new.
    expect(series(text, 'switchboard_customer_wait_seconds_sum')).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(series(await (await scrape()).text(), 'switchboard_customer_wait_seconds_count')).toBe(1);
    expect(series(text, 'switchboard_customer_wait_seconds_bucket', 'le="5"')).toBe(1);
    // The help request waited half a second for the takeover.
    expect(series(text, 'switchboard_help_wait_seconds_count')).toBe(1);
    expect(series(text, 'switchboard_help_wait_seconds_sum')).toBeGreaterThanOrEqual(0.4);
  });

  it('answers only to its token', async () => {
    for (const res of [await scrape('wrong-token-0123456789abcdef'), await fetch(`${server.url}/metrics`), await scrape(server.masterKey)]) {
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
  });
});
