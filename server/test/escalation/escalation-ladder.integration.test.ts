import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AgentDto, CustomerSessionDto, MessageDto, OperatorDto } from '../../../shared/src/contract/types';
import type { Ack } from '../../../shared/src/events';
import { createFakeLlmAgent, okAck, staffMessages, widgetSend } from '../support/factories';
import { createStaff, ok, opEmit, Recorder } from '../support/operator-helpers';
import { delay, waitUntil, type WidgetClient } from '../support/socket-clients';
import { useSupervisedDesk } from '../support/supervised-desk';
import { startVoicePlatform, type VoicePlatform } from '../support/voice-platform';

const WAIT_S = 5;
const NOT_YET = /Our team hasn't been able to join yet/;
const NOBODY = /No one from our team is online right now/;

const requestHelp = (w: WidgetClient): Promise<Ack<{ session: CustomerSessionDto }>> => w.timeout(5_000).emitWithAck('help:request', { reason: 'I need a person' });
const ladderLines = (seen: Recorder) => seen.of<MessageDto>('message').filter((m) => m.source === 'escalation');

describe('the escalation ladder: nobody is left waiting in silence', () => {
  const desk = useSupervisedDesk({ env: { ESCALATION_CHECK_SECONDS: '1', LLM_MAX_RETRIES: '0' } });
  let voice: VoicePlatform;
  const agents: Record<'calls' | 'chatOnly' | 'off', AgentDto> = {} as never;

  const setStatus = async (status: 'online' | 'away') => {
    const res = await desk.admin.http.patch<{ operator: OperatorDto }>('/v1/auth/me', { status });
    expect(res).toMatchObject({ status: 200, body: { operator: { status } } });
  };
  /** A widget of `agent` joined by the operator: recorders for what the customer and staff see. */
  const watched = (agent: AgentDto) => desk.watched(agent.id);

  beforeAll(async () => {
    voice = await startVoicePlatform();
    const ladder = { enabled: true, waitSeconds: WAIT_S };
    const callEscalation = { enabled: true, webhookUrl: `${voice.url}/calls`, secret: 'x'.repeat(32), voiceAgentId: 'va_1' };
    agents.calls = await createFakeLlmAgent(desk.http, desk.llm.url, { escalationLadder: ladder, callEscalation });
    agents.chatOnly = await createFakeLlmAgent(desk.http, desk.llm.url, { escalationLadder: ladder });
    agents.off = await createFakeLlmAgent(desk.http, desk.llm.url, { callEscalation });
  });
  afterAll(() => voice.close());

  describe('configuration', () => {
    it('is off by default with a 60 s wait; waitSeconds has a floor of 5; PATCH merges field by field', async () => {
      expect(agents.off.escalationLadder).toEqual({ enabled: false, waitSeconds: 60 });
      expect(agents.calls.escalationLadder).toEqual({ enabled: true, waitSeconds: WAIT_S });
      const tooShort = await desk.http.post<{ error: { code: string; field?: string } }>('/v1/agents', { name: 'x', escalationLadder: { enabled: true, waitSeconds: 2 } });
      expect(tooShort.status).toBe(400);
      expect(tooShort.body.error.code).toBe('invalid_request');
      expect(JSON.stringify(tooShort.body.error)).toContain('waitSeconds');

      const created = await createFakeLlmAgent(desk.http, desk.llm.url, { escalationLadder: { enabled: true } });
      expect(created.escalationLadder).toEqual({ enabled: true, waitSeconds: 60 });
      const patched = await desk.http.patch<{ agent: AgentDto }>(`/v1/agents/${created.id}`, { escalationLadder: { waitSeconds: 90 } });
      expect(patched.body.agent.escalationLadder).toEqual({ enabled: true, waitSeconds: 90 });
      const off = await desk.http.patch<{ agent: AgentDto }>(`/v1/agents/${created.id}`, { escalationLadder: { enabled: false } });
      expect(off.body.agent.escalationLadder).toEqual({ enabled: false, waitSeconds: 90 });
    });
  });

  describe('with no operator online', () => {
    beforeAll(() => setStatus('away'));

    it('counts an operator online by choice but with no console open as nobody', async () => {
      const absent = await createStaff(desk.server, 'operator', 'Absent Olga');
      expect(absent.operator).toMatchObject({ status: 'online', present: false });
      const { socket, customerSaw } = await watched(agents.chatOnly);
      okAck(await requestHelp(socket));
      const line = await customerSaw.waitFor<MessageDto>('message', (m) => m.source === 'escalation');
      expect(line.content).toMatch(NOBODY);
    });

    it('says so at once and offers the call', async () => {
      const { socket, sessionId, customerSaw, staffSaw } = await watched(agents.calls);
      okAck(await requestHelp(socket));
      const line = await customerSaw.waitFor<MessageDto>('message', (m) => m.source === 'escalation');
      expect(line).toMatchObject({ role: 'agent', status: 'complete', content: expect.stringMatching(NOBODY) });
      expect(line.content).toMatch(/call you/);
      const offer = await customerSaw.waitFor<{ sessionId: string; callId: string; reason: string | null }>('call:offer');
      expect(offer).toMatchObject({ sessionId, reason: expect.stringContaining('online') });
      await staffSaw.waitFor<MessageDto>('message', (m) => m.id === line.id);
      // Only once, however often the background check runs.
      await delay(1_500);
      expect(ladderLines(customerSaw)).toHaveLength(1);
      expect(customerSaw.of('call:offer')).toHaveLength(1);
    });

    it('without call escalation it still says so, and offers no call', async () => {
      const { socket, customerSaw } = await watched(agents.chatOnly);
      okAck(await requestHelp(socket));
      const line = await customerSaw.waitFor<MessageDto>('message', (m) => m.source === 'escalation');
      expect(line.content).toMatch(NOBODY);
      expect(line.content).not.toMatch(/call you/);
      await delay(300);
      expect(customerSaw.of('call:offer')).toEqual([]);
    });

    it("the model's request_human tool triggers it too; the model sees the line in its next turn", async () => {
      const { socket, sessionId, customerSaw } = await watched(agents.chatOnly);
      desk.llm.enqueue({ toolCalls: [{ name: 'request_human', arguments: JSON.stringify({ reason: 'wants a person' }) }] }, { tokens: ['A person will join.'] });
      okAck(await widgetSend(socket, { clientMessageId: 'm1', content: 'Let me talk to a human' }));
      await customerSaw.waitFor<MessageDto>('message', (m) => m.source === 'escalation');
      await customerSaw.waitFor('stream:end');
      const from = desk.llm.requests.length;
      okAck(await widgetSend(socket, { clientMessageId: 'm2', content: 'So what now?' }));
      const next = await waitUntil(() => desk.llm.requests[from]);
      expect(JSON.stringify(next.messages)).toMatch(NOBODY);
      expect((await staffMessages(desk.http, sessionId)).filter((m) => m.source === 'escalation')).toHaveLength(1);
    });

    it('an agent with the ladder off stays as it was', async () => {
      const { socket, customerSaw } = await watched(agents.off);
      okAck(await requestHelp(socket));
      await delay(1_200);
      expect(ladderLines(customerSaw)).toEqual([]);
      expect(customerSaw.of('call:offer')).toEqual([]);
    });
  });

  describe('with an operator online', () => {
    beforeAll(() => setStatus('online'));
    afterAll(() => setStatus('away'));

    it('speaks only once waitSeconds pass without a takeover; a takeover in time keeps it quiet; help re-requested re-arms it', async () => {
      const waiting = await watched(agents.calls);
      const takenOver = await watched(agents.calls);
      const askedAt = Date.now();
      okAck(await requestHelp(waiting.socket));
      okAck(await requestHelp(takenOver.socket));
      ok(await opEmit(desk.op, 'takeover', { sessionId: takenOver.sessionId }));

      // Nothing while the team still has time to join.
      await delay((WAIT_S - 2) * 1000);
      expect(ladderLines(waiting.customerSaw)).toEqual([]);

      const line = await waiting.customerSaw.waitFor<MessageDto>('message', (m) => m.source === 'escalation', 5_000);
      expect(Date.now() - askedAt).toBeGreaterThanOrEqual(WAIT_S * 1000 - 100);
      expect(line.content).toMatch(NOT_YET);
      expect(line.content).toMatch(/call you/);
      await waiting.customerSaw.waitFor('call:offer');
      expect(ladderLines(takenOver.customerSaw)).toEqual([]);
      expect(takenOver.customerSaw.of('call:offer')).toEqual([]);

      // Resolved, then asked again: the new request gets its own step.
      ok(await opEmit(desk.op, 'help:resolve', { sessionId: waiting.sessionId }));
      await setStatus('away');
      okAck(await requestHelp(waiting.socket));
      await waitUntil(() => ladderLines(waiting.customerSaw).length === 2);
      expect(ladderLines(waiting.customerSaw)[1].content).toMatch(NOBODY);
    }, 20_000);

    it('a request made after the ladder was switched off is not answered by what an earlier request armed', async () => {
      await setStatus('online');
      const agent = await createFakeLlmAgent(desk.http, desk.llm.url, { escalationLadder: { enabled: true, waitSeconds: WAIT_S } });
      const { socket, sessionId, customerSaw } = await watched(agent);
      okAck(await requestHelp(socket));
      ok(await opEmit(desk.op, 'help:resolve', { sessionId }));
      expect((await desk.http.patch(`/v1/agents/${agent.id}`, { escalationLadder: { enabled: false } })).status).toBe(200);
      okAck(await requestHelp(socket));
      await delay((WAIT_S + 2) * 1000);
      expect(ladderLines(customerSaw)).toEqual([]);
      expect((await staffMessages(desk.http, sessionId)).filter((m) => m.source === 'escalation')).toEqual([]);
    }, 15_000);

    it('several checks running at once answer a due request exactly once', async () => {
      await setStatus('online');
      const { socket, sessionId, customerSaw } = await watched(agents.chatOnly);
      const askedAt = Date.now();
      okAck(await requestHelp(socket));
      // As if several desk.server processes ran their check at the same moment, over and over,
      // from just before the request falls due (the background check of this one runs too).
      await delay(askedAt + WAIT_S * 1000 - 200 - Date.now());
      let answered = 0;
      while (ladderLines(customerSaw).length === 0 && Date.now() - askedAt < (WAIT_S + 3) * 1000) {
        const round = await Promise.all(Array.from({ length: 5 }, () => desk.server.app.services.escalation.sweep()));
        answered += round.reduce((a, b) => a + b, 0);
        await delay(20);
      }
      expect(answered).toBeLessThanOrEqual(1);
      await waitUntil(() => ladderLines(customerSaw).length >= 1);
      await delay(1_200);
      expect((await staffMessages(desk.http, sessionId)).filter((m) => m.source === 'escalation')).toHaveLength(1);
    }, 15_000);
  });
});
