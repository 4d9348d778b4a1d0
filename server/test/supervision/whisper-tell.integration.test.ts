import { beforeAll, describe, expect, it } from '@jest/globals';
import type { AgentDto, MessageDto, SessionDto } from '../../../shared/src/contract/types';
import type { ErrorBody } from '../../../shared/src/errors';
import type { StreamEnd } from '../../../shared/src/events';
import { createFakeLlmAgent, uniq, widgetSend, widgetSince } from '../support/factories';
import { httpClient } from '../support/http-client';
import { connectWidget, modelInputText, ok, opEmit, Recorder, sessionOf } from '../support/operator-helpers';
import { delay } from '../support/socket-clients';
import { useSupervisedDesk } from '../support/supervised-desk';

type ErrorResponse = { error: ErrorBody };

describe('whisper and tell, over sockets and REST', () => {
  const desk = useSupervisedDesk();
  let agent: AgentDto;

  beforeAll(async () => {
    agent = await createFakeLlmAgent(desk.admin.http, desk.llm.url);
  });

  /** A widget on a new session, recorded from its first event, with the operator joined. */
  async function joinedSession() {
    const w = await desk.watched(agent.id);
    return { ...w, widgetSeen: w.customerSaw };
  }

  it('a whisper is stored as `whisper`, reaches operators, never the customer, and guides the next reply', async () => {
    const { socket: widget, sessionId, widgetSeen, snapshot } = await joinedSession();
    const opSeen = new Recorder(desk.op);
    const overSocket = `socket-whisper-${uniq()}`;
    const overRest = `rest-whisper-${uniq()}`;

    const ack = ok(await opEmit(desk.op, 'whisper', { sessionId, content: overSocket }));
    expect(ack.message).toMatchObject({ role: 'whisper', content: overSocket, author: { id: desk.admin.operator.id, name: desk.admin.operator.name } });
    const rest = await desk.admin.http.post<{ message: MessageDto }>(`/v1/chat/sessions/${sessionId}/whisper`, { content: overRest });
    expect(rest.status).toBe(201);
    expect(rest.body.message.role).toBe('whisper');
    await opSeen.waitFor<MessageDto>('message', (m) => m.content === overRest);
    expect(opSeen.of<MessageDto>('message').map((m) => m.content)).toEqual([overSocket, overRest]);

    const before = desk.llm.requests.length;
    desk.llm.enqueue({ tokens: ['Following ', 'guidance'] });
    ok(await widgetSend(widget, { clientMessageId: 'c1', content: 'what now?' }));
    const body = await desk.llm.waitForRequest(before + 1);
    expect(modelInputText(body)).toContain(overSocket);
    expect(modelInputText(body)).toContain(overRest);
    await widgetSeen.waitFor<StreamEnd>('stream:end');

    // Every customer-facing read, live or stored, is free of both whispers.
    const customer = httpClient(desk.server.url, snapshot.customerToken);
    const reads = [
      await customer.get<{ messages: MessageDto[] }>(`/v1/chat/sessions/${sessionId}/messages`),
      await customer.get(`/v1/chat/sessions/${sessionId}`),
      ok(await widgetSince(widget, 0)),
      (await connectWidget(desk.server, agent.id, snapshot.customerToken).then((w) => (desk.closeAfterTest(w.socket), w))).snapshot,
    ];
    for (const read of [...reads, widgetSeen.events]) {
      expect(JSON.stringify(read)).not.toContain(overSocket);
      expect(JSON.stringify(read)).not.toContain(overRest);
    }
    expect(JSON.stringify(reads[0])).not.toContain('"whisper"');
    const staffView = await desk.admin.http.get<{ messages: MessageDto[] }>(`/v1/chat/sessions/${sessionId}/messages`);
    expect(staffView.body.messages.filter((m) => m.role === 'whisper').map((m) => m.content)).toEqual([overSocket, overRest]);
  });

  it('`respond: true` makes the AI answer at once, following the whisper', async () => {
    const { sessionId, widgetSeen } = await joinedSession();
    const secret = `offer-code-${uniq()}`;
    const before = desk.llm.requests.length;
    desk.llm.enqueue({ tokens: ['Good ', 'news!'] });
    ok(await opEmit(desk.op, 'whisper', { sessionId, content: `Offer code ${secret}, without naming it`, respond: true }));
    const body = await desk.llm.waitForRequest(before + 1);
    expect(modelInputText(body)).toContain(secret);
    const end = await widgetSeen.waitFor<StreamEnd>('stream:end');
    expect(end.message).toMatchObject({ role: 'agent', content: 'Good news!', status: 'complete' });
    expect(widgetSeen.text()).not.toContain(secret);
  });

  it('over REST, `respond: true` also answers at once; in support mode it does not', async () => {
    const { sessionId, widgetSeen } = await joinedSession();
    const before = desk.llm.requests.length;
    desk.llm.enqueue({ tokens: ['Sure.'] });
    expect((await desk.admin.http.post(`/v1/chat/sessions/${sessionId}/whisper`, { content: 'be brief', respond: true })).status).toBe(201);
    await widgetSeen.waitFor<StreamEnd>('stream:end');
    expect(desk.llm.requests.length).toBe(before + 1);

    ok(await opEmit(desk.op, 'takeover', { sessionId }));
    expect((await desk.admin.http.post(`/v1/chat/sessions/${sessionId}/whisper`, { content: 'noted', respond: true })).status).toBe(201);
    await delay(300);
    expect(desk.llm.requests.length).toBe(before + 1);
  });

  it('tell: an `operator` message with its author that the widget gets at once; the mode stays `ai`', async () => {
    const { sessionId, widgetSeen } = await joinedSession();
    const ack = ok(await opEmit(desk.op, 'tell', { sessionId, content: 'Hi, Sam from support here.' }));
    expect(ack.message).toMatchObject({ role: 'operator', author: { name: desk.admin.operator.name } });
    const got = await widgetSeen.waitFor<MessageDto>('message', (m) => m.role === 'operator');
    expect(got).toMatchObject({ content: 'Hi, Sam from support here.', author: { id: desk.admin.operator.id, name: desk.admin.operator.name } });

    const rest = await desk.admin.http.post<{ message: MessageDto }>(`/v1/chat/sessions/${sessionId}/tell`, { content: 'Also over REST' });
    expect(rest.status).toBe(201);
    await widgetSeen.waitFor<MessageDto>('message', (m) => m.content === 'Also over REST');
    const byKey = await httpClient(desk.server.url, desk.server.masterKey).post<{ message: MessageDto }>(`/v1/chat/sessions/${sessionId}/tell`, { content: 'From the CRM' });
    expect(byKey.body.message.author?.name).toBe('Support');
    expect((await sessionOf(desk.admin.http, sessionId)).mode).toBe('ai');
    expect(desk.llm.requests.filter((r) => modelInputText(r).includes('Sam from support')).length).toBe(0);
  });

  it('a tell, whisper or context sent again with its clientMessageId is stored, shown and answered once', async () => {
    const { socket: widget, sessionId, widgetSeen } = await joinedSession();
    const opSeen = new Recorder(desk.op);
    const path = `/v1/chat/sessions/${sessionId}`;
    // The customer picked the same id first: staff ids live apart, so nothing is swallowed.
    ok(await widgetSend(widget, { clientMessageId: 'same-id', content: 'hello' }));
    await widgetSeen.waitFor<StreamEnd>('stream:end');

    const first = await desk.admin.http.post<{ message: MessageDto; duplicate: boolean }>(`${path}/tell`, { content: 'One moment', clientMessageId: 'same-id' });
    const again = await desk.admin.http.post<{ message: MessageDto; duplicate: boolean }>(`${path}/tell`, { content: 'One moment', clientMessageId: 'same-id' });
    expect([first.status, first.body.duplicate, again.status, again.body.duplicate]).toEqual([201, false, 200, true]);
    expect(again.body.message.id).toBe(first.body.message.id);
    const overSocket = ok(await opEmit(desk.op, 'tell', { sessionId, content: 'One moment', clientMessageId: 'same-id' }));
    expect(overSocket).toMatchObject({ duplicate: true, message: { id: first.body.message.id } });

    const before = desk.llm.requests.length;
    desk.llm.enqueue({ tokens: ['Done.'] });
    const whisper = { content: 'Apologise for the wait', respond: true, clientMessageId: 'w-1' };
    expect(ok(await opEmit(desk.op, 'whisper', { sessionId, ...whisper })).duplicate).toBe(false);
    expect(ok(await opEmit(desk.op, 'whisper', { sessionId, ...whisper })).duplicate).toBe(true);
    const context = { content: 'Order 42 shipped', source: 'crm', clientMessageId: 'ctx-1' };
    expect((await desk.admin.http.post(`${path}/context`, context)).status).toBe(201);
    expect((await desk.admin.http.post<{ duplicate: boolean }>(`${path}/context`, context)).body).toMatchObject({ duplicate: true });
    await widgetSeen.waitFor<StreamEnd>('stream:end', (e) => e.message.content === 'Done.');
    await delay(300);

    const history = await desk.admin.http.get<{ messages: MessageDto[] }>(`${path}/messages`);
    // The reply the whisper asked for may take its seq before the context does: count, don't order.
    expect(history.body.messages.map((m) => m.role).sort()).toEqual(['agent', 'agent', 'context', 'customer', 'operator', 'whisper']);
    expect(desk.llm.requests.length).toBe(before + 1);
    expect(widgetSeen.of<MessageDto>('message').filter((m) => m.content === 'One moment')).toHaveLength(1);
    expect(opSeen.of<MessageDto>('message').filter((m) => m.role === 'whisper' || m.role === 'context')).toHaveLength(2);
  });

  it('empty or oversized commands are refused with the field named', async () => {
    const { sessionId } = await joinedSession();
    expect(await opEmit(desk.op, 'tell', { sessionId, content: '   ' })).toMatchObject({ ok: false, error: { code: 'invalid_request', field: 'content' } });
    const huge = await desk.admin.http.post<ErrorResponse>(`/v1/chat/sessions/${sessionId}/whisper`, { content: 'x'.repeat(5000) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('message_too_large');
  });

  it('on a closed session tell and whisper answer 409 session_closed and store nothing; an unknown session is 404', async () => {
    const { sessionId } = await joinedSession();
    expect((await desk.admin.http.post(`/v1/chat/sessions/${sessionId}/close`, {})).status).toBe(200);
    const { lastSeq } = await sessionOf(desk.admin.http, sessionId);
    for (const command of ['tell', 'whisper'] as const) {
      const res = await desk.admin.http.post<ErrorResponse>(`/v1/chat/sessions/${sessionId}/${command}`, { content: 'too late' });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('session_closed');
      expect(await opEmit(desk.op, command, { sessionId, content: 'too late' })).toMatchObject({ ok: false, error: { code: 'session_closed' } });
    }
    expect((await sessionOf(desk.admin.http, sessionId)).lastSeq).toBe(lastSeq);
    const staffView = await desk.admin.http.get<{ messages: MessageDto[] }>(`/v1/chat/sessions/${sessionId}/messages`);
    expect(staffView.body.messages.map((m) => m.content)).not.toContain('too late');
    const missing = await desk.admin.http.post<ErrorResponse>('/v1/chat/sessions/0123456789abcdef01234567/tell', { content: 'anyone?' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    expect(await opEmit(desk.op, 'tell', { sessionId: '0123456789abcdef01234567', content: 'anyone?' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  describe('an agent with whisper and takeover switched off', () => {
    let limited: AgentDto;

    beforeAll(async () => {
      limited = await createFakeLlmAgent(desk.admin.http, desk.llm.url, { supportCommands: { whisper: false, tell: true, takeover: false } });
    });

    it('GET /v1/agents/:id shows the switches', async () => {
      const res = await desk.admin.http.get<{ agent: AgentDto }>(`/v1/agents/${limited.id}`);
      expect(res.body.agent.supportCommands).toEqual({ whisper: false, tell: true, takeover: false });
    });

    it('whisper and takeover answer command_disabled (ack and 403) and change nothing; tell still works', async () => {
      const w = await connectWidget(desk.server, limited.id);
      desk.closeAfterTest(w.socket);
      const { sessionId } = w;
      const joined = ok(await opEmit(desk.op, 'session:join', { sessionId }));
      expect(joined.supportCommands).toEqual({ whisper: false, tell: true, takeover: false });

      for (const ack of [await opEmit(desk.op, 'whisper', { sessionId, content: 'psst' }), await opEmit(desk.op, 'takeover', { sessionId })]) {
        expect(ack).toMatchObject({ ok: false, error: { code: 'command_disabled' } });
      }
      for (const path of ['whisper', 'takeover']) {
        const res = await desk.admin.http.post<ErrorResponse>(`/v1/chat/sessions/${sessionId}/${path}`, { content: 'psst' });
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('command_disabled');
      }
      const session: SessionDto = await sessionOf(desk.admin.http, sessionId);
      expect(session).toMatchObject({ mode: 'ai', assignedTo: null, lastSeq: 0 });

      ok(await opEmit(desk.op, 'tell', { sessionId, content: 'tell is allowed' }));
      expect((await sessionOf(desk.admin.http, sessionId)).lastSeq).toBe(1);
    });
  });
});
