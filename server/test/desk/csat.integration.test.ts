import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AgentDto, EventEnvelope, SessionDto, SessionStats } from '../../../shared/src/contract/types';
import type { ErrorBody } from '../../../shared/src/errors';
import { createAgent, createSession } from '../support/factories';
import { httpClient } from '../support/http-client';
import { connectOperator, connectWidget, loginAdmin, ok, Recorder, type Staff } from '../support/operator-helpers';
import { eventsClient, connected } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';

type Err = { error: ErrorBody };

describe('CSAT', () => {
  let server: TestServer;
  let admin: Staff;
  let agent: AgentDto;

  beforeAll(async () => {
    server = await startTestServer({ env: { SEED_DEMO: 'false' } });
    admin = await loginAdmin(server);
    agent = await createAgent(admin.http);
  });
  afterAll(() => server.close());

  it('widget csat:submit after close: stored once, session.rated published, stats carry the average', async () => {
    const events = eventsClient(server.url, server.masterKey);
    await connected(events);
    const rated = new Recorder(events);
    await events.timeout(5000).emitWithAck('subscribe', { types: ['session.rated'] });
    const op = await connectOperator(server, admin.token);
    const w = await connectWidget(server, agent.id);
    try {
      ok(await w.socket.timeout(5000).emitWithAck('session:close', {}));
      const ack = ok(await w.socket.timeout(5000).emitWithAck('csat:submit', { rating: 4, comment: 'quick and kind' }));
      expect(ack.session).toMatchObject({ status: 'closed', rated: true });
      const again = await w.socket.timeout(5000).emitWithAck('csat:submit', { rating: 1 });
      expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
      const bad = await w.socket.timeout(5000).emitWithAck('csat:submit', { rating: 6 });
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_request' } });

      const session = (await admin.http.get<{ session: SessionDto }>(`/v1/chat/sessions/${w.sessionId}`)).body.session;
      expect(session.csat).toMatchObject({ rating: 4, comment: 'quick and kind' });
      const event = await rated.waitFor<EventEnvelope>('event', (e) => e.sessionId === w.sessionId);
      expect(event).toMatchObject({ type: 'session.rated', data: { csat: { rating: 4 } } });
    } finally {
      w.socket.close();
      op.close();
      events.close();
    }
  });

  it('POST /csat with the customer token or staff; 409 on a second; stats average over the filter', async () => {
    const fresh = await createAgent(admin.http);
    const a = await createSession(admin.http, fresh.id);
    const b = await createSession(admin.http, fresh.id);
    await createSession(admin.http, fresh.id);
    const customer = httpClient(server.url, a.customerToken);
    const first = await customer.post<{ session: { rated: boolean } }>(`/v1/chat/sessions/${a.session.id}/csat`, { rating: 5 });
    expect(first.status).toBe(201);
    expect(first.body.session.rated).toBe(true);
    expect((await customer.post<Err>(`/v1/chat/sessions/${a.session.id}/csat`, { rating: 2 })).status).toBe(409);
    // A customer token reaches only its own session.
    expect((await customer.post(`/v1/chat/sessions/${b.session.id}/csat`, { rating: 2 })).status).toBe(404);
    expect((await admin.http.post(`/v1/chat/sessions/${b.session.id}/csat`, { rating: 2, comment: 'slow' })).status).toBe(201);

    const stats = (await admin.http.get<SessionStats>(`/v1/chat/sessions/stats?agentId=${fresh.id}`)).body;
    expect(stats).toMatchObject({ total: 3, csatCount: 2, csatAverage: 3.5 });
    const empty = await createAgent(admin.http);
    expect((await admin.http.get<SessionStats>(`/v1/chat/sessions/stats?agentId=${empty.id}`)).body).toMatchObject({ csatCount: 0, csatAverage: null });
  });
});
