import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SessionStats } from '../../../shared/src/contract/types';
import type { SessionUpdate, StreamEnd } from '../../../shared/src/events';
import { createAgent, createSession, eventsOf, getSession, okAck, openWidget, widgetSend, type OpenWidget } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { delay, waitUntil } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';

// The smallest dormancy the agent schema allows; the sweep runs every second.
const DORMANT_AFTER_S = 10;

describe('session lifecycle: dormancy', () => {
  let server: TestServer;
  let http: HttpClient;
  let widget: OpenWidget | undefined;

  beforeAll(async () => {
    server = await startTestServer({ env: { DORMANCY_SWEEP_SECONDS: '1' } });
    http = httpClient(server.url, server.masterKey);
  });
  afterAll(async () => {
    widget?.socket.disconnect();
    await server.close();
  });

  it('a session with no customer message for dormantAfterSeconds goes dormant; a customer message wakes it', async () => {
    const agent = await createAgent(http, { dormantAfterSeconds: DORMANT_AFTER_S });
    const startedAt = Date.now();
    widget = await openWidget(server.url, { agentId: agent.id });
    const idle = widget.snapshot.session.id;
    const busy = (await createSession(http, agent.id)).session.id;
    const closed = (await createSession(http, agent.id)).session.id;
    await http.post(`/v1/chat/sessions/${closed}/close`);

    // Halfway through, a customer message pushes `busy`'s dormancy back by a full period.
    await delay((DORMANT_AFTER_S / 2) * 1000);
    expect((await http.post(`/v1/chat/sessions/${busy}/messages`, { content: 'still here' })).status).toBe(201);
    expect((await getSession(http, idle)).status).toBe('active');

    const update = await waitUntil(() => eventsOf<SessionUpdate>(widget!, 'session:update').find((u) => u.status === 'dormant'), (DORMANT_AFTER_S + 4) * 1000, 100);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(DORMANT_AFTER_S * 1000 - 100);
    expect(update).toMatchObject({ sessionId: idle, status: 'dormant', mode: 'ai' });
    expect((await getSession(http, idle)).status).toBe('dormant');
    expect((await getSession(http, busy)).status).toBe('active');
    expect((await getSession(http, closed)).status).toBe('closed');
    expect((await http.get<SessionStats>(`/v1/chat/sessions/stats?agentId=${agent.id}`)).body).toMatchObject({ total: 3, active: 1, dormant: 1, closed: 1 });
    const dormantList = await http.get<{ sessions: { id: string }[] }>(`/v1/chat/sessions?agentId=${agent.id}&status=dormant`);
    expect(dormantList.body.sessions.map((s) => s.id)).toEqual([idle]);

    // A dormant session still takes messages; the customer's wakes it, and the AI answers.
    const sent = okAck(await widgetSend(widget.socket, { clientMessageId: 'wake', content: 'hello again' }));
    expect(sent.message.seq).toBe(1);
    await waitUntil(() => eventsOf<SessionUpdate>(widget!, 'session:update').find((u) => u.status === 'active'));
    await waitUntil(() => eventsOf<StreamEnd>(widget!, 'stream:end')[0]);
    expect((await getSession(http, idle)).status).toBe('active');
    // Waking pushed the dormancy time back: the next sweeps leave it alone.
    await delay(1_500);
    expect((await getSession(http, idle)).status).toBe('active');
  }, 25_000);
});
