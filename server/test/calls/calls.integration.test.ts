import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AgentDto, CallDto, EventEnvelope, MessageDto } from '../../../shared/src/contract/types';
import type { Ack } from '../../../shared/src/events';
import { AgentModel } from '../../src/db/models/agent.model';
import { createFakeLlmAgent, createSession, okAck, staffMessages, widgetSend } from '../support/factories';
import { connectWidget, ok, Recorder } from '../support/operator-helpers';
import { connected, delay, eventsClient, waitUntil, type WidgetClient } from '../support/socket-clients';
import { useSupervisedDesk } from '../support/supervised-desk';
import { allTextOf, nthChatRequest, systemOf, toolNamesOf } from '../support/model-requests';
import { hmacHex, nowSec, report, signedBy, startVoicePlatform, type VoicePlatform } from '../support/voice-platform';

const SECRET = 'x'.repeat(32);
const PHONE = '+14155550123';
const CHAT_SUMMARY = 'The customer wants to move their plan to annual billing.';
const CALL_SUMMARY = 'On the call the customer switched to annual billing; the invoice follows by email.';

const accept = (w: WidgetClient, phone: unknown): Promise<Ack<{ call: CallDto }>> => w.timeout(5_000).emitWithAck('call:accept', { phone } as { phone: string });
const offerCall = (reason = 'billing is quicker by phone') => ({ toolCalls: [{ name: 'offer_call', arguments: JSON.stringify({ reason }) }] });

describe('phone-call escalation with a loopback voice platform', () => {
  const desk = useSupervisedDesk({ env: { LLM_MAX_RETRIES: '0', CALL_RETRY_SCHEDULE_MS: '300,600' } });
  let voice: VoicePlatform;
  let agent: AgentDto;

  beforeAll(async () => {
    voice = await startVoicePlatform();
    // The hand-off summary is a tool-less summarisation request: answer it with a fixed text.
    desk.llm.setResponder((req) => ({ tokens: systemOf(req).startsWith('Summarise') ? [CHAT_SUMMARY] : ['Okay.'] }));
    agent = await createFakeLlmAgent(desk.http, desk.llm.url, { callEscalation: { enabled: true, webhookUrl: `${voice.url}/calls`, secret: SECRET, voiceAgentId: 'va_1' } });
  });
  afterAll(() => voice.close());

  /** A widget session whose AI has offered a call; the operator watches it. */
  async function offered() {
    const w = await desk.watched(agent.id);
    const from = desk.llm.requests.length;
    desk.llm.enqueue(offerCall(), { tokens: ['I ', 'can ', 'call ', 'you.'] });
    okAck(await widgetSend(w.socket, { clientMessageId: 'm1', content: 'Can we sort my billing out by phone?' }));
    const offer = await w.customerSaw.waitFor<{ sessionId: string; callId: string; reason: string | null }>('call:offer');
    return { ...w, offer, firstRequest: await nthChatRequest(desk.llm, from) };
  }

  const requestFor = (callId: string) => waitUntil(() => voice.requests.find((r) => r.body.callId === callId));

  it('offer_call → call:offer; accepting with a phone POSTs a signed request; reports move the call; the summary comes back to the chat', async () => {
    const { socket, sessionId, customerSaw, staffSaw, offer, firstRequest } = await offered();
    expect(toolNamesOf(firstRequest)).toContain('offer_call');
    expect(offer).toMatchObject({ sessionId, callId: expect.any(String), reason: 'billing is quicker by phone' });

    const refused = await accept(socket, '555-0123');
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_request' } });

    const accepted = ok(await accept(socket, PHONE));
    expect(accepted.call).toMatchObject({ id: offer.callId, status: 'requested', phone: PHONE });
    const sent = await requestFor(offer.callId);
    expect(sent.path).toBe('/calls');
    expect(sent.body).toEqual({
      callId: offer.callId,
      sessionId,
      phone: PHONE,
      voiceAgentId: 'va_1',
      summary: CHAT_SUMMARY,
      callbackUrl: `${desk.server.url}/v1/calls/${offer.callId}/events`,
    });
    expect(sent.headers['content-type']).toBe('application/json');
    expect(signedBy(sent, SECRET)).toBe(true);
    const callbackUrl = String(sent.body.callbackUrl);

    for (const status of ['ringing', 'in_progress'] as const) {
      const res = await report(callbackUrl, { status }, SECRET);
      expect(res).toMatchObject({ status: 200, body: { call: { id: offer.callId, status } } });
      await customerSaw.waitFor<CallDto>('call:update', (c) => c.status === status);
    }
    // A forged report changes nothing.
    const forged = await report(callbackUrl, { status: 'failed' }, SECRET, hmacHex(JSON.stringify({ status: 'failed' }), 'y'.repeat(32)));
    expect(forged.status).toBe(401);
    expect((await report(callbackUrl, { status: 'completed' }, SECRET, 'not-hex')).status).toBe(401);

    const done = await report(callbackUrl, { status: 'completed', summary: CALL_SUMMARY }, SECRET);
    expect(done).toMatchObject({ status: 200, body: { call: { status: 'completed', summary: CALL_SUMMARY } } });
    await customerSaw.waitFor<CallDto>('call:update', (c) => c.status === 'completed');
    expect(customerSaw.of<CallDto>('call:update').map((c) => c.status)).toEqual(['requested', 'ringing', 'in_progress', 'completed']);
    await waitUntil(() => staffSaw.of<CallDto>('call:update').some((c) => c.status === 'completed'));
    expect(staffSaw.of<CallDto>('call:update').map((c) => c.status)).toEqual(['offered', 'requested', 'ringing', 'in_progress', 'completed']);

    // The customer sees a system line, never the summary itself; staff and the model get the summary as context.
    const line = await customerSaw.waitFor<MessageDto>('message', (m) => m.role === 'system' && m.source === 'call');
    expect(line.content).toMatch(/phone call has ended/);
    // The call summary is a staff note: the widget's call:update carries none.
    expect(customerSaw.text()).not.toContain('invoice follows');
    expect(staffSaw.of<CallDto>('call:update').at(-1)?.summary).toBe(CALL_SUMMARY);
    const context = (await staffMessages(desk.http, sessionId)).find((m) => m.role === 'context' && m.source === 'call');
    expect(context?.content).toContain(CALL_SUMMARY);
    const from = desk.llm.requests.length;
    okAck(await widgetSend(socket, { clientMessageId: 'm2', content: 'Thanks, anything else?' }));
    expect(allTextOf(await nthChatRequest(desk.llm, from))).toContain(CALL_SUMMARY);

    // Reports out of order are refused (signed afresh: the same bytes and timestamp again would be a replay).
    expect((await report(callbackUrl, { status: 'ringing' }, SECRET, undefined, nowSec() + 2)).status).toBe(409);
    expect((await report(callbackUrl, { status: 'failed' }, SECRET, undefined, nowSec() + 2)).status).toBe(409);
  });

  it('keeps the signing secret encrypted at rest, and still signs with it after a PATCH replaces it', async () => {
    expect(JSON.stringify(await AgentModel.findById(agent.id).lean())).not.toContain(SECRET);
    const replaced = `${SECRET}-rotated`;
    const res = await desk.http.patch<{ agent: AgentDto }>(`/v1/agents/${agent.id}`, { callEscalation: { secret: replaced } });
    expect(res.body.agent.callEscalation).toMatchObject({ enabled: true, hasSecret: true });
    expect(JSON.stringify(await AgentModel.findById(agent.id).lean())).not.toContain(replaced);
    // A report signed with the new secret is taken; one signed with the old is refused.
    const { session } = await createSession(desk.http, agent.id);
    const call = await desk.http.post<{ call: CallDto }>(`/v1/chat/sessions/${session.id}/calls`, { phone: '+14155550100' });
    expect(call.status).toBe(201);
    const callId = call.body.call.id;
    const callbackUrl = `${desk.server.url}/v1/calls/${callId}/events`;
    expect((await report(callbackUrl, { status: 'ringing' }, SECRET)).status).toBe(401);
    expect((await report(callbackUrl, { status: 'ringing' }, replaced)).status).toBe(200);
    await desk.http.patch(`/v1/agents/${agent.id}`, { callEscalation: { secret: SECRET } });
  });

  it('a report for an unknown call is 404; a malformed one 400', async () => {
    expect((await report(`${desk.server.url}/v1/calls/${'0'.repeat(24)}/events`, { status: 'ringing' }, SECRET)).status).toBe(404);
    const { socket, offer } = await offered();
    ok(await accept(socket, PHONE));
    const callbackUrl = String((await requestFor(offer.callId)).body.callbackUrl);
    expect((await report(callbackUrl, { status: 'exploded' }, SECRET)).status).toBe(400);
  });

  it('the platform answering 500 is retried until it takes the call', async () => {
    const { session } = await createSession(desk.http, agent.id);
    voice.respondWith(500, 503);
    const res = await desk.http.post<{ call: CallDto }>(`/v1/chat/sessions/${session.id}/calls`, { phone: PHONE });
    expect(res.status).toBe(201);
    expect(res.body.call).toMatchObject({ sessionId: session.id, status: 'requested', phone: PHONE });
    const attempts = () => voice.requests.filter((r) => r.body.callId === res.body.call.id);
    await waitUntil(() => attempts().length === 3, 8_000);
    await delay(600);
    expect(attempts()).toHaveLength(3);
    // Every attempt carries the same signed body.
    expect(new Set(attempts().map((a) => a.raw)).size).toBe(1);
    expect(attempts().every((a) => signedBy(a, SECRET))).toBe(true);
    // The call is still live: the platform can report on it.
    expect((await report(String(attempts()[0].body.callbackUrl), { status: 'ringing' }, SECRET)).status).toBe(200);
  });

  it('a failed call tells the customer they can keep chatting', async () => {
    const { socket, customerSaw, offer } = await offered();
    ok(await accept(socket, PHONE));
    const callbackUrl = String((await requestFor(offer.callId)).body.callbackUrl);
    expect((await report(callbackUrl, { status: 'failed' }, SECRET)).status).toBe(200);
    await customerSaw.waitFor<CallDto>('call:update', (c) => c.status === 'failed');
    const line = await customerSaw.waitFor<MessageDto>('message', (m) => m.role === 'system' && m.source === 'call');
    expect(line.content).toMatch(/keep chatting/);
  });

  it('developers escalate over REST; refused with command_disabled when the agent has calls off, invalid_request for a bad phone', async () => {
    const { session } = await createSession(desk.http, agent.id);
    const bad = await desk.http.post<{ error: { code: string; field?: string } }>(`/v1/chat/sessions/${session.id}/calls`, { phone: '0800 123' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_request', field: 'phone' });

    const plain = await createFakeLlmAgent(desk.http, desk.llm.url);
    const other = await createSession(desk.http, plain.id);
    const off = await desk.http.post<{ error: { code: string } }>(`/v1/chat/sessions/${other.session.id}/calls`, { phone: PHONE });
    expect(off.status).toBe(403);
    expect(off.body.error.code).toBe('command_disabled');
  });

  it('an agent with calls off is not offered offer_call, and a call to it anyway is declined', async () => {
    const plain = await createFakeLlmAgent(desk.http, desk.llm.url);
    const w = await connectWidget(desk.server, plain.id);
    desk.closeAfterTest(w.socket);
    const customerSaw = new Recorder(w.socket);
    const from = desk.llm.requests.length;
    desk.llm.enqueue(offerCall(), { tokens: ['Let us keep chatting.'] });
    okAck(await widgetSend(w.socket, { clientMessageId: 'm1', content: 'Call me?' }));
    expect(toolNamesOf(await nthChatRequest(desk.llm, from))).not.toContain('offer_call');
    expect(allTextOf(await nthChatRequest(desk.llm, from, 2))).toContain('Phone calls are not available');
    await customerSaw.waitFor('stream:end');
    expect(customerSaw.of('call:offer')).toEqual([]);
    expect(await accept(w.socket, PHONE)).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('developers on /events receive call.requested and call.updated with the call', async () => {
    const sub = eventsClient(desk.server.url, desk.server.masterKey);
    desk.closeAfterTest(sub);
    await connected(sub);
    const seen: EventEnvelope<{ call: CallDto }>[] = [];
    sub.on('event', (e) => seen.push(e as EventEnvelope<{ call: CallDto }>));
    ok(await sub.timeout(5_000).emitWithAck('subscribe', { types: ['call.requested', 'call.updated'], agentIds: [agent.id] }));
    const { socket, sessionId, offer } = await offered();
    ok(await accept(socket, PHONE));
    await waitUntil(() => seen.some((e) => e.type === 'call.requested'));
    const offeredEvent = seen.find((e) => e.type === 'call.updated' && e.data.call.status === 'offered');
    expect(offeredEvent).toMatchObject({ sessionId, agentId: agent.id, data: { call: { id: offer.callId, reason: 'billing is quicker by phone', summary: null, error: null } } });
    expect(seen.find((e) => e.type === 'call.requested')).toMatchObject({ sessionId, data: { call: { id: offer.callId, status: 'requested', phone: PHONE } } });
  });
});
