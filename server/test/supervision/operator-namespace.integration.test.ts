import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { AgentDto, MessageDto, SessionDto, SessionStats } from '../../../shared/src/contract/types';
import type { StreamDelta, StreamEnd, StreamStart } from '../../../shared/src/events';
import { createFakeLlmAgent, widgetSend } from '../support/factories';
import { startFakeLlm, type FakeLlm } from '../support/fake-llm-server';
import { connectOperator, connectWidget, loginAdmin, ok, opEmit, rawEmit, Recorder, type Staff } from '../support/operator-helpers';
import { connected, delay, operatorClient } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';

describe('/operator namespace: the live log and joined sessions', () => {
  let server: TestServer;
  let llm: FakeLlm;
  let admin: Staff;
  let agent: AgentDto;
  const sockets: { close(): unknown }[] = [];
  const track = <T extends { close(): unknown }>(s: T): T => (sockets.push(s), s);

  beforeAll(async () => {
    [server, llm] = await Promise.all([startTestServer({ env: { SEED_DEMO: 'false' } }), startFakeLlm()]);
    admin = await loginAdmin(server);
    agent = await createFakeLlmAgent(admin.http, llm.url);
  });
  afterEach(() => void sockets.splice(0).forEach((s) => s.close()));
  afterAll(async () => {
    await server.close();
    await llm.close();
  });

  it('a stored message moves the session only for the log: widgets and joined operators get the message, not an update', async () => {
    const widget = await connectWidget(server, agent.id);
    track(widget.socket);
    const watcher = track(await connectOperator(server, admin.token));
    ok(await opEmit(watcher, 'sessions:watch', { filters: { agentId: agent.id } }));
    const joined = track(await connectOperator(server, admin.token));
    ok(await opEmit(joined, 'session:join', { sessionId: widget.sessionId }));
    ok(await opEmit(joined, 'takeover', { sessionId: widget.sessionId }));
    await delay(200);
    const [w, log, j] = [new Recorder(widget.socket), new Recorder(watcher), new Recorder(joined)];

    ok(await opEmit(joined, 'tell', { sessionId: widget.sessionId, content: 'counters only' }));
    await w.waitFor<MessageDto>('message', (m) => m.content === 'counters only');
    await j.waitFor<MessageDto>('message', (m) => m.content === 'counters only');
    const updated = await log.waitFor<SessionDto>('session:updated', (s) => s.id === widget.sessionId);
    await delay(200);
    expect(w.of('session:update')).toEqual([]);
    expect(j.of('session:updated')).toEqual([]);

    // A real change (the session handed back to the AI) still reaches all of them.
    ok(await opEmit(joined, 'release', { sessionId: widget.sessionId }));
    await w.waitFor<{ mode: string }>('session:update', (u) => u.mode === 'ai');
    await j.waitFor<SessionDto>('session:updated', (s) => s.mode === 'ai');
    expect(updated.lastSeq).toBeGreaterThan(0);
  });

  it('sessions:watch answers {sessions, stats, nextCursor}, then pushes session:created, session:updated and stats', async () => {
    const op = track(await connectOperator(server, admin.token));
    const seen = new Recorder(op);
    const watch = ok(await opEmit(op, 'sessions:watch', { filters: { agentId: agent.id } }));
    expect(watch).toMatchObject({ sessions: expect.any(Array), nextCursor: null, stats: { total: expect.any(Number), helpRequested: expect.any(Number) } });
    const totalBefore = watch.stats.total;

    llm.enqueue({ tokens: ['Hi', ' there'] });
    const widget = track(await connectWidget(server, agent.id).then((w) => w.socket));
    const created = await seen.waitFor<SessionDto>('session:created', (s) => s.agentId === agent.id);
    expect(created).toMatchObject({ status: 'active', mode: 'ai', helpRequested: false });

    ok(await widgetSend(widget, { clientMessageId: 'w1', content: 'hello' }));
    await seen.waitFor<SessionDto>('session:updated', (s) => s.id === created.id && s.lastSeq >= 1);
    const stats = await seen.waitFor<SessionStats>('stats', (st) => st.total === totalBefore + 1);
    expect(stats.active).toBeGreaterThanOrEqual(1);

    const page = ok(await opEmit(op, 'sessions:watch', { filters: { agentId: agent.id }, limit: 1 }));
    expect(page.sessions.map((s) => s.id)).toEqual([created.id]);
  });

  it('a filter the log does not match lists nothing, and the next page has a cursor when more exist', async () => {
    const op = track(await connectOperator(server, admin.token));
    const none = ok(await opEmit(op, 'sessions:watch', { filters: { agentId: agent.id, mode: 'support' } }));
    expect(none.sessions).toEqual([]);
    expect(none.stats.total).toBe(0);
    track((await connectWidget(server, agent.id)).socket);
    track((await connectWidget(server, agent.id)).socket);
    const page = ok(await opEmit(op, 'sessions:watch', { filters: { agentId: agent.id }, limit: 1 }));
    expect(page.sessions).toHaveLength(1);
    expect(page.nextCursor).toEqual(expect.any(String));
  });

  it('session:join answers the whole thread, whispers and context included, then streams the reply live', async () => {
    const op = track(await connectOperator(server, admin.token));
    llm.enqueue({ tokens: ['First', ' answer'] });
    const { socket: widget, sessionId } = await connectWidget(server, agent.id);
    track(widget);
    const widgetSeen = new Recorder(widget);
    ok(await widgetSend(widget, { clientMessageId: 'a', content: 'question one' }));
    await widgetSeen.waitFor<StreamEnd>('stream:end');
    ok(await opEmit(op, 'whisper', { sessionId, content: 'secret guidance' }));
    expect((await admin.http.post(`/v1/chat/sessions/${sessionId}/context`, { content: 'CRM: gold tier', source: 'crm' })).status).toBe(201);

    const joined = ok(await opEmit(op, 'session:join', { sessionId }));
    expect(joined.session.id).toBe(sessionId);
    expect(joined.supportCommands).toEqual({ whisper: true, tell: true, takeover: true });
    expect(joined.messages.map((m) => m.role)).toEqual(['customer', 'agent', 'whisper', 'context']);
    expect(joined.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(joined.messages[1]).toMatchObject({ content: 'First answer', status: 'complete' });

    const seen = new Recorder(op);
    llm.enqueue({ tokens: ['one ', 'two ', 'three ', 'four ', 'five'], delayMs: 80 });
    ok(await widgetSend(widget, { clientMessageId: 'b', content: 'question two' }));
    const start = await seen.waitFor<StreamStart>('stream:start');
    const end = await seen.waitFor<StreamEnd>('stream:end', (e) => e.messageId === start.messageId);
    expect(end).toMatchObject({ status: 'complete', message: { content: 'one two three four five', role: 'agent' } });

    const customer = seen.of<MessageDto>('message').find((m) => m.role === 'customer');
    expect(customer?.content).toBe('question two');
    const deltas = seen.timed<StreamDelta>('stream:delta').filter((d) => d.payload.messageId === start.messageId);
    expect(deltas.map((d) => d.payload.index)).toEqual([0, 1, 2, 3, 4]);
    expect(deltas.map((d) => d.payload.text).join('')).toBe('one two three four five');
    // The operator watches the reply being typed: deltas arrive spread out, well before the end.
    const endAt = seen.timed<StreamEnd>('stream:end')[0]?.at ?? 0;
    expect(deltas[0]!.at).toBeLessThan(endAt - 150);
    const order = seen.events.map((e) => e.event).filter((e) => e.startsWith('stream:'));
    expect(order[0]).toBe('stream:start');
    expect(order[order.length - 1]).toBe('stream:end');
  });

  it('session:leave stops the live thread; a session that does not exist is not_found', async () => {
    const op = track(await connectOperator(server, admin.token));
    const { socket: widget, sessionId } = await connectWidget(server, agent.id);
    track(widget);
    ok(await opEmit(op, 'session:join', { sessionId }));
    ok(await opEmit(op, 'session:leave', { sessionId }));
    const seen = new Recorder(op);
    llm.enqueue({ tokens: ['quiet'] });
    const widgetSeen = new Recorder(widget);
    ok(await widgetSend(widget, { clientMessageId: 'x', content: 'anyone?' }));
    await widgetSeen.waitFor('stream:end');
    expect(seen.events.filter((e) => e.event === 'message' || e.event.startsWith('stream:'))).toEqual([]);

    const missing = await opEmit(op, 'session:join', { sessionId: '0123456789abcdef01234567' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  describe('authorization edges', () => {
    it('a garbage operator token fails the handshake with connect_error unauthorized', async () => {
      const socket = track(operatorClient(server.url, 'garbage-token-not-a-jwt'));
      await expect(connected(socket)).rejects.toThrow('unauthorized');
      const noToken = track(operatorClient(server.url, ''));
      await expect(connected(noToken)).rejects.toThrow('invalid_request');
    });

    it('a customer token is not an operator token', async () => {
      const { snapshot } = await connectWidget(server, agent.id).then((w) => (track(w.socket), w));
      const socket = track(operatorClient(server.url, snapshot.customerToken));
      await expect(connected(socket)).rejects.toThrow('unauthorized');
    });

    it('a widget socket emitting operator events gets no ack and changes nothing', async () => {
      const { socket, sessionId } = await connectWidget(server, agent.id);
      track(socket);
      const seen = new Recorder(socket);
      const attempts = [
        rawEmit(socket, 'takeover', { sessionId }, 400),
        rawEmit(socket, 'whisper', { sessionId, content: 'from a widget' }, 400),
        rawEmit(socket, 'sessions:watch', { filters: {} }, 400),
        rawEmit(socket, 'release', { sessionId }, 400),
      ];
      for (const outcome of await Promise.allSettled(attempts)) expect(outcome.status).toBe('rejected');
      await delay(100);
      expect(seen.events.filter((e) => e.event === 'session:created' || e.event === 'stats' || e.event === 'session:updated')).toEqual([]);

      const session = await admin.http.get<{ session: SessionDto }>(`/v1/chat/sessions/${sessionId}`);
      expect(session.body.session).toMatchObject({ mode: 'ai', lastSeq: 0 });
    });

    it('an operator socket cannot send a customer message', async () => {
      const op = track(await connectOperator(server, admin.token));
      await expect(rawEmit(op, 'message:send', { clientMessageId: 'z', content: 'spoof' }, 400)).rejects.toThrow();
    });
  });
});
