import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DomainEventType, EventEnvelope, MessageDto, SessionDto } from '../../../shared/src/contract/types';
import type { Ack } from '../../../shared/src/events';
import { httpClient, type HttpClient } from '../support/http-client';
import { connected, delay, eventsClient, nextEvent, waitUntil, widgetClient } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';
import { createAgent, createApiKey, createSession, subscribe, type Subscriber } from '../support/integrator';

type SessionData = { session: SessionDto };
type MessageData = { message: MessageDto };

const messageOf = (e: EventEnvelope) => (e.data as MessageData).message;
const expectUniqueIds = (events: EventEnvelope[]) => expect(new Set(events.map((e) => e.id)).size).toBe(events.length);

describe('/events namespace and API keys', () => {
  // One server per file: the app's database connection is process-wide.
  let server: TestServer;
  let admin: HttpClient;
  const open: Subscriber[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    admin = httpClient(server.url, server.masterKey);
  });
  afterAll(async () => {
    open.forEach((s) => s.close());
    await server.close();
  });
  const track = <T extends Subscriber>(s: T): T => (open.push(s), s);

  it('delivers a session driven over REST and the widget: every event once, in order, with its payload', async () => {
    const { key } = await createApiKey(admin);
    const agent = await createAgent(admin);
    const sub = track(await subscribe(server.url, key, { agentIds: [agent.id] }));
    expect(sub.replayed).toBe(0);

    const { session, customerToken } = await createSession(admin, agent.id);
    const widget = widgetClient(server.url, { agentId: agent.id, customerToken });
    await nextEvent(widget, 'session');
    const ended = nextEvent(widget, 'stream:end');
    const sent = (await widget.timeout(5_000).emitWithAck('message:send', { clientMessageId: 'c1', content: 'Where is my parcel?' })) as Ack;
    expect(sent.ok).toBe(true);
    await ended;
    widget.disconnect();

    const id = `/v1/chat/sessions/${session.id}`;
    expect((await admin.post(`${id}/whisper`, { content: 'Offer a refund' })).status).toBe(201);
    expect((await admin.post(`${id}/tell`, { content: 'Hi, a human here' })).status).toBe(201);
    expect((await admin.post(`${id}/context`, { content: 'Order #42 shipped', source: 'crm' })).status).toBe(201);
    expect((await admin.post(`${id}/help`, { reason: 'wants a person' })).status).toBe(200);
    expect((await admin.delete(`${id}/help`)).status).toBe(200);
    expect((await admin.post(`${id}/takeover`)).status).toBe(200);
    expect((await admin.post(`${id}/release`)).status).toBe(200);
    expect((await admin.post(`${id}/close`)).status).toBe(200);
    await waitUntil(() => sub.ofType('session.closed').length === 1);
    await delay(150);

    const events = sub.events;
    expectUniqueIds(events);
    for (const e of events) {
      expect(e).toMatchObject({ sessionId: session.id, agentId: agent.id });
      expect(new Date(e.at).toISOString()).toBe(e.at);
    }
    const once: DomainEventType[] = ['session.created', 'session.closed', 'message.completed', 'help.requested', 'help.resolved', 'command.whisper', 'command.tell', 'command.takeover', 'command.release', 'context.injected'];
    for (const type of once) expect([type, sub.ofType(type).length]).toEqual([type, 1]);
    expect(events[0]?.type).toBe('session.created');
    expect(events[events.length - 1]?.type).toBe('session.closed');
    // Per session, the order is the order things happened.
    const order = events.map((e) => e.type).filter((t) => once.includes(t));
    expect(order).toEqual(['session.created', 'message.completed', 'command.whisper', 'command.tell', 'context.injected', 'help.requested', 'help.resolved', 'command.takeover', 'command.release', 'session.closed']);

    // One message.created per stored message, in seq order, whispers and context included.
    const stored = (await admin.get<{ messages: MessageDto[] }>(`${id}/messages`)).body.messages;
    const created = sub.ofType('message.created').map(messageOf);
    expect(created.map((m) => m.seq)).toEqual(stored.map((m) => m.seq));
    expect(created.map((m) => m.role)).toEqual(stored.map((m) => m.role));
    expect(created[0]).toMatchObject({ role: 'customer', content: 'Where is my parcel?', clientMessageId: 'c1' });
    expect(created[1]).toMatchObject({ role: 'agent', status: 'streaming' });

    // Payloads.
    expect((sub.ofType('session.created')[0]?.data as SessionData).session).toMatchObject({ id: session.id, customerId: session.customerId, status: 'active' });
    const completed = messageOf(sub.ofType('message.completed')[0] as EventEnvelope);
    expect(completed).toMatchObject({ id: created[1]?.id, role: 'agent', status: 'complete' });
    expect(completed.content.length).toBeGreaterThan(0);
    expect(sub.ofType('command.whisper')[0]?.data).toMatchObject({ message: { role: 'whisper', content: 'Offer a refund' }, respond: false });
    expect(sub.ofType('command.tell')[0]?.data).toMatchObject({ message: { role: 'operator', content: 'Hi, a human here' } });
    expect(sub.ofType('context.injected')[0]?.data).toMatchObject({ message: { role: 'context', content: 'Order #42 shipped', source: 'crm' } });
    expect(sub.ofType('help.requested')[0]?.data).toMatchObject({ reason: 'wants a person', session: { helpRequested: true } });
    expect(sub.ofType('help.resolved')[0]?.data).toMatchObject({ session: { helpRequested: false } });
    expect(sub.ofType('command.takeover')[0]?.data).toMatchObject({ session: { mode: 'support' } });
    expect(sub.ofType('command.release')[0]?.data).toMatchObject({ session: { mode: 'ai' } });
    expect(sub.ofType('session.closed')[0]?.data).toMatchObject({ session: { status: 'closed' } });
  });

  it('filters by types and by agentIds, and by both', async () => {
    const { key } = await createApiKey(admin);
    const [a, b] = [await createAgent(admin), await createAgent(admin)];
    const byType = track(await subscribe(server.url, key, { types: ['session.created'] }));
    const byAgent = track(await subscribe(server.url, key, { agentIds: [a.id] }));
    const both = track(await subscribe(server.url, key, { types: ['message.created'], agentIds: [b.id] }));

    const sa = (await createSession(admin, a.id)).session;
    const sb = (await createSession(admin, b.id)).session;
    for (const s of [sa, sb]) expect((await admin.post(`/v1/chat/sessions/${s.id}/messages`, { content: 'hello' })).status).toBe(201);
    await waitUntil(() => byAgent.ofType('message.completed').length === 1 && both.events.length === 2);
    await delay(150);

    const ours = (s: Subscriber) => s.events.filter((e) => e.agentId === a.id || e.agentId === b.id);
    expect(ours(byType).map((e) => [e.type, e.sessionId])).toEqual([
      ['session.created', sa.id],
      ['session.created', sb.id],
    ]);
    expect(byType.events.every((e) => e.type === 'session.created')).toBe(true);
    expect(byAgent.events.length).toBeGreaterThanOrEqual(5);
    expect(byAgent.events.every((e) => e.agentId === a.id)).toBe(true);
    expect(both.events.map((e) => [e.type, messageOf(e).role, e.sessionId])).toEqual([
      ['message.created', 'customer', sb.id],
      ['message.created', 'agent', sb.id],
    ]);
    [byAgent, both].forEach((s) => expectUniqueIds(s.events));
  });

  it('catches up after a reconnect with afterEventId: exactly the missed events, once, then live ones', async () => {
    // Regression (b7a0eb3): `replayed` counted events the subscription filters out, and replayed
    // payloads lost empty objects (`metadata: {}`), so they differed from the live events.
    const { key } = await createApiKey(admin);
    const agent = await createAgent(admin);
    const other = await createAgent(admin);
    const control = track(await subscribe(server.url, key, { agentIds: [agent.id] }));
    const first = track(await subscribe(server.url, key, { agentIds: [agent.id] }));

    const { session } = await createSession(admin, agent.id);
    const id = `/v1/chat/sessions/${session.id}`;
    await admin.post(`${id}/messages`, { content: 'first question' });
    await waitUntil(() => first.ofType('message.completed').length === 1);
    const lastSeen = first.events[first.events.length - 1] as EventEnvelope;
    first.close();

    // Missed while away, with another agent's traffic interleaved (filtered out of the replay).
    await admin.post(`${id}/whisper`, { content: 'be brief' });
    await createSession(admin, other.id);
    await admin.post(`${id}/tell`, { content: 'hello from a person' });
    await admin.post(`${id}/context`, { content: 'VIP customer' });
    await waitUntil(() => control.ofType('context.injected').length === 1);
    const missed = control.events.slice(control.events.findIndex((e) => e.id === lastSeen.id) + 1);
    expect(missed.length).toBeGreaterThanOrEqual(6);

    const again = track(await subscribe(server.url, key, { agentIds: [agent.id], afterEventId: lastSeen.id }));
    expect(again.replayed).toBe(missed.length);
    expect(again.events.map((e) => e.id)).toEqual(missed.map((e) => e.id));
    expect(again.events).toEqual(missed);

    await admin.post(`${id}/help`, { reason: 'live again' });
    await waitUntil(() => again.ofType('help.requested').length === 1);
    await delay(150);
    expectUniqueIds(again.events);
    expect(again.events.slice(missed.length).map((e) => e.id)).toEqual(control.events.slice(control.events.length - (again.events.length - missed.length)).map((e) => e.id));
  });

  it('refuses a bad key and a bad subscription', async () => {
    const bad = eventsClient(server.url, 'sk_sb_not_a_real_key_at_all');
    await expect(connected(bad)).rejects.toMatchObject({ message: 'unauthorized' });
    bad.disconnect();
    const { key } = await createApiKey(admin);
    const socket = eventsClient(server.url, key);
    await connected(socket);
    const ack = (await socket.timeout(5_000).emitWithAck('subscribe', { types: ['no.such.type'] } as never)) as Ack;
    expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    socket.disconnect();
  });

  // ---------------------------------------------------------------- API keys
  it('shows the key once; lists only its prefix afterwards', async () => {
    const { apiKey, key } = await createApiKey(admin, 'sms gateway');
    expect(key).toMatch(/^sk_sb_[\w-]{20,}$/);
    expect(apiKey).toEqual({ id: expect.any(String), name: 'sms gateway', prefix: key.slice(0, 12), createdAt: expect.any(String), lastUsedAt: null, revokedAt: null, scopes: ['admin'] });
    const list = await admin.get<{ apiKeys: Record<string, unknown>[] }>('/v1/api-keys');
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect(JSON.stringify(list.body)).not.toContain(key.slice(12));
    expect(list.body.apiKeys.find((k) => k.id === apiKey.id)).toEqual(apiKey);
    expect(list.body.apiKeys.some((k) => k.name === 'master')).toBe(false);
  });

  it('revoking a key cuts off its live /events socket at once and refuses it over REST', async () => {
    const { apiKey, key } = await createApiKey(admin);
    const other = await createApiKey(admin);
    const keyHttp = httpClient(server.url, key);
    expect((await keyHttp.get('/v1/agents')).status).toBe(200);
    const sub = await subscribe(server.url, key);
    const bystander = await subscribe(server.url, other.key);
    const cut = nextEvent<string>(sub.socket, 'disconnect', 5_000);

    const started = Date.now();
    expect((await admin.delete(`/v1/api-keys/${apiKey.id}`)).status).toBe(204);
    expect(await cut).toBe('io server disconnect');
    // At once, not when the 10 s cache of verified keys runs out (loose: CI machines are busy).
    expect(Date.now() - started).toBeLessThan(5_000);

    const refused = await keyHttp.get<{ error: { code: string } }>('/v1/agents');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthorized');
    const retry = eventsClient(server.url, key);
    await expect(connected(retry)).rejects.toMatchObject({ message: 'unauthorized' });
    retry.disconnect();

    expect(bystander.socket.connected).toBe(true);
    const listed = (await admin.get<{ apiKeys: { id: string; revokedAt: string | null }[] }>('/v1/api-keys')).body.apiKeys.find((k) => k.id === apiKey.id);
    expect(listed?.revokedAt).toEqual(expect.any(String));
    expect((await admin.delete(`/v1/api-keys/${apiKey.id.replace(/./, '0')}`)).status).toBe(404);
    bystander.close();
  });

  it('only admins and API keys manage keys', async () => {
    const { email, password } = { email: `op_${Date.now()}@example.com`, password: 'correct horse battery' };
    expect((await admin.post('/v1/operators', { email, name: 'Op', password })).status).toBe(201);
    const login = await httpClient(server.url).post<{ token: string }>('/v1/auth/login', { email, password });
    const operator = httpClient(server.url, login.body.token);
    expect((await operator.get('/v1/api-keys')).status).toBe(403);
    expect((await operator.post('/v1/api-keys', { name: 'x' })).status).toBe(403);
    expect((await httpClient(server.url).get('/v1/api-keys')).status).toBe(401);
  });
});
