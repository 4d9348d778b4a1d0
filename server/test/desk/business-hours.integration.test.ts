import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AgentDto, MessageDto } from '../../../shared/src/contract/types';
import type { ErrorBody } from '../../../shared/src/errors';
import { closedNow, createAgent, createFakeLlmAgent, createSession, NINE_TO_FIVE, widgetSend } from '../support/factories';
import { startFakeLlm, type FakeLlm } from '../support/fake-llm-server';
import { httpClient } from '../support/http-client';
import { connectWidget, loginAdmin, ok, waitForStored, type Staff } from '../support/operator-helpers';
import { startTestServer, type TestServer } from '../support/test-server';

const BACK = /^Our team is back \w+day at 09:00 \(UTC\)\./;

describe('business hours', () => {
  let server: TestServer;
  let llm: FakeLlm;
  let admin: Staff;
  let away: AgentDto;

  beforeAll(async () => {
    [server, llm] = await Promise.all([startTestServer({ env: { SEED_DEMO: 'false' } }), startFakeLlm()]);
    admin = await loginAdmin(server);
    away = await createAgent(admin.http, { businessHours: closedNow() });
  });
  afterAll(async () => {
    await server.close();
    await llm.close();
  });

  it('is part of the agent: validated, stored, patched, cleared', async () => {
    expect(away.businessHours).toMatchObject({ timezone: 'UTC', holidays: closedNow().holidays });
    const bad = await admin.http.post<{ error: ErrorBody }>('/v1/agents', { name: 'x', businessHours: { timezone: 'Mars/Olympus', weekly: {} } });
    expect(bad.body.error).toMatchObject({ code: 'invalid_request', field: 'businessHours.timezone' });
    const badRange = await admin.http.post<{ error: ErrorBody }>('/v1/agents', { name: 'x', businessHours: { timezone: 'UTC', weekly: { mon: [['17:00', '09:00']] } } });
    expect(badRange.status).toBe(400);
    const agent = await createAgent(admin.http);
    expect(agent.businessHours).toBeNull();
    const patched = await admin.http.patch<{ agent: AgentDto }>(`/v1/agents/${agent.id}`, { businessHours: { timezone: 'Europe/Paris', weekly: { mon: [['09:00', '17:30']] } } });
    expect(patched.body.agent.businessHours).toEqual({ timezone: 'Europe/Paris', weekly: { mon: [['09:00', '17:30']] }, holidays: [] });
    const cleared = await admin.http.patch<{ agent: AgentDto }>(`/v1/agents/${agent.id}`, { businessHours: null });
    expect(cleared.body.agent.businessHours).toBeNull();
  });

  it('widget help:request after hours: a system message says when people are back (the request is still flagged)', async () => {
    const w = await connectWidget(server, away.id);
    try {
      const ack = ok(await w.socket.timeout(5000).emitWithAck('help:request', {}));
      expect(ack.session.helpRequested).toBe(true);
      const notice = await waitForStored(admin.http, w.sessionId, (m) => m.role === 'system');
      expect(notice.content).toMatch(BACK);
    } finally {
      w.socket.close();
    }
  });

  it('REST help after hours answers the same; within hours nothing changes', async () => {
    const { session, customerToken } = await createSession(admin.http, away.id);
    expect((await httpClient(server.url, customerToken).post(`/v1/chat/sessions/${session.id}/help`, {})).status).toBe(200);
    expect((await waitForStored(admin.http, session.id, (m) => m.role === 'system')).content).toMatch(BACK);

    const open = await createAgent(admin.http, { businessHours: { timezone: 'UTC', weekly: Object.fromEntries(Object.keys(NINE_TO_FIVE).map((d) => [d, [['00:00', '24:00']]])) } });
    const w = await connectWidget(server, open.id);
    try {
      ok(await w.socket.timeout(5000).emitWithAck('help:request', {}));
      const line = await waitForStored(admin.http, w.sessionId, (m) => m.role === 'system');
      expect(line.content).toContain('a person will join');
    } finally {
      w.socket.close();
    }
  });

  it('with the ladder on but an operator holding the session, the after-hours line is still stored', async () => {
    const agent = await createAgent(admin.http, { businessHours: closedNow(), escalationLadder: { enabled: true, waitSeconds: 600 } });
    const { session, customerToken } = await createSession(admin.http, agent.id);
    expect((await admin.http.post(`/v1/chat/sessions/${session.id}/takeover`, {})).status).toBe(200);
    expect((await httpClient(server.url, customerToken).post(`/v1/chat/sessions/${session.id}/help`, {})).status).toBe(200);
    expect((await waitForStored(admin.http, session.id, (m) => m.source === 'business_hours')).content).toMatch(BACK);
  });

  it("the model's request_human tool after hours: the customer hears when people are back", async () => {
    const agent = await createFakeLlmAgent(admin.http, llm.url, { businessHours: closedNow() });
    llm.enqueue({ toolCalls: [{ name: 'request_human', arguments: '{"reason":"wants a person"}' }] });
    llm.enqueue({ tokens: ['Our team is away right now.'] });
    const w = await connectWidget(server, agent.id);
    try {
      ok(await widgetSend(w.socket, { clientMessageId: 'c1', content: 'can I talk to a human?' }));
      const notice: MessageDto = await waitForStored(admin.http, w.sessionId, (m) => m.role === 'system' && m.source === 'business_hours');
      expect(notice.content).toMatch(BACK);
      const toolResult = JSON.stringify(llm.requests[llm.requests.length - 1]);
      expect(toolResult).toContain('outside business hours');
    } finally {
      w.socket.close();
    }
  });

  it("with the ladder on, the model's request_human tool after hours leaves one after-hours line: the ladder's", async () => {
    const agent = await createFakeLlmAgent(admin.http, llm.url, { businessHours: closedNow(), escalationLadder: { enabled: true, waitSeconds: 600 } });
    llm.enqueue({ toolCalls: [{ name: 'request_human', arguments: '{"reason":"wants a person"}' }] });
    llm.enqueue({ tokens: ['Noted.'] });
    const w = await connectWidget(server, agent.id);
    try {
      ok(await widgetSend(w.socket, { clientMessageId: 'c1', content: 'can I talk to a human?' }));
      const line = await waitForStored(admin.http, w.sessionId, (m) => m.source === 'escalation');
      expect(line.content).toMatch(BACK);
      await waitForStored(admin.http, w.sessionId, (m) => m.role === 'agent' && m.content === 'Noted.' && m.status === 'complete');
      const stored = await admin.http.get<{ messages: MessageDto[] }>(`/v1/chat/sessions/${w.sessionId}/messages`);
      expect(stored.body.messages.filter((m) => m.source === 'business_hours' || m.source === 'escalation').map((m) => m.content)).toEqual([line.content]);
    } finally {
      w.socket.close();
    }
  });

  it('the escalation ladder does not wait for an operator outside hours, even with one online, and its line is the only after-hours line', async () => {
    expect((await admin.http.patch('/v1/auth/me', { status: 'online' })).status).toBe(200);
    const agent = await createAgent(admin.http, { businessHours: closedNow(), escalationLadder: { enabled: true, waitSeconds: 600 } });
    const w = await connectWidget(server, agent.id);
    try {
      ok(await w.socket.timeout(5000).emitWithAck('help:request', {}));
      const line = await waitForStored(admin.http, w.sessionId, (m) => m.role === 'agent' && m.source === 'escalation');
      expect(line.content).toMatch(BACK);
      await new Promise((r) => setTimeout(r, 300));
      const stored = await admin.http.get<{ messages: MessageDto[] }>(`/v1/chat/sessions/${w.sessionId}/messages`);
      const said = stored.body.messages.filter((m) => m.role === 'system' || m.role === 'agent').map((m) => m.content);
      expect(said).toEqual([line.content]);
    } finally {
      w.socket.close();
    }
  });
});
