import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApiKey, subscribe } from '../support/integrator';
import { createSession } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { delay, waitUntil } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';

/** RETENTION_DAYS as 4 seconds, swept every second. */
const RETENTION_S = 4;

describe('RETENTION_DAYS: sessions nobody touched for that long are erased whole', () => {
  let server: TestServer;
  let admin: HttpClient;

  beforeAll(async () => {
    server = await startTestServer({ env: { RETENTION_DAYS: String(RETENTION_S / 86_400), RETENTION_SWEEP_SECONDS: '1' } });
    admin = httpClient(server.url, server.masterKey);
  });
  afterAll(() => server.close());

  it('erases a quiet session with its messages and says so; one still in use stays', async () => {
    const { key } = await createApiKey(admin);
    const subscriber = await subscribe(server.url, key, { types: ['session.erased'] });
    const quiet = await createSession(admin, server.demoAgentId);
    const busy = await createSession(admin, server.demoAgentId);
    expect((await admin.post(`/v1/chat/sessions/${quiet.session.id}/messages`, { content: 'hello?' })).status).toBe(201);
    const started = Date.now();

    let gone = false;
    while (!gone) {
      expect(Date.now() - started).toBeLessThan((RETENTION_S + 10) * 1000);
      // Every message moves the session's last activity on.
      expect((await admin.post(`/v1/chat/sessions/${busy.session.id}/messages`, { content: 'still here' })).status).toBe(201);
      await delay(500);
      gone = (await admin.get(`/v1/chat/sessions/${quiet.session.id}`)).status === 404;
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(RETENTION_S * 1000 - 500);
    expect((await admin.get(`/v1/chat/sessions/${quiet.session.id}/messages`)).status).toBe(404);
    expect((await admin.get(`/v1/chat/sessions/${busy.session.id}`)).status).toBe(200);
    const event = await waitUntil(() => subscriber.events.find((e) => e.sessionId === quiet.session.id));
    expect(event.data).toMatchObject({ customerId: quiet.session.customerId, reason: 'retention' });
    expect(subscriber.events.some((e) => e.sessionId === busy.session.id)).toBe(false);
    subscriber.close();
  }, 30_000);
});
