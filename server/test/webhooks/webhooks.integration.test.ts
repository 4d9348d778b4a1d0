import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MessageDto, WebhookDeliveryDto, WebhookDto } from '../../../shared/src/contract/types';
import { WebhookModel } from '../../src/db/models/webhook.model';
import { WebhookDeliveryModel } from '../../src/db/models/webhook-delivery.model';
import { WebhookDispatcher } from '../../src/domain/webhooks/webhook-dispatcher';
import { verifyWebhookSignature } from '../../src/domain/webhooks/webhook-signature';
import { createLogger } from '../../src/logger';
import { httpClient, type HttpClient } from '../support/http-client';
import { delay, waitUntil } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';
import { createAgent, createSession, envelopeOf, startReceiver, uniq, type Receiver } from '../support/integrator';

type Created = { webhook: WebhookDto; secret: string };
const RETRY_MS = [200, 400];
/** How long a delivery may hang. A reply that waited on one would take at least this long. */
const WEBHOOK_TIMEOUT_MS = 10_000;

describe('webhooks', () => {
  let server: TestServer;
  let admin: HttpClient;
  let receiver: Receiver;
  let agentId: string;
  const hooks: string[] = [];

  beforeAll(async () => {
    // The safety-net poll is a minute away: every delivery and retry here must go out without it.
    server = await startTestServer({ env: { WEBHOOK_RETRY_SCHEDULE_MS: RETRY_MS.join(','), WEBHOOK_POLL_MS: '60000', WEBHOOK_TIMEOUT_MS: String(WEBHOOK_TIMEOUT_MS) } });
    admin = httpClient(server.url, server.masterKey);
    receiver = await startReceiver();
    agentId = (await createAgent(admin)).id;
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });

  async function register(path: string, types: string[]): Promise<Created> {
    const res = await admin.post<Created>('/v1/webhooks', { url: `${receiver.url}${path}`, types });
    if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
    hooks.push(res.body.webhook.id);
    return res.body;
  }
  const deliveries = async (id: string) => (await admin.get<{ deliveries: WebhookDeliveryDto[] }>(`/v1/webhooks/${id}/deliveries`)).body.deliveries;
  const at = (path: string, sessionId?: string) => receiver.requests.filter((r) => r.path === path && (!sessionId || envelopeOf(r).sessionId === sessionId));

  it('registers a webhook: the secret is shown once and stored encrypted; admins only; URLs and types validated', async () => {
    const { webhook, secret } = await register('/reg', ['session.created']);
    expect(secret).toMatch(/^whsec_[\w-]{40,}$/);
    expect(webhook).toEqual({ id: expect.any(String), url: `${receiver.url}/reg`, types: ['session.created'], createdAt: expect.any(String) });

    const listed = await admin.get<{ webhooks: WebhookDto[] }>('/v1/webhooks');
    expect(listed.body.webhooks).toContainEqual(webhook);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    const stored = await WebhookModel.findById(webhook.id).lean();
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(JSON.stringify(stored)).not.toContain(secret.slice(6, 20));
    expect(stored?.secretCiphertext).toMatch(/^v1\./);

    for (const body of [{ url: 'ftp://example.com/x', types: ['session.created'] }, { url: 'not a url', types: ['session.created'] }, { url: 'https://example.com', types: [] }, { url: 'https://example.com', types: ['nope'] }]) {
      const res = await admin.post<{ error: { code: string; field: string } }>('/v1/webhooks', body);
      expect([res.status, res.body.error.code]).toEqual([400, 'invalid_request']);
      expect(res.body.error.field).toMatch(/^(url|types)/);
    }
    const { customerToken } = await createSession(admin, agentId);
    expect((await httpClient(server.url, customerToken).get('/v1/webhooks')).status).toBe(403);
    expect((await httpClient(server.url).post('/v1/webhooks', { url: 'https://example.com', types: ['session.created'] })).status).toBe(401);
    expect((await admin.delete('/v1/webhooks/0123456789abcdef01234567')).status).toBe(404);
    expect((await admin.get('/v1/webhooks/0123456789abcdef01234567/deliveries')).status).toBe(404);
  });

  it('signs each delivery: ids and a fresh timestamp in headers, HMAC over the raw body; tampering and old timestamps fail', async () => {
    const { webhook, secret } = await register('/signed', ['session.created', 'message.completed']);
    const { session } = await createSession(admin, agentId);
    const sent = await admin.post<{ reply: MessageDto }>(`/v1/chat/sessions/${session.id}/messages`, { content: 'hello' });
    expect(sent.status).toBe(201);
    await waitUntil(() => at('/signed', session.id).length === 2);

    const [created, completed] = at('/signed', session.id).sort((a, b) => envelopeOf(a).id.localeCompare(envelopeOf(b).id));
    for (const req of [created, completed]) {
      if (!req) throw new Error('missing request');
      const env = envelopeOf(req);
      expect(req.headers['content-type']).toBe('application/json');
      expect(req.headers['switchboard-webhook-id']).toBe(webhook.id);
      expect(req.headers['switchboard-event-id']).toBe(env.id);
      expect(req.headers['switchboard-event-type']).toBe(env.type);
      const ts = Number(req.headers['switchboard-timestamp']);
      expect(Math.abs(ts - Math.floor(req.receivedAtMs / 1000))).toBeLessThanOrEqual(1);
      expect(req.headers['switchboard-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
      expect(verifyWebhookSignature(secret, req.rawBody, req.headers)).toBe(true);
      expect(verifyWebhookSignature(secret, req.rawBody.replace('}', ' }'), req.headers)).toBe(false);
      expect(verifyWebhookSignature('whsec_wrong', req.rawBody, req.headers)).toBe(false);
      expect(verifyWebhookSignature(secret, req.rawBody, req.headers, 300, ts + 301)).toBe(false);
      expect(Object.keys(env).sort()).toEqual(['agentId', 'at', 'data', 'id', 'sessionId', 'type']);
    }
    expect(envelopeOf(created as never)).toMatchObject({ type: 'session.created', sessionId: session.id, agentId, data: { session: { id: session.id } } });
    expect(envelopeOf(completed as never)).toMatchObject({ type: 'message.completed', data: { message: { id: sent.body.reply.id, status: 'complete' } } });

    const log = await waitUntil(async () => {
      const list = (await deliveries(webhook.id)).filter((d) => d.sessionId === session.id);
      return list.length === 2 && list.every((d) => d.status === 'succeeded') ? list : null;
    });
    for (const d of log) {
      expect(d.attempts).toEqual([{ at: expect.any(String), status: 200, error: null, durationMs: expect.any(Number) }]);
      expect(d).toMatchObject({ webhookId: webhook.id, nextAttemptAt: null, completedAt: expect.any(String) });
    }
  });

  it('retries a failing endpoint on the configured schedule, records every attempt, then gives up', async () => {
    const flaky = new Map<string, number>();
    receiver.answer = (r) => {
      if (r.path === '/down') return 500;
      if (r.path !== '/flaky') return 200;
      const seen = (flaky.get(r.rawBody) ?? 0) + 1;
      flaky.set(r.rawBody, seen);
      return seen === 1 ? 500 : 204;
    };
    const flakyHook = await register('/flaky', ['session.created']);
    const downHook = await register('/down', ['session.created']);
    const { session } = await createSession(admin, agentId);

    const recovered = await waitUntil(async () => (await deliveries(flakyHook.webhook.id)).find((d) => d.sessionId === session.id && d.status === 'succeeded'), 5_000);
    expect(recovered.attempts.map((a) => [a.status, a.error])).toEqual([
      [500, 'HTTP 500'],
      [204, null],
    ]);
    const [firstTry, secondTry] = at('/flaky', session.id);
    expect(secondTry && firstTry && secondTry.receivedAtMs - firstTry.receivedAtMs).toBeGreaterThanOrEqual((RETRY_MS[0] as number) - 20);
    expect(secondTry?.rawBody).toBe(firstTry?.rawBody);
    expect(secondTry?.headers['switchboard-event-id']).toBe(firstTry?.headers['switchboard-event-id']);

    const pending = (await deliveries(downHook.webhook.id)).find((d) => d.sessionId === session.id);
    expect(pending?.status).toBe('pending');
    const failed = await waitUntil(async () => (await deliveries(downHook.webhook.id)).find((d) => d.sessionId === session.id && d.status === 'failed'), 5_000);
    expect(failed.attempts.map((a) => a.status)).toEqual([500, 500, 500]);
    expect(failed.nextAttemptAt).toBeNull();
    const times = at('/down', session.id).map((r) => r.receivedAtMs);
    expect(times).toHaveLength(3);
    expect((times[1] as number) - (times[0] as number)).toBeGreaterThanOrEqual((RETRY_MS[0] as number) - 20);
    expect((times[2] as number) - (times[1] as number)).toBeGreaterThanOrEqual((RETRY_MS[1] as number) - 20);
    expect((await admin.get<{ deliveries: WebhookDeliveryDto[] }>(`/v1/webhooks/${downHook.webhook.id}/deliveries?status=failed&limit=1`)).body.deliveries).toHaveLength(1);
    receiver.answer = () => 200;
  });

  it('a receiver that never answers delays no chat reply and does not hold back other webhooks', async () => {
    receiver.answer = (r) => (r.path === '/dead' ? 'hang' : 200);
    const dead = await register('/dead', ['message.created', 'message.completed', 'session.updated']);
    await register('/alive', ['message.completed']);
    const { session } = await createSession(admin, agentId);

    for (let i = 0; i < 5; i++) {
      const started = Date.now();
      const res = await admin.post<{ reply: MessageDto }>(`/v1/chat/sessions/${session.id}/messages`, { content: `question ${i}` });
      expect(res.status).toBe(201);
      expect(res.body.reply.status).toBe('complete');
      // Far from the delivery timeout it would take behind the dead receiver (a loose bound: CI machines are busy).
      expect(Date.now() - started).toBeLessThan(WEBHOOK_TIMEOUT_MS / 4);
    }
    // The healthy endpoint gets all five while the dead one holds its requests open.
    await waitUntil(() => at('/alive', session.id).length === 5, 3_000);
    const stuck = (await deliveries(dead.webhook.id)).filter((d) => d.sessionId === session.id);
    expect(stuck.length).toBeGreaterThanOrEqual(15);
    expect(stuck.every((d) => d.status === 'pending' && d.attempts.length === 0)).toBe(true);
    expect(at('/dead', session.id).length).toBeLessThanOrEqual(4);
    await admin.delete(`/v1/webhooks/${dead.webhook.id}`);
  });

  it('deleting a webhook stops its deliveries', async () => {
    const { webhook } = await register('/gone', ['session.created']);
    expect((await admin.delete(`/v1/webhooks/${webhook.id}`)).status).toBe(204);
    expect((await admin.get<{ webhooks: WebhookDto[] }>('/v1/webhooks')).body.webhooks.some((w) => w.id === webhook.id)).toBe(false);
    const { session } = await createSession(admin, agentId);
    await delay(400);
    expect(at('/gone', session.id)).toHaveLength(0);
    expect((await admin.get(`/v1/webhooks/${webhook.id}/deliveries`)).status).toBe(404);
  });

  it('a delivery stored by a process that died before sending it goes out with the poll of another', async () => {
    const { webhook } = await register('/orphan', ['session.created']);
    const other = new WebhookDispatcher(server.app.services.webhooks, { pollMs: 50, concurrency: 2, timeoutMs: 5_000, retryScheduleMs: RETRY_MS }, createLogger('silent'));
    other.start();
    try {
      // Written straight to the queue, as the dead process did: no dispatcher was told of it.
      const eventId = uniq('evt');
      await WebhookDeliveryModel.create({ webhookId: webhook.id, eventId, type: 'session.created', sessionId: 'orphaned', body: JSON.stringify({ id: eventId }), nextAttemptAt: new Date() });
      const sent = await waitUntil(() => receiver.requests.find((r) => r.path === '/orphan'), 3_000);
      expect(sent.headers['switchboard-event-id']).toBe(eventId);
    } finally {
      await other.stop();
    }
  });

  it('with several dispatchers (processes) on one database, each event is sent once', async () => {
    for (const id of hooks.splice(0)) await admin.delete(`/v1/webhooks/${id}`);
    const { webhook } = await register('/race', ['session.created', 'message.created']);
    const other = new WebhookDispatcher(server.app.services.webhooks, { pollMs: 10, concurrency: 8, timeoutMs: 5_000, retryScheduleMs: RETRY_MS }, createLogger('silent'));
    other.start();
    try {
      const sessions = await Promise.all(Array.from({ length: 8 }, () => createSession(admin, agentId)));
      await Promise.all(sessions.map(({ session }) => admin.post(`/v1/chat/sessions/${session.id}/context`, { content: uniq('note') })));
      const ids = new Set(sessions.map((s) => s.session.id));
      const ours = () => receiver.requests.filter((r) => r.path === '/race' && ids.has(envelopeOf(r).sessionId));
      await waitUntil(() => ours().length === 16, 5_000);
      await delay(300);
      const eventIds = ours().map((r) => envelopeOf(r).id);
      expect(new Set(eventIds).size).toBe(16);
      expect(eventIds).toHaveLength(16);
      const log = (await deliveries(webhook.id)).filter((d) => ids.has(d.sessionId));
      expect(log.every((d) => d.status === 'succeeded' && d.attempts.length === 1)).toBe(true);
    } finally {
      await other.stop();
    }
  });
});
