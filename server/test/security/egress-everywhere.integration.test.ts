/**
 * One egress policy for every request the server makes to an address an admin typed in: tools
 * (see server/test/tools/egress), webhooks, voice call escalation and agents' own model
 * endpoints. Found broken: webhook URLs accepted loopback and metadata addresses and the
 * delivery log echoed each attempt's connect error (a port-probing oracle); an agent's
 * `llm.baseUrl` accepted file:, gopher:, data: and link-local addresses.
 */
import type { WebhookDeliveryDto } from '../../../shared/src/contract/types';
import { startFakeLlm, type FakeLlm } from '../support/fake-llm-server';
import { createAgent, createSession } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { waitUntil } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';

describe('egress: webhooks, call escalation and model endpoints go through the one policy', () => {
  let server: TestServer;
  let admin: HttpClient;
  let llm: FakeLlm;

  beforeAll(async () => {
    llm = await startFakeLlm();
    // Set but empty: nothing private or loopback may be reached (as in production by default).
    server = await startTestServer({ env: { EGRESS_ALLOW: '', WEBHOOK_POLL_MS: '200', WEBHOOK_RETRY_SCHEDULE_MS: '100' } });
    admin = httpClient(server.url, server.masterKey);
  });
  afterAll(async () => {
    await server?.close();
    await llm?.close();
  });

  it.each([
    ['http://127.0.0.1:9/hook'],
    ['http://[::1]:9/hook'],
    ['http://169.254.169.254/latest/meta-data/'],
    ['http://10.1.2.3/hook'],
    ['ftp://example.com/hook'],
  ])('a webhook to %s is refused when saved: 400 egress_refused naming url', async (url) => {
    const res = await admin.post<{ error: { code: string; field?: string } }>('/v1/webhooks', { url, types: ['session.created'] });
    expect(res.status).toBe(400);
    expect(['egress_refused', 'invalid_request']).toContain(res.body.error.code);
    expect(res.body.error.field).toBe('url');
    expect((await admin.get<{ webhooks: unknown[] }>('/v1/webhooks')).body.webhooks).toEqual([]);
  });

  it('a webhook whose name resolves to loopback is refused at connect time, and the log says only "refused by egress policy"', async () => {
    // A live server on that port: a probe would learn it is there if the log echoed the outcome.
    const saved = await admin.post<{ webhook: { id: string } }>('/v1/webhooks', { url: `http://localhost:${new URL(llm.url).port}/hook`, types: ['session.created'] });
    expect(saved.status).toBe(201);
    await createSession(admin, server.demoAgentId);
    const attempt = await waitUntil(async () => {
      const r = await admin.get<{ deliveries: WebhookDeliveryDto[] }>(`/v1/webhooks/${saved.body.webhook.id}/deliveries`);
      return r.body.deliveries[0]?.attempts[0] ?? null;
    }, 15_000, 100);
    expect(attempt.status).toBeNull();
    expect(attempt.error).toBe('refused by egress policy');
    await admin.delete(`/v1/webhooks/${saved.body.webhook.id}`);
  });

  it.each([
    ['llm.baseUrl', { llm: { provider: 'openai-compatible', model: 'm', baseUrl: 'file:///etc/passwd' } }],
    ['llm.baseUrl', { llm: { provider: 'openai-compatible', model: 'm', baseUrl: 'gopher://127.0.0.1:70/' } }],
    ['llm.baseUrl', { llm: { provider: 'openai-compatible', model: 'm', baseUrl: 'http://169.254.169.254/v1' } }],
    ['llm.baseUrl', { llm: { provider: 'openai-compatible', model: 'm', baseUrl: 'http://127.0.0.1:11434/v1' } }],
    ['callEscalation.webhookUrl', { callEscalation: { enabled: true, webhookUrl: 'http://[::1]:9/voice', secret: 'voice-secret-123456' } }],
  ])('an agent whose %s is not allowed is refused when saved, and nothing is stored', async (field, body) => {
    const before = (await admin.get<{ agents: unknown[] }>('/v1/agents')).body.agents.length;
    const res = await admin.post<{ error: { code: string; field?: string } }>('/v1/agents', { name: 'refused', ...body });
    expect(res.status).toBe(400);
    expect(['egress_refused', 'invalid_request']).toContain(res.body.error.code);
    expect(res.body.error.field).toBe(field);
    expect((await admin.get<{ agents: unknown[] }>('/v1/agents')).body.agents.length).toBe(before);
  });

  it("an agent's own model endpoint whose name resolves to loopback is refused when the model is called: the reply fails, nothing is sent there", async () => {
    const port = new URL(llm.url).port;
    const agent = await createAgent(admin, { llm: { provider: 'openai-compatible', model: 'm', baseUrl: `http://localhost:${port}/v1` } });
    const { session, customerToken } = await createSession(admin, agent.id);
    const before = llm.requests.length;
    const sent = await httpClient(server.url, customerToken).post<{ reply: { status: string } }>(`/v1/chat/sessions/${session.id}/messages`, { content: 'hello' });
    expect(sent.status).toBe(201);
    expect(sent.body.reply.status).toBe('failed');
    expect(llm.requests.length).toBe(before);
  });
});
