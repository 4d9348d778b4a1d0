import { beforeAll, describe, expect, it } from '@jest/globals';
import type { AgentDto, CustomerSessionDto, MessageDto, SessionDto, SessionStats } from '../../../shared/src/contract/types';
import type { Ack, StreamEnd, TypingPayload } from '../../../shared/src/events';
import { createFakeLlmAgent, widgetSend } from '../support/factories';
import { connectOperator, ok, opEmit, Recorder, sessionOf, waitForStored } from '../support/operator-helpers';
import { delay, waitUntil, type WidgetClient } from '../support/socket-clients';
import { useSupervisedDesk } from '../support/supervised-desk';

const TYPING_TIMEOUT_MS = 400;
const requestHelp = (w: WidgetClient, reason?: string): Promise<Ack<{ session: CustomerSessionDto }>> =>
  w.timeout(5_000).emitWithAck('help:request', reason ? { reason } : {});

describe('help requested and typing indicators', () => {
  const desk = useSupervisedDesk({ env: { LLM_MAX_RETRIES: '0', OPERATOR_TYPING_TIMEOUT_MS: String(TYPING_TIMEOUT_MS) } });
  let agent: AgentDto;

  beforeAll(async () => {
    agent = await createFakeLlmAgent(desk.admin.http, desk.llm.url);
  });

  async function joined() {
    const w = await desk.watched(agent.id);
    return { ...w, widgetSeen: w.customerSaw };
  }

  describe('help requested', () => {
    it('the widget sets it once: one system message, session:updated and stats for operators', async () => {
      const watcher = await connectOperator(desk.server, desk.admin.token);
      desk.closeAfterTest(watcher);
      const logSeen = new Recorder(watcher);
      const before = ok(await opEmit(watcher, 'sessions:watch', { filters: { agentId: agent.id } })).stats.helpRequested;
      const { socket, sessionId, widgetSeen } = await joined();

      const first = ok(await requestHelp(socket, 'my order is lost'));
      expect(first.session.helpRequested).toBe(true);
      const system = await widgetSeen.waitFor<MessageDto>('message', (m) => m.role === 'system');
      expect(system.content).toMatch(/person will join/);
      const updated = await logSeen.waitFor<SessionDto>('session:updated', (s) => s.id === sessionId && s.helpRequested);
      expect(updated).toMatchObject({ helpReason: 'my order is lost', helpRequestedAt: expect.any(String) });
      await logSeen.waitFor<SessionStats>('stats', (s) => s.helpRequested === before + 1);

      const second = ok(await requestHelp(socket, 'hello??'));
      expect(second.session.helpRequested).toBe(true);
      const session = await sessionOf(desk.admin.http, sessionId);
      expect(session.helpReason).toBe('my order is lost');
      expect(session.helpRequestedAt).toBe(updated.helpRequestedAt);
      const stored = (await desk.admin.http.get<{ messages: MessageDto[] }>(`/v1/chat/sessions/${sessionId}/messages`)).body.messages;
      expect(stored.filter((m) => m.role === 'system')).toHaveLength(1);

      const inbox = ok(await opEmit(watcher, 'sessions:watch', { filters: { agentId: agent.id, helpRequested: true } }));
      expect(inbox.sessions.map((s) => s.id)).toContain(sessionId);
      const rest = await desk.admin.http.get<{ sessions: SessionDto[] }>(`/v1/chat/sessions?agentId=${agent.id}&helpRequested=true`);
      expect(rest.body.sessions.map((s) => s.id)).toContain(sessionId);
      expect(rest.body.sessions.every((s) => s.helpRequested)).toBe(true);

      const resolved = ok(await opEmit(desk.op, 'help:resolve', { sessionId }));
      expect(resolved.session).toMatchObject({ helpRequested: false, helpReason: null, helpRequestedAt: null });
      await widgetSeen.waitFor<{ helpRequested: boolean }>('session:update', (u) => !u.helpRequested);
      const after = await desk.admin.http.get<{ sessions: SessionDto[] }>(`/v1/chat/sessions?agentId=${agent.id}&helpRequested=true`);
      expect(after.body.sessions.map((s) => s.id)).not.toContain(sessionId);
    });

    it('the model calling request_human sets it with the reason', async () => {
      const { socket, sessionId, widgetSeen } = await joined();
      desk.llm.enqueue({ toolCalls: [{ name: 'request_human', arguments: '{"reason":"wants a person"}' }] }, { tokens: ['A colleague ', 'will join.'] });
      ok(await widgetSend(socket, { clientMessageId: 'h1', content: 'I want to talk to a human' }));
      const end = await widgetSeen.waitFor<StreamEnd>('stream:end');
      expect(end.message.content).toBe('A colleague will join.');
      expect(await sessionOf(desk.admin.http, sessionId)).toMatchObject({ helpRequested: true, helpReason: 'wants a person', mode: 'ai' });
      expect(widgetSeen.of<{ helpRequested: boolean }>('session:update').some((u) => u.helpRequested)).toBe(true);
      const tools = desk.llm.requests[desk.llm.requests.length - 2]?.tools?.map((t) => (t.type === 'function' ? t.function.name : ''));
      expect(tools).toContain('request_human');
    });
  });

  describe('typing', () => {
    it('the AI goes thinking → streaming → idle on the widget', async () => {
      const { socket, widgetSeen } = await joined();
      desk.llm.enqueue({ tokens: ['a ', 'b ', 'c'], delayMs: 50 });
      ok(await widgetSend(socket, { clientMessageId: 't1', content: 'hi' }));
      await widgetSeen.waitFor<StreamEnd>('stream:end');
      await widgetSeen.waitFor<TypingPayload>('typing', (t) => t.from === 'agent' && !t.active);
      const states = widgetSeen.of<TypingPayload>('typing').filter((t) => t.from === 'agent');
      expect(states.map((t) => [t.state, t.active])).toEqual([
        ['thinking', true],
        ['streaming', true],
        ['idle', false],
      ]);
      const order = widgetSeen.events.map((e) => (e.event === 'typing' ? `typing:${(e.args[0] as TypingPayload).state}` : e.event));
      expect(order.indexOf('typing:streaming')).toBeLessThan(order.indexOf('stream:delta'));
    });

    it('ends idle when the model fails too, and the failure asks for a human', async () => {
      const { socket, sessionId, widgetSeen } = await joined();
      desk.llm.enqueue({ status: 500 });
      ok(await widgetSend(socket, { clientMessageId: 'f1', content: 'hi' }));
      const last = await waitUntil(() => {
        const agentTyping = widgetSeen.of<TypingPayload>('typing').filter((t) => t.from === 'agent');
        const tail = agentTyping[agentTyping.length - 1];
        return tail && !tail.active ? tail : null;
      });
      expect(last.state).toBe('idle');
      expect(widgetSeen.of<TypingPayload>('typing').filter((t) => t.from === 'agent')[0]?.state).toBe('thinking');
      const failed = await waitForStored(desk.admin.http, sessionId, (m) => m.role === 'agent');
      expect(failed.status).toBe('failed');
      await waitUntil(async () => (await sessionOf(desk.admin.http, sessionId)).helpRequested);
    });

    it("an operator's typing reaches the widget with from: 'operator' and the name; the customer's reaches operators only", async () => {
      const { socket, sessionId, widgetSeen } = await joined();
      const opSeen = new Recorder(desk.op);
      ok(await opEmit(desk.op, 'typing', { sessionId, active: true }));
      const got = await widgetSeen.waitFor<TypingPayload>('typing', (t) => t.from === 'operator');
      expect(got).toMatchObject({ sessionId, from: 'operator', active: true, name: desk.admin.operator.name });
      ok(await opEmit(desk.op, 'typing', { sessionId, active: false }));
      await widgetSeen.waitFor<TypingPayload>('typing', (t) => t.from === 'operator' && !t.active);

      ok(await socket.timeout(5_000).emitWithAck('typing', { active: true }));
      expect(await opSeen.waitFor<TypingPayload>('typing', (t) => t.from === 'customer')).toMatchObject({ sessionId, active: true });
      await delay(100);
      expect(widgetSeen.of<TypingPayload>('typing').filter((t) => t.from === 'customer')).toEqual([]);
    });

    it("an operator's indicator expires by itself after OPERATOR_TYPING_TIMEOUT_MS without an update", async () => {
      const { sessionId, widgetSeen } = await joined();
      const operatorTyping = () => widgetSeen.timed<TypingPayload>('typing').filter((t) => t.payload.from === 'operator');
      ok(await opEmit(desk.op, 'typing', { sessionId, active: true }));
      await waitUntil(() => operatorTyping().length === 1);
      // A fresh update restarts the countdown.
      await delay(TYPING_TIMEOUT_MS * 0.6);
      const refreshedAt = Date.now(); // before the emit: the desk.server's countdown starts later still
      ok(await opEmit(desk.op, 'typing', { sessionId, active: true }));
      const expired = await waitUntil(() => operatorTyping().find((t) => !t.payload.active), TYPING_TIMEOUT_MS * 5);
      expect(expired.payload).toMatchObject({ sessionId, from: 'operator', active: false, name: desk.admin.operator.name });
      expect(expired.at - refreshedAt).toBeGreaterThanOrEqual(TYPING_TIMEOUT_MS - 5);
      expect(operatorTyping().map((t) => t.payload.active)).toEqual([true, true, false]);

      // An explicit stop cancels the countdown: no second `active: false` follows.
      ok(await opEmit(desk.op, 'typing', { sessionId, active: true }));
      ok(await opEmit(desk.op, 'typing', { sessionId, active: false }));
      await delay(TYPING_TIMEOUT_MS * 2);
      expect(operatorTyping().map((t) => t.payload.active)).toEqual([true, true, false, true, false]);
    });

    it('an operator who disconnects mid-word leaves no indicator behind', async () => {
      const { sessionId, widgetSeen } = await joined();
      const leaving = await connectOperator(desk.server, desk.admin.token);
      ok(await opEmit(leaving, 'typing', { sessionId, active: true }));
      leaving.close();
      const expired = await widgetSeen.waitFor<TypingPayload>('typing', (t) => t.from === 'operator' && !t.active, TYPING_TIMEOUT_MS * 5);
      expect(expired.name).toBe(desk.admin.operator.name);
    });
  });
});
