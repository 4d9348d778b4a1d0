import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { AgentDto, MessageDto, SessionDto } from '../../../shared/src/contract/types';
import type { ErrorBody } from '../../../shared/src/errors';
import type { Ack, StreamDelta, StreamEnd, TypingPayload } from '../../../shared/src/events';
import { createFakeLlmAgent, widgetSend } from '../support/factories';
import { echoResponder, startFakeLlm, type FakeLlm } from '../support/fake-llm-server';
import { connectOperator, connectWidget, createStaff, loginAdmin, modelInputText, ok, opEmit, Recorder, sessionOf, waitForStored, type Staff } from '../support/operator-helpers';
import { delay, waitUntil } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';

type ErrorResponse = { error: ErrorBody };
const TWENTY_TOKENS = Array.from({ length: 20 }, (_, i) => `t${i} `);

describe('takeover and release', () => {
  let server: TestServer;
  let llm: FakeLlm;
  let admin: Staff;
  let agent: AgentDto;
  const sockets: { close(): unknown }[] = [];
  const track = <T extends { close(): unknown }>(s: T): T => (sockets.push(s), s);

  beforeAll(async () => {
    [server, llm] = await Promise.all([startTestServer({ env: { SEED_DEMO: 'false', RATE_SESSIONS_PER_MINUTE_IP: '200' } }), startFakeLlm()]);
    admin = await loginAdmin(server);
    agent = await createFakeLlmAgent(admin.http, llm.url);
  });
  afterEach(() => void sockets.splice(0).forEach((s) => s.close()));
  afterAll(async () => {
    await server.close();
    await llm.close();
  });

  async function widgetAndOperator(token = admin.token) {
    const w = await connectWidget(server, agent.id);
    track(w.socket);
    const op = track(await connectOperator(server, token));
    ok(await opEmit(op, 'session:join', { sessionId: w.sessionId }));
    return { ...w, op, widgetSeen: new Recorder(w.socket), opSeen: new Recorder(op) };
  }

  it('cuts off a streaming reply at once: no delta after the ack, `interrupted`, upstream aborted, session assigned', async () => {
    const { socket: widget, sessionId, op, widgetSeen, opSeen } = await widgetAndOperator();
    const abortedBefore = llm.aborted;
    llm.enqueue({ tokens: TWENTY_TOKENS, delayMs: 100 });
    ok(await widgetSend(widget, { clientMessageId: 'q1', content: 'tell me a long story' }));
    await waitUntil(() => widgetSeen.of('stream:delta').length >= 3);

    const ack = ok(await opEmit(op, 'takeover', { sessionId }));
    const ackAt = Date.now();
    expect(ack.session).toMatchObject({ mode: 'support', assignedTo: admin.operator.id });
    await delay(600); // six more tokens' worth of time

    const deltas = widgetSeen.timed<StreamDelta>('stream:delta');
    expect(deltas.length).toBeLessThan(TWENTY_TOKENS.length);
    expect(deltas.filter((d) => d.at > ackAt)).toEqual([]);
    const joinedAt = widgetSeen.timed<MessageDto>('message').find((m) => m.payload.role === 'system')?.at ?? 0;
    expect(widgetSeen.of<MessageDto>('message').find((m) => m.role === 'system')?.content).toBe(`${admin.operator.name} joined the chat`);
    expect(deltas.every((d) => d.at <= joinedAt)).toBe(true);

    const end = await widgetSeen.waitFor<StreamEnd>('stream:end');
    expect(end.status).toBe('interrupted');
    expect(end.message.content).toBe(deltas.map((d) => d.payload.text).join(''));
    expect((await opSeen.waitFor<StreamEnd>('stream:end')).status).toBe('interrupted');
    await llm.waitForAbort(abortedBefore + 1);

    const stored = await waitForStored(admin.http, sessionId, (m) => m.role === 'agent');
    expect(stored).toMatchObject({ status: 'interrupted', content: end.message.content });
    expect(await sessionOf(admin.http, sessionId)).toMatchObject({ mode: 'support', assignedTo: admin.operator.id });
    const typing = widgetSeen.of<TypingPayload>('typing').filter((t) => t.from === 'agent');
    expect(typing[typing.length - 1]).toMatchObject({ active: false });

    // In support mode the AI stands down: the model is not called, the operator gets the message.
    const requests = llm.requests.length;
    ok(await widgetSend(widget, { clientMessageId: 'q2', content: 'hello? anyone there?' }));
    await opSeen.waitFor<MessageDto>('message', (m) => m.role === 'customer' && m.content === 'hello? anyone there?');
    await delay(300);
    expect(llm.requests.length).toBe(requests);
    expect(widgetSeen.of('stream:start')).toHaveLength(1);
  });

  it('of two operators taking over at once, exactly one wins; the other gets already_in_support', async () => {
    const other = await createStaff(server, 'operator');
    const { sessionId, op } = await widgetAndOperator();
    const op2 = track(await connectOperator(server, other.token));
    const acks: Ack<{ session: SessionDto }>[] = await Promise.all([opEmit(op, 'takeover', { sessionId }), opEmit(op2, 'takeover', { sessionId })]);
    expect(acks.filter((a) => a.ok)).toHaveLength(1);
    const loser = acks.find((a) => !a.ok);
    expect(loser).toMatchObject({ ok: false, error: { code: 'already_in_support' } });
    const winner = acks.find((a) => a.ok) as { session: SessionDto };
    expect(winner.session.assignedTo).toEqual(expect.stringMatching(new RegExp(`^(${admin.operator.id}|${other.operator.id})$`)));
    const messages = await admin.http.get<{ messages: MessageDto[] }>(`/v1/chat/sessions/${sessionId}/messages`);
    expect(messages.body.messages.filter((m) => m.role === 'system')).toHaveLength(1);
  });

  it('over REST: a repeated takeover by the holder is answered as it is, by another 409 already_in_support; release twice is 409 not_in_support', async () => {
    // Regression (issue 22.7): the same operator taking over twice (a double click, a retry)
    // was told "another operator has already taken over".
    const { sessionId } = await widgetAndOperator();
    const url = `/v1/chat/sessions/${sessionId}`;
    expect((await admin.http.post<{ session: SessionDto }>(`${url}/takeover`)).body.session.mode).toBe('support');
    const repeated = await admin.http.post<{ session: SessionDto }>(`${url}/takeover`);
    expect([repeated.status, repeated.body.session.mode, repeated.body.session.assignedTo]).toEqual([200, 'support', admin.operator.id]);
    const other = await createStaff(server);
    const again = await other.http.post<ErrorResponse>(`${url}/takeover`);
    expect([again.status, again.body.error.code]).toEqual([409, 'already_in_support']);
    const notices = (await admin.http.get<{ messages: MessageDto[] }>(`${url}/messages`)).body.messages.filter((m) => m.role === 'system');
    expect(notices).toHaveLength(1);
    expect((await admin.http.post<{ session: SessionDto }>(`${url}/release`)).body.session.mode).toBe('ai');
    const twice = await admin.http.post<ErrorResponse>(`${url}/release`);
    expect([twice.status, twice.body.error.code]).toEqual([409, 'not_in_support']);
  });

  it('release hands back to the AI with a summary of the human spell and clears helpRequested', async () => {
    const { socket: widget, sessionId, op, widgetSeen } = await widgetAndOperator();
    ok(await widget.timeout(5_000).emitWithAck('help:request', { reason: 'billing' }));
    ok(await opEmit(op, 'takeover', { sessionId }));
    ok(await opEmit(op, 'tell', { sessionId, content: 'Your refund of 42 EUR is approved.' }));
    ok(await widgetSend(widget, { clientMessageId: 's1', content: 'great, thanks!' }));

    // "great, thanks!" came after the operator's last word: the AI answers it on release.
    llm.enqueue({ tokens: ['Glad ', 'to help!'] });
    const released = ok(await opEmit(op, 'release', { sessionId }));
    expect(released.session).toMatchObject({ mode: 'ai', assignedTo: null, helpRequested: false, helpReason: null });
    await widgetSeen.waitFor<StreamEnd>('stream:end', (e) => e.message.content === 'Glad to help!');
    await widgetSeen.waitFor<{ mode: string }>('session:update', (u) => u.mode === 'ai');
    const context = await waitForStored(admin.http, sessionId, (m) => m.role === 'context' && m.source === 'release');
    expect(context.content).toContain('Your refund of 42 EUR is approved.');
    expect(context.content).toContain('great, thanks!');
    expect(widgetSeen.text()).not.toContain('handed it back');

    const before = llm.requests.length;
    llm.enqueue({ tokens: ['Anything ', 'else?'] });
    ok(await widgetSend(widget, { clientMessageId: 's2', content: 'one more question' }));
    const body = await llm.waitForRequest(before + 1);
    expect(modelInputText(body)).toContain('Your refund of 42 EUR is approved.');
    expect(body.messages.some((m) => m.role === 'system' && String(m.content).includes('handed it back to you'))).toBe(true);
    const end = await widgetSeen.waitFor<StreamEnd>('stream:end', (e) => e.message.content !== 'Glad to help!');
    expect(end.message).toMatchObject({ content: 'Anything else?', status: 'complete' });
  });

  it('a customer message left unanswered at release is answered by the AI, once, and the widget is told the AI is back', async () => {
    // Regression (issue 22.3): the message sent during the human's turn was left hanging after
    // release (no reply until the customer wrote again), and the widget said nothing.
    const { socket: widget, sessionId, op, widgetSeen } = await widgetAndOperator();
    ok(await opEmit(op, 'takeover', { sessionId }));
    ok(await widgetSend(widget, { clientMessageId: 'p1', content: 'still waiting on my parcel' }));
    const before = llm.requests.length;
    llm.enqueue({ tokens: ['Let me ', 'check.'] });
    ok(await opEmit(op, 'release', { sessionId }));
    const body = await llm.waitForRequest(before + 1);
    expect(body.messages.filter((m) => m.role === 'user').map((m) => m.content).at(-1)).toBe('still waiting on my parcel');
    const end = await widgetSeen.waitFor<StreamEnd>('stream:end');
    expect(end.message).toMatchObject({ content: 'Let me check.', status: 'complete' });
    const back = await widgetSeen.waitFor<MessageDto>('message', (m) => m.role === 'system' && m.source === 'release');
    expect(back.content).toBe('The AI assistant is back in the chat and will answer from here.');
    await delay(300);
    expect(llm.requests.length).toBe(before + 1);
  });

  it('a release after the operator answered the last message adds no AI reply', async () => {
    const { socket: widget, sessionId, op, widgetSeen } = await widgetAndOperator();
    ok(await opEmit(op, 'takeover', { sessionId }));
    ok(await widgetSend(widget, { clientMessageId: 'a1', content: 'is it shipped?' }));
    ok(await opEmit(op, 'tell', { sessionId, content: 'Yes, it left today.' }));
    const before = llm.requests.length;
    ok(await opEmit(op, 'release', { sessionId }));
    await widgetSeen.waitFor<MessageDto>('message', (m) => m.role === 'system' && m.source === 'release');
    await delay(400);
    expect(llm.requests.length).toBe(before);
    expect(widgetSeen.of('stream:start')).toHaveLength(0);
  });

  it('a reply queued just as a takeover lands never streams in support mode', async () => {
    // Regression: the runtime registered a reply's abort handle only after reading the session
    // and agent, so a takeover landing between those reads was acked while the reply went on
    // streaming (and ended `complete`) in support mode. Staggered races hit that window.
    llm.setResponder(() => ({ tokens: ['late ', 'reply ', 'text'], delayMs: 30 }));
    try {
      for (let stagger = 0; stagger < 26; stagger += 2) {
        const { socket: widget, sessionId, op, widgetSeen } = await widgetAndOperator();
        const sent = widgetSend(widget, { clientMessageId: `r${stagger}`, content: 'race' });
        await delay(stagger);
        ok(await opEmit(op, 'takeover', { sessionId }));
        const ackAt = Date.now();
        ok(await sent);
        await delay(150);
        expect(widgetSeen.timed('stream:delta').filter((d) => d.at > ackAt)).toEqual([]);
        const stored = (await admin.http.get<{ messages: MessageDto[] }>(`/v1/chat/sessions/${sessionId}/messages`)).body.messages;
        expect(stored.filter((m) => m.role === 'agent' && m.status !== 'interrupted')).toEqual([]);
        widget.close();
      }
    } finally {
      llm.setResponder(echoResponder);
    }
  });
});
