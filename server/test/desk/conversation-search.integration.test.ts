import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SessionDto, SessionStats } from '../../../shared/src/contract/types';
import type { ErrorBody } from '../../../shared/src/errors';
import { createAgent, createSession, uniq } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { connectOperator, loginAdmin, ok, opEmit, type Staff } from '../support/operator-helpers';
import { startTestServer, type TestServer } from '../support/test-server';

describe('searching conversations by what was said (q)', () => {
  let server: TestServer;
  let staff: HttpClient;
  let admin: Staff;
  let agentId: string;
  const ids: Record<string, string> = {};

  /** A session whose customer said `said` (the offline model answers it). */
  const conversation = async (name: string, said: string) => {
    const { session, customerToken } = await createSession(staff, agentId);
    expect((await httpClient(server.url, customerToken).post(`/v1/chat/sessions/${session.id}/messages`, { content: said })).status).toBe(201);
    ids[name] = session.id;
  };
  const found = async (q: string, more = '') => {
    const res = await staff.get<{ sessions: SessionDto[] }>(`/v1/chat/sessions?agentId=${agentId}&q=${encodeURIComponent(q)}${more}`);
    expect(res.status).toBe(200);
    return Object.keys(ids).filter((name) => res.body.sessions.some((s) => s.id === ids[name])).sort();
  };

  beforeAll(async () => {
    server = await startTestServer({ env: { SEED_DEMO: 'false' } });
    staff = httpClient(server.url, server.masterKey);
    admin = await loginAdmin(server);
    agentId = (await createAgent(staff)).id;
    await conversation('parcel', 'Where is my parcel? Order ORD-4711 never arrived.');
    await conversation('refund', 'I would like a refund for order ORD-5000 please');
    await conversation('french', 'Le colis est arrivé abîmé');
  });
  afterAll(() => server.close());

  it('finds sessions by a word any message holds, whatever its case or accents', async () => {
    expect(await found('parcel')).toEqual(['parcel']);
    expect(await found('ORDER')).toEqual(['parcel', 'refund']);
    expect(await found('abime')).toEqual(['french']);
    expect(await found('ord-4711')).toEqual(['parcel']);
  });

  it('wants every word, and takes quotes and minus signs as text', async () => {
    expect(await found('order refund')).toEqual(['refund']);
    expect(await found('order -refund')).toEqual(['refund']); // not "order but not refund"
    expect(await found('"never arrived"')).toEqual(['parcel']);
    expect(await found('nothing-like-this')).toEqual([]);
  });

  it('searches staff messages too, and combines with the other filters and the stats', async () => {
    const note = uniq('vipnote');
    expect((await staff.post(`/v1/chat/sessions/${ids.refund}/whisper`, { content: `Customer is ${note}` })).status).toBe(201);
    expect(await found(note)).toEqual(['refund']);
    expect(await found('order', '&status=closed')).toEqual([]);
    const stats = await staff.get<SessionStats>(`/v1/chat/sessions/stats?agentId=${agentId}&q=order`);
    expect(stats.body).toMatchObject({ total: 2, active: 2 });
  });

  it('over the operator socket, sessions:watch takes q as well', async () => {
    const socket = await connectOperator(server, admin.token);
    try {
      const ack = ok(await opEmit(socket, 'sessions:watch', { filters: { agentId, q: 'colis' } }));
      expect(ack.sessions.map((s) => s.id)).toEqual([ids.french]);
    } finally {
      socket.close();
    }
  });

  it('refuses an empty or overlong search naming the field', async () => {
    for (const q of ['%20', 'x'.repeat(201)]) {
      const res = await staff.get<{ error: ErrorBody }>(`/v1/chat/sessions?q=${q}`);
      expect([res.status, res.body.error.code, res.body.error.field]).toEqual([400, 'invalid_request', 'q']);
    }
  });
});
