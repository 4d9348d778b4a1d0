import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AgentDto, CannedReplyDto } from '../../../shared/src/contract/types';
import type { ErrorBody } from '../../../shared/src/errors';
import { createAgent, createSession } from '../support/factories';
import { createStaff, loginAdmin, type Staff } from '../support/operator-helpers';
import { startTestServer, type TestServer } from '../support/test-server';

type Err = { error: ErrorBody };

describe('canned replies', () => {
  let server: TestServer;
  let admin: Staff;
  let op: Staff;
  let agent: AgentDto;
  let other: AgentDto;

  beforeAll(async () => {
    server = await startTestServer({ env: { SEED_DEMO: 'false' } });
    admin = await loginAdmin(server);
    op = await createStaff(server);
    [agent, other] = await Promise.all([createAgent(admin.http), createAgent(admin.http)]);
  });
  afterAll(() => server.close());

  const base = (id: string) => `/v1/agents/${id}/canned-replies`;

  it('creates, lists, refuses duplicates and bad shortcuts, deletes', async () => {
    const made = await op.http.post<{ cannedReply: CannedReplyDto }>(base(agent.id), { shortcut: '/refund', text: 'Hi {{metadata.name}}, your refund is on its way.' });
    expect(made.status).toBe(201);
    expect(made.body.cannedReply).toMatchObject({ agentId: agent.id, shortcut: '/refund' });
    expect((await op.http.post<Err>(base(agent.id), { shortcut: '/refund', text: 'again' })).status).toBe(409);
    // The same shortcut on another agent is fine: unique per agent.
    expect((await op.http.post(base(other.id), { shortcut: '/refund', text: 'x' })).status).toBe(201);
    for (const shortcut of ['refund', '/Refund', '/', '/has space', `/${'a'.repeat(41)}`]) {
      const res = await op.http.post<Err>(base(agent.id), { shortcut, text: 'x' });
      expect(res.body.error).toMatchObject({ code: 'invalid_request', field: 'shortcut' });
    }
    expect((await op.http.post(base('f'.repeat(24)), { shortcut: '/x', text: 'x' })).status).toBe(404);

    const list = await op.http.get<{ cannedReplies: CannedReplyDto[] }>(base(agent.id));
    expect(list.body.cannedReplies.map((r) => r.shortcut)).toEqual(['/refund']);
    expect((await op.http.delete(`${base(other.id)}/${made.body.cannedReply.id}`)).status).toBe(404);
    expect((await op.http.delete(`${base(agent.id)}/${made.body.cannedReply.id}`)).status).toBe(204);
    expect((await op.http.get<{ cannedReplies: CannedReplyDto[] }>(base(agent.id))).body.cannedReplies).toEqual([]);
  });

  it('renders {{metadata.field}} from the session: nested paths, missing as empty, values as text', async () => {
    const { session, customerToken } = await createSession(admin.http, agent.id, { metadata: { name: '<b>Zoë</b>', order: { id: 42 } } });
    const made = await op.http.post<{ cannedReply: CannedReplyDto }>(base(agent.id), {
      shortcut: '/order',
      text: 'Hi {{metadata.name}}, order {{ metadata.order.id }} ships {{metadata.missing}}soon.',
    });
    const res = await op.http.get<{ text: string }>(`/v1/chat/sessions/${session.id}/canned-replies/${made.body.cannedReply.id}/render`);
    expect(res.status).toBe(200);
    expect(res.body.text).toBe('Hi <b>Zoë</b>, order 42 ships soon.');
    // A reply of another agent cannot be rendered into this session; customers cannot render at all.
    const foreign = await op.http.post<{ cannedReply: CannedReplyDto }>(base(other.id), { shortcut: '/other', text: 'x' });
    expect((await op.http.get(`/v1/chat/sessions/${session.id}/canned-replies/${foreign.body.cannedReply.id}/render`)).status).toBe(404);
    const customer = (await import('../support/http-client')).httpClient(server.url, customerToken);
    expect((await customer.get(`/v1/chat/sessions/${session.id}/canned-replies/${made.body.cannedReply.id}/render`)).status).toBe(403);
    expect((await customer.get(base(agent.id))).status).toBe(403);
  });
});
