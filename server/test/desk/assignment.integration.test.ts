import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AgentDto, OperatorDto, SessionDto, SessionStats } from '../../../shared/src/contract/types';
import type { ErrorBody } from '../../../shared/src/errors';
import { createAgent, createSession } from '../support/factories';
import { httpClient } from '../support/http-client';
import { connectOperator, createStaff, loginAdmin, ok, opEmit, Recorder, type Staff } from '../support/operator-helpers';
import { waitUntil } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';

type Err = { error: ErrorBody };

describe('assignment', () => {
  let server: TestServer;
  let admin: Staff;
  let alice: Staff;
  let bob: Staff;
  let agent: AgentDto;
  const sockets: { close(): unknown }[] = [];

  beforeAll(async () => {
    // An 8 s presence window: departures are announced after a 2 s grace, long before it runs out.
    server = await startTestServer({ env: { SEED_DEMO: 'false', OPERATOR_PRESENCE_SECONDS: '8' } });
    admin = await loginAdmin(server);
    [alice, bob] = await Promise.all([createStaff(server, 'operator', 'Alice'), createStaff(server, 'operator', 'Bob')]);
    agent = await createAgent(admin.http);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await server.close();
  });

  it('a takeover assigns; the owner hands on; others get 403; an unknown operator 404; watchers get session:updated', async () => {
    const { session } = await createSession(admin.http, agent.id);
    const watcher = await connectOperator(server, bob.token);
    sockets.push(watcher);
    const seen = new Recorder(watcher);
    ok(await opEmit(watcher, 'sessions:watch', { filters: {} }));

    const took = await alice.http.post<{ session: SessionDto }>(`/v1/chat/sessions/${session.id}/takeover`);
    expect(took.body.session.assignedTo).toBe(alice.operator.id);

    const notOwner = await bob.http.post<Err>(`/v1/chat/sessions/${session.id}/assign`, { operatorId: bob.operator.id });
    expect(notOwner.status).toBe(403);
    const unknown = await alice.http.post<Err>(`/v1/chat/sessions/${session.id}/assign`, { operatorId: 'f'.repeat(24) });
    expect(unknown.status).toBe(404);
    const bad = await alice.http.post<Err>(`/v1/chat/sessions/${session.id}/assign`, { operatorId: 'nope' });
    expect(bad.body.error).toMatchObject({ code: 'invalid_request', field: 'operatorId' });

    const handed = await alice.http.post<{ session: SessionDto }>(`/v1/chat/sessions/${session.id}/assign`, { operatorId: bob.operator.id });
    expect(handed.status).toBe(200);
    expect(handed.body.session.assignedTo).toBe(bob.operator.id);
    await seen.waitFor<SessionDto>('session:updated', (s) => s.id === session.id && s.assignedTo === bob.operator.id);

    // Alice no longer owns it; an admin always may.
    expect((await alice.http.post(`/v1/chat/sessions/${session.id}/assign`, { operatorId: alice.operator.id })).status).toBe(403);
    expect((await admin.http.post(`/v1/chat/sessions/${session.id}/assign`, { operatorId: alice.operator.id })).status).toBe(200);
    expect((await httpClient(server.url, server.masterKey).post(`/v1/chat/sessions/${session.id}/assign`, { operatorId: bob.operator.id })).status).toBe(200);
  });

  it('over the /operator socket: session:assign with the same rules', async () => {
    const { session } = await createSession(admin.http, agent.id);
    const a = await connectOperator(server, alice.token);
    const b = await connectOperator(server, bob.token);
    sockets.push(a, b);
    ok(await opEmit(a, 'takeover', { sessionId: session.id }));
    const refused = await opEmit(b, 'session:assign', { sessionId: session.id, operatorId: bob.operator.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const done = ok(await opEmit(a, 'session:assign', { sessionId: session.id, operatorId: bob.operator.id }));
    expect(done.session.assignedTo).toBe(bob.operator.id);
    const missing = await opEmit(b, 'session:assign', { sessionId: session.id, operatorId: 'e'.repeat(24) });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('the log filters assignedTo=<id> and assignedTo=none, over REST and sessions:watch', async () => {
    const mine = (await createSession(admin.http, agent.id)).session;
    const free = (await createSession(admin.http, agent.id)).session;
    await alice.http.post(`/v1/chat/sessions/${mine.id}/takeover`);
    await alice.http.post(`/v1/chat/sessions/${mine.id}/assign`, { operatorId: alice.operator.id });

    const byAlice = await alice.http.get<{ sessions: SessionDto[] }>(`/v1/chat/sessions?assignedTo=${alice.operator.id}`);
    const ids = byAlice.body.sessions.map((s) => s.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(free.id);
    expect(byAlice.body.sessions.every((s) => s.assignedTo === alice.operator.id)).toBe(true);
    const none = await alice.http.get<{ sessions: SessionDto[] }>('/v1/chat/sessions?assignedTo=none&limit=200');
    expect(none.body.sessions.map((s) => s.id)).toContain(free.id);
    expect(none.body.sessions.every((s) => s.assignedTo === null)).toBe(true);

    const op = await connectOperator(server, alice.token);
    sockets.push(op);
    const watched = ok(await opEmit(op, 'sessions:watch', { filters: { assignedTo: 'none' }, limit: 200 }));
    expect(watched.sessions.map((s) => s.id)).toContain(free.id);
    expect(watched.sessions.map((s) => s.id)).not.toContain(mine.id);
  });

  it('an operator is present while a console of theirs is open: every console hears them arrive', async () => {
    const carol = await createStaff(server, 'operator', 'Carol');
    const listed = async () => (await alice.http.get<{ operators: OperatorDto[] }>('/v1/operators')).body.operators.find((o) => o.id === carol.operator.id);
    expect(await listed()).toMatchObject({ status: 'online', present: false });
    const watcher = await connectOperator(server, admin.token);
    sockets.push(watcher);
    const seen = new Recorder(watcher);
    const carolsConsole = await connectOperator(server, carol.token);
    sockets.push(carolsConsole);
    await seen.waitFor<OperatorDto>('operators:status', (o) => o.id === carol.operator.id && o.present);
    expect(await listed()).toMatchObject({ status: 'online', present: true });
  });

  it('closing one of two consoles leaves the operator present; closing the last announces them gone at once', async () => {
    const dave = await createStaff(server, 'operator', 'Dave');
    const watcher = await connectOperator(server, admin.token);
    sockets.push(watcher);
    const seen = new Recorder(watcher);
    const [tab1, tab2] = [await connectOperator(server, dave.token), await connectOperator(server, dave.token)];
    await seen.waitFor<OperatorDto>('operators:status', (o) => o.id === dave.operator.id && o.present);
    const gone = () => seen.of<OperatorDto>('operators:status').some((o) => o.id === dave.operator.id && !o.present);

    tab1.close();
    await new Promise((r) => setTimeout(r, 3_000)); // past the 2 s grace
    expect(gone()).toBe(false);
    const stillHere = await alice.http.get<{ operators: OperatorDto[] }>('/v1/operators');
    expect(stillHere.body.operators.find((o) => o.id === dave.operator.id)?.present).toBe(true);

    const closedAt = Date.now();
    tab2.close();
    await seen.waitFor<OperatorDto>('operators:status', (o) => o.id === dave.operator.id && !o.present);
    expect(Date.now() - closedAt).toBeLessThan(6_000); // the 8 s window would only run out later
    const listed = await alice.http.get<{ operators: OperatorDto[] }>('/v1/operators');
    expect(listed.body.operators.find((o) => o.id === dave.operator.id)?.present).toBe(false);
  });

  it('the session says who spoke last (customer, AI or operator), which notices, whispers and context do not change', async () => {
    const { session, customerToken } = await createSession(admin.http, agent.id);
    const customer = httpClient(server.url, customerToken);
    const lastFrom = async () => (await admin.http.get<{ session: SessionDto }>(`/v1/chat/sessions/${session.id}`)).body.session.lastMessageFrom;
    expect(await lastFrom()).toBeNull();

    expect((await customer.post(`/v1/chat/sessions/${session.id}/messages`, { content: 'Where is my parcel?' })).status).toBe(201);
    expect(await lastFrom()).toBe('agent'); // the AI's reply came back with the message
    expect((await alice.http.post(`/v1/chat/sessions/${session.id}/whisper`, { content: 'Ask for the order number' })).status).toBe(201);
    expect((await alice.http.post(`/v1/chat/sessions/${session.id}/takeover`)).status).toBe(200); // "Alice joined the chat" is a notice
    expect(await lastFrom()).toBe('agent');

    const awaiting = async (query: string) =>
      (await admin.http.get<{ sessions: SessionDto[] }>(`/v1/chat/sessions?agentId=${agent.id}&${query}`)).body.sessions.some((s) => s.id === session.id);
    expect([await awaiting('awaitingReply=true'), await awaiting('awaitingReply=false')]).toEqual([true, false]); // the AI answered before the takeover
    expect((await customer.post(`/v1/chat/sessions/${session.id}/messages`, { content: 'Hello? Anyone?' })).status).toBe(201);
    expect(await lastFrom()).toBe('customer');
    expect(await awaiting('awaitingReply=true&assignedTo=' + alice.operator.id)).toBe(true);
    const waitingCount = async () => (await admin.http.get<SessionStats>(`/v1/chat/sessions/stats?agentId=${agent.id}&customerId=${session.customerId}`)).body.awaitingReply;
    expect(await waitingCount()).toBe(1);
    expect((await alice.http.post(`/v1/chat/sessions/${session.id}/tell`, { content: 'Hi, Alice here. Your order number?' })).status).toBe(201);
    expect(await lastFrom()).toBe('operator');
    expect([await awaiting('awaitingReply=true'), await awaiting('awaitingReply=false')]).toEqual([false, true]);
    expect(await waitingCount()).toBe(0);
    const bad = await admin.http.get<Err>('/v1/chat/sessions?awaitingReply=maybe');
    expect([bad.status, bad.body.error.field]).toEqual([400, 'awaitingReply']);
    expect((await admin.http.post(`/v1/chat/sessions/${session.id}/context`, { content: 'CRM: VIP' })).status).toBe(201);
    expect(await lastFrom()).toBe('operator');
  });

  it('an operator who closes their console with a customer waiting on them sends that conversation back to the help inbox', async () => {
    const erin = await createStaff(server, 'operator', 'Erin');
    const [waiting, answered] = [await createSession(admin.http, agent.id), await createSession(admin.http, agent.id)];
    for (const { session } of [waiting, answered]) expect((await erin.http.post(`/v1/chat/sessions/${session.id}/takeover`)).status).toBe(200);
    expect((await httpClient(server.url, waiting.customerToken).post(`/v1/chat/sessions/${waiting.session.id}/messages`, { content: 'Still there?' })).status).toBe(201);
    expect((await erin.http.post(`/v1/chat/sessions/${answered.session.id}/tell`, { content: 'All sorted, bye!' })).status).toBe(201);
    const console = await connectOperator(server, erin.token);
    const watcher = await connectOperator(server, admin.token);
    sockets.push(watcher);
    const seen = new Recorder(watcher);
    ok(await opEmit(watcher, 'sessions:watch', { filters: {} }));
    await waitUntil(async () => (await alice.http.get<{ operators: OperatorDto[] }>('/v1/operators')).body.operators.find((o) => o.id === erin.operator.id)?.present);

    console.close();
    const flagged = await seen.waitFor<SessionDto>('session:updated', (s) => s.id === waiting.session.id && s.helpRequested);
    expect(flagged).toMatchObject({ assignedTo: erin.operator.id, mode: 'support', helpReason: expect.stringContaining('Erin closed the console') });
    const other = (await admin.http.get<{ session: SessionDto }>(`/v1/chat/sessions/${answered.session.id}`)).body.session;
    expect(other.helpRequested).toBe(false);
  });

  it('PATCH /v1/auth/me sets online/away and every console hears operators:status', async () => {
    const op = await connectOperator(server, admin.token);
    sockets.push(op);
    const seen = new Recorder(op);
    const away = await bob.http.patch<{ operator: OperatorDto }>('/v1/auth/me', { status: 'away' });
    expect(away.body.operator.status).toBe('away');
    await seen.waitFor<OperatorDto>('operators:status', (o) => o.id === bob.operator.id && o.status === 'away');
    const list = await alice.http.get<{ operators: OperatorDto[] }>('/v1/operators');
    expect(list.body.operators.find((o) => o.id === bob.operator.id)?.status).toBe('away');
    expect((await bob.http.patch<Err>('/v1/auth/me', { status: 'busy' })).status).toBe(400);
  });
});
