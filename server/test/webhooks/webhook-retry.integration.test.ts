import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ApiKeyDto, WebhookDeliveryDto, WebhookDto } from '../../../shared/src/contract/types';
import { httpClient, type HttpClient } from '../support/http-client';
import { createStaff } from '../support/operator-helpers';
import { waitUntil } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';
import { createAgent, createSession, envelopeOf, startReceiver, uniq, type Receiver } from '../support/integrator';

/** One retry after the first attempt, quickly: a delivery gives up after two tries. */
const RETRY_MS = [100];

describe('retrying a failed webhook delivery over REST', () => {
  let server: TestServer;
  let admin: HttpClient;
  let receiver: Receiver;
  let agentId: string;

  beforeAll(async () => {
    // Loopback is allowed explicitly (the test server's EGRESS_ALLOW); the poll is far away, so the retry must wake the dispatcher itself.
    server = await startTestServer({ env: { WEBHOOK_RETRY_SCHEDULE_MS: RETRY_MS.join(','), WEBHOOK_POLL_MS: '60000', EGRESS_ALLOW: '127.0.0.0/8,::1,localhost' } });
    admin = httpClient(server.url, server.masterKey);
    receiver = await startReceiver();
    agentId = (await createAgent(admin)).id;
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });

  const deliveries = async (id: string) => (await admin.get<{ deliveries: WebhookDeliveryDto[] }>(`/v1/webhooks/${id}/deliveries`)).body.deliveries;
  const retryPath = (id: string, deliveryId: string) => `/v1/webhooks/${id}/deliveries/${deliveryId}/retry`;

  it('a given-up delivery goes out once more when retried; a delivered one answers 409; 404 for unknown ids', async () => {
    let healthy = false;
    receiver.answer = (r) => (r.path === '/retry' && !healthy ? 500 : 200);
    const made = await admin.post<{ webhook: WebhookDto }>('/v1/webhooks', { url: `${receiver.url}/retry`, types: ['session.created'] });
    expect(made.status).toBe(201);
    const hook = made.body.webhook;
    const { session } = await createSession(admin, agentId);

    await waitUntil(async () => (await deliveries(hook.id)).some((d) => d.status === 'failed'), 10_000, 100);
    const [failed] = await deliveries(hook.id);
    if (!failed) throw new Error('no delivery');
    expect(failed).toMatchObject({ sessionId: session.id, status: 'failed', nextAttemptAt: null });
    expect(failed.attempts.map((a) => [a.status, a.error])).toEqual([
      [500, 'HTTP 500'],
      [500, 'HTTP 500'],
    ]);
    const sentBefore = receiver.requests.filter((r) => r.path === '/retry').length;

    healthy = true;
    // Two clicks at once: one conditional update wins, the other finds it no longer failed.
    const [a, b] = await Promise.all([admin.post<{ delivery: WebhookDeliveryDto }>(retryPath(hook.id, failed.id)), admin.post<{ error: { code: string } }>(retryPath(hook.id, failed.id))]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const won = a.status === 200 ? a : b;
    expect((won.body as { delivery: WebhookDeliveryDto }).delivery).toMatchObject({ id: failed.id, status: 'pending' });

    await waitUntil(async () => (await deliveries(hook.id))[0]?.status === 'succeeded', 10_000, 100);
    const [delivered] = await deliveries(hook.id);
    expect(delivered?.attempts.map((x) => x.status)).toEqual([500, 500, 200]);
    const sent = receiver.requests.filter((r) => r.path === '/retry');
    expect(sent.length).toBe(sentBefore + 1);
    // The same event, signed bytes unchanged: a receiver can dedupe on the event id.
    expect(envelopeOf(sent[sent.length - 1]!).id).toBe(failed.eventId);

    const again = await admin.post<{ error: { code: string; message: string } }>(retryPath(hook.id, failed.id));
    expect([again.status, again.body.error.code]).toEqual([409, 'conflict']);
    expect(again.body.error.message).toMatch(/succeeded/);

    const missing = await admin.post<{ error: { code: string } }>(retryPath(hook.id, '0123456789abcdef01234567'));
    expect([missing.status, missing.body.error.code]).toEqual([404, 'not_found']);
    const otherHook = await admin.post<{ error: { code: string } }>(retryPath('0123456789abcdef01234567', failed.id));
    expect([otherHook.status, otherHook.body.error.code]).toEqual([404, 'not_found']);
    const bad = await admin.post<{ error: { code: string; field: string } }>(retryPath(hook.id, 'nope'));
    expect([bad.status, bad.body.error.code, bad.body.error.field]).toEqual([400, 'invalid_request', 'deliveryId']);
  });

  it('needs an admin, or an API key with webhooks:write', async () => {
    receiver.answer = () => 500;
    const hook = (await admin.post<{ webhook: WebhookDto }>('/v1/webhooks', { url: `${receiver.url}/scoped`, types: ['session.created'] })).body.webhook;
    await createSession(admin, agentId);
    await waitUntil(async () => (await deliveries(hook.id)).some((d) => d.status === 'failed'), 10_000, 100);
    const [failed] = await deliveries(hook.id);
    if (!failed) throw new Error('no delivery');

    const operator = await createStaff(server, 'operator');
    const byOperator = await operator.http.post<{ error: { code: string } }>(retryPath(hook.id, failed.id));
    expect([byOperator.status, byOperator.body.error.code]).toEqual([403, 'forbidden']);

    const keyWith = async (scopes: string[]) => (await admin.post<{ apiKey: ApiKeyDto; key: string }>('/v1/api-keys', { name: uniq('key'), scopes })).body.key;
    const wrong = await httpClient(server.url, await keyWith(['sessions:read', 'knowledge:write'])).post<{ error: { code: string; scope: string } }>(retryPath(hook.id, failed.id));
    expect([wrong.status, wrong.body.error.code, wrong.body.error.scope]).toEqual([403, 'insufficient_scope', 'webhooks:write']);
    expect((await deliveries(hook.id))[0]?.status).toBe('failed');

    const right = await httpClient(server.url, await keyWith(['webhooks:write'])).post<{ delivery: WebhookDeliveryDto }>(retryPath(hook.id, failed.id));
    expect([right.status, right.body.delivery.status]).toEqual([200, 'pending']);
    await waitUntil(async () => (await deliveries(hook.id))[0]?.attempts.length === 3, 10_000, 100);
  });
});
