import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AgentDto, MessageDto, SessionStats } from '../../../shared/src/contract/types';
import { createFakeLlmAgent, okAck, widgetSend } from '../support/factories';
import { httpClient } from '../support/http-client';
import { connectOperator, connectWidget, createStaff, ok, opEmit, sessionOf, waitForStored } from '../support/operator-helpers';
import { delay, waitUntil } from '../support/socket-clients';
import { useSupervisedDesk } from '../support/supervised-desk';
import { chatRequests, nthChatRequest, toolResultsOf } from '../support/model-requests';
import { startToolServer, type ToolServer } from './tool-server';
import { createApiKey, subscribe } from '../support/integrator';

const REFUND_PARAMS = { type: 'object', properties: { orderId: { type: 'string', pattern: '^[0-9]+$' }, amount: { type: 'number', maximum: 500 } }, required: ['orderId'] };
const refundCall = (orderId = '1234') => ({ toolCalls: [{ name: 'refund', arguments: JSON.stringify({ orderId, amount: 40 }) }] });

describe('human approval of tool calls', () => {
  const desk = useSupervisedDesk({ env: { LLM_MAX_RETRIES: '0', TOOL_SWEEP_SECONDS: '1' } });
  let tools: ToolServer;
  let agent: AgentDto;

  beforeAll(async () => {
    tools = await startToolServer();
    const refund = { name: 'refund', description: 'Refunds an order', parameters: REFUND_PARAMS, http: { url: `${tools.url}/refunds` }, secret: tools.secret, approval: 'always' };
    agent = await createFakeLlmAgent(desk.http, desk.llm.url, { tools: [refund], language: 'de' });
  });
  afterAll(() => tools.close());

  /** A conversation whose AI asked for a refund that now waits for approval. */
  async function waiting(agentId = agent.id) {
    const w = await desk.watched(agentId);
    const from = desk.llm.requests.length;
    desk.llm.enqueue(refundCall());
    okAck(await widgetSend(w.socket, { clientMessageId: 'm1', content: 'refund order 1234 please' }));
    const pending = await waitForStored(desk.http, w.sessionId, (m) => m.role === 'tool' && m.toolCall?.status === 'pending_approval');
    const reply = await waitForStored(desk.http, w.sessionId, (m) => m.role === 'agent' && m.status === 'complete');
    return { ...w, from, pending, toolCallId: pending.toolCall?.toolCallId as string, reply };
  }

  it('pauses the reply: the customer is told in the agent language, the session waits in the help inbox, counted and filtered', async () => {
    const { sessionId, pending, reply, from, staffSaw, customerSaw } = await waiting();
    expect(reply.content).toContain('Team freigeben');
    expect(chatRequests(desk.llm, from)).toHaveLength(1);
    expect(tools.to('/refunds').filter((r) => (r.body as { orderId?: string }).orderId === '1234' && r.idempotencyKey === pending.toolCall?.toolCallId)).toHaveLength(0);
    expect(pending.toolCall).toMatchObject({ name: 'refund', approval: 'always', arguments: { orderId: '1234', amount: 40 }, decidedBy: null });
    const left = Date.parse(pending.toolCall?.expiresAt ?? '') - Date.now();
    expect(left).toBeGreaterThan(290_000);
    expect(left).toBeLessThanOrEqual(300_000);
    const session = await sessionOf(desk.http, sessionId);
    expect(session).toMatchObject({ approvalPending: true, helpRequested: true });
    expect(session.helpReason).toContain('refund');
    const listed = await desk.http.get<{ sessions: { id: string }[] }>(`/v1/chat/sessions?approvalPending=true&agentId=${agent.id}`);
    expect(listed.body.sessions.map((s) => s.id)).toContain(sessionId);
    const stats = await desk.http.get<SessionStats>(`/v1/chat/sessions/stats?approvalPending=true&agentId=${agent.id}`);
    expect(stats.body.approvalPending).toBeGreaterThanOrEqual(1);
    expect(stats.body.approvalPending).toBe(stats.body.total);
    const watch = ok(await opEmit(desk.op, 'sessions:watch', { filters: { approvalPending: true, agentId: agent.id } }));
    expect(watch.sessions.map((s) => s.id)).toContain(sessionId);
    await staffSaw.waitFor<MessageDto>('message', (m) => m.toolCall?.status === 'pending_approval');
    expect(customerSaw.of<MessageDto>('message').some((m) => m.role === 'tool')).toBe(false);
  });

  it('approve over /operator: the tool runs (signed, once), the model sees the result in its history and replies; the flags clear', async () => {
    const { sessionId, toolCallId, from, staffSaw, customerSaw } = await waiting();
    desk.llm.enqueue({ tokens: ['Your refund ', 'is done.'] });
    const approved = ok(await opEmit(desk.op, 'tool:approve', { sessionId, toolCallId }));
    expect(approved.message.toolCall).toMatchObject({ status: 'running', decidedBy: { id: desk.admin.operator.id, name: desk.admin.operator.name } });
    await staffSaw.waitFor<MessageDto>('message:updated', (m) => m.toolCall?.toolCallId === toolCallId && m.toolCall.status === 'succeeded');
    const calls = tools.to('/refunds').filter((r) => r.idempotencyKey === toolCallId);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ signed: true, body: { orderId: '1234', amount: 40 } });
    const next = await nthChatRequest(desk.llm, from, 2);
    const assistantCalls = next.messages.flatMap((m) => (m.role === 'assistant' && 'tool_calls' in m ? (m.tool_calls ?? []) : []));
    expect(assistantCalls.map((c) => c.id)).toContain(toolCallId);
    expect(toolResultsOf(next).join()).toContain('succeeded');
    await waitForStored(desk.http, sessionId, (m) => m.role === 'agent' && m.content === 'Your refund is done.');
    await waitUntil(async () => !(await sessionOf(desk.http, sessionId)).approvalPending);
    expect((await sessionOf(desk.http, sessionId)).helpRequested).toBe(false);
    expect(customerSaw.text()).not.toContain(toolCallId);
  });

  it('approve with edited arguments: an invalid edit is 400 naming the field and changes nothing; a valid one is what is sent', async () => {
    const { sessionId, toolCallId } = await waiting();
    const bad = await opEmit(desk.op, 'tool:approve', { sessionId, toolCallId, arguments: { orderId: '1234', amount: 9_999 } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_request', field: 'arguments.amount' } });
    const still = await desk.http.get<{ messages: MessageDto[] }>(`/v1/chat/sessions/${sessionId}/messages`);
    expect(still.body.messages.find((m) => m.toolCall?.toolCallId === toolCallId)?.toolCall?.status).toBe('pending_approval');
    desk.llm.enqueue({ tokens: ['Refunded 25.'] });
    const res = await desk.admin.http.post<{ message: MessageDto }>(`/v1/chat/sessions/${sessionId}/tool-calls/${toolCallId}/approve`, { arguments: { orderId: '1234', amount: 25 } });
    expect(res.status).toBe(200);
    const sent = await waitUntil(() => tools.to('/refunds').find((r) => r.idempotencyKey === toolCallId));
    expect(sent.body).toEqual({ orderId: '1234', amount: 25 });
    const done = await waitForStored(desk.http, sessionId, (m) => m.toolCall?.toolCallId === toolCallId && m.toolCall.status === 'succeeded');
    expect(done.toolCall?.arguments).toEqual({ orderId: '1234', amount: 25 });
  });

  it('deny with a reason over REST (an API key): the model is given the reason, nothing is sent', async () => {
    const { sessionId, toolCallId, from } = await waiting();
    desk.llm.enqueue({ tokens: ['Sorry, no refund.'] });
    const res = await desk.http.post<{ message: MessageDto }>(`/v1/chat/sessions/${sessionId}/tool-calls/${toolCallId}/deny`, { reason: 'outside the 30-day window' });
    expect(res.status).toBe(200);
    expect(res.body.message.toolCall).toMatchObject({ status: 'denied', reason: 'outside the 30-day window' });
    const next = await nthChatRequest(desk.llm, from, 2);
    expect(toolResultsOf(next).join()).toContain('outside the 30-day window');
    await waitForStored(desk.http, sessionId, (m) => m.role === 'agent' && m.content === 'Sorry, no refund.');
    expect(tools.to('/refunds').filter((r) => r.idempotencyKey === toolCallId)).toHaveLength(0);
  });

  it('two operators deciding at once: one result, the other gets 409 already_decided', async () => {
    const { sessionId, toolCallId } = await waiting();
    const second = await createStaff(desk.server, 'operator');
    const op2 = await connectOperator(desk.server, second.token);
    desk.closeAfterTest(op2);
    desk.llm.enqueue({ tokens: ['Done.'] });
    const [a, b] = await Promise.all([opEmit(desk.op, 'tool:approve', { sessionId, toolCallId }), opEmit(op2, 'tool:deny', { sessionId, toolCallId, reason: 'no' })]);
    const results = [a, b];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'already_decided' } });
    const again = await desk.http.post<{ error: { code: string } }>(`/v1/chat/sessions/${sessionId}/tool-calls/${toolCallId}/approve`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_decided');
    // The approval, if it won, ran the tool exactly once; a winning denial ran nothing.
    if (a.ok) await waitUntil(() => tools.to('/refunds').some((r) => r.idempotencyKey === toolCallId));
    await delay(200);
    expect(tools.to('/refunds').filter((r) => r.idempotencyKey === toolCallId)).toHaveLength(a.ok ? 1 : 0);
  });

  it('an unknown call id, or one of another session, is 404', async () => {
    const one = await waiting();
    const other = await connectWidget(desk.server, agent.id);
    desk.closeAfterTest(other.socket);
    expect((await desk.http.post(`/v1/chat/sessions/${one.sessionId}/tool-calls/call_nope/approve`, {})).status).toBe(404);
    expect((await desk.http.post(`/v1/chat/sessions/${other.sessionId}/tool-calls/${one.toolCallId}/deny`, {})).status).toBe(404);
    expect(await opEmit(desk.op, 'tool:approve', { sessionId: other.sessionId, toolCallId: one.toolCallId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const customer = httpClient(desk.server.url, one.snapshot.customerToken);
    expect((await customer.post(`/v1/chat/sessions/${one.sessionId}/tool-calls/${one.toolCallId}/approve`, {})).status).toBe(403);
  });

  it('no decision within approvalTimeoutSeconds: timed out, and the AI says so', async () => {
    const quick = await createFakeLlmAgent(desk.http, desk.llm.url, { tools: agent.tools.map(({ hasSecret: _h, ...t }) => t), approvalTimeoutSeconds: 1 });
    const { sessionId, toolCallId, from } = await waiting(quick.id);
    desk.llm.enqueue({ tokens: ['Nobody approved it in time.'] });
    const timedOut = await waitForStored(desk.http, sessionId, (m) => m.toolCall?.toolCallId === toolCallId && m.toolCall.status === 'timed_out', 6_000);
    expect(timedOut.toolCall?.reason).toContain('not approved in time');
    const next = await nthChatRequest(desk.llm, from, 2, 6_000);
    expect(toolResultsOf(next).join()).toContain('timed_out');
    await waitForStored(desk.http, sessionId, (m) => m.role === 'agent' && m.content === 'Nobody approved it in time.');
    expect((await sessionOf(desk.http, sessionId)).approvalPending).toBe(false);
  });

  it('/events subscribers get tool.approval_requested, tool.approved, tool.completed and tool.denied with the tool message', async () => {
    const { key } = await createApiKey(desk.http);
    const sub = await subscribe(desk.server.url, key, { agentIds: [agent.id], types: ['tool.called', 'tool.completed', 'tool.approval_requested', 'tool.approved', 'tool.denied'] });
    try {
      const one = await waiting();
      desk.llm.enqueue({ tokens: ['Done.'] });
      ok(await opEmit(desk.op, 'tool:approve', { sessionId: one.sessionId, toolCallId: one.toolCallId }));
      // The fake model answers requests from one queue: the first reply must have taken 'Done.' before
      // the second conversation's request (now asked after one database round trip) can race it for it.
      await waitForStored(desk.http, one.sessionId, (m) => m.role === 'agent' && m.content === 'Done.');
      const two = await waiting();
      desk.llm.enqueue({ tokens: ['No.'] });
      ok(await opEmit(desk.op, 'tool:deny', { sessionId: two.sessionId, toolCallId: two.toolCallId, reason: 'fraud check' }));
      const forCall = (id: string) => sub.events.filter((e) => (e.data as { message: MessageDto }).message.toolCall?.toolCallId === id).map((e) => e.type);
      await waitUntil(() => forCall(one.toolCallId).includes('tool.completed') && forCall(two.toolCallId).includes('tool.denied'));
      expect(forCall(one.toolCallId)).toEqual(['tool.approval_requested', 'tool.approved', 'tool.completed']);
      expect(forCall(two.toolCallId)).toEqual(['tool.approval_requested', 'tool.denied']);
      const webhook = await desk.http.post('/v1/webhooks', { url: 'https://hooks.example.com/x', types: ['tool.approval_requested', 'tool.completed'] });
      expect(webhook.status).toBe(201);
    } finally {
      sub.close();
    }
  });

  it('a takeover cancels what waits; no AI reply follows', async () => {
    const { sessionId, toolCallId, from } = await waiting();
    ok(await opEmit(desk.op, 'takeover', { sessionId }));
    const cancelled = await waitForStored(desk.http, sessionId, (m) => m.toolCall?.toolCallId === toolCallId && m.toolCall.status === 'cancelled');
    expect(cancelled.toolCall?.reason).toContain('took over');
    expect((await sessionOf(desk.http, sessionId)).approvalPending).toBe(false);
    await delay(300);
    expect(chatRequests(desk.llm, from)).toHaveLength(1);
    expect(await opEmit(desk.op, 'tool:approve', { sessionId, toolCallId })).toMatchObject({ ok: false, error: { code: 'already_decided' } });
  });
});
