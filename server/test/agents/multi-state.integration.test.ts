import { beforeAll, describe, expect, it } from '@jest/globals';
import type { AgentDto, MessageDto } from '../../../shared/src/contract/types';
import { createFakeLlmAgent, getSession, okAck, staffMessages, widgetSend } from '../support/factories';
import { httpClient } from '../support/http-client';
import { connectWidget } from '../support/operator-helpers';
import { delay, waitUntil } from '../support/socket-clients';
import { useSupervisedDesk } from '../support/supervised-desk';
import { nthChatRequest, systemOf, toolNamesOf, toolParams, toolResultsOf } from '../support/model-requests';

const GREET = 'Greet the customer warmly and ask what brings them here.';
const QUALIFY = 'Ask about team size and budget, one question at a time.';
const CLOSE = 'Offer to book a demo.';
const PROMPT = {
  type: 'multi',
  start: 'greet',
  states: [
    { name: 'greet', prompt: GREET, transitions: [{ to: 'qualify', when: 'the customer says what they need' }] },
    { name: 'qualify', prompt: QUALIFY, transitions: [{ to: 'close', when: 'team size and budget are known' }] },
    { name: 'close', prompt: CLOSE, transitions: [] },
  ],
};
const changeState = (to: string, id = 'call_state') => ({ name: 'change_state', arguments: JSON.stringify({ to }), id });

describe('multi-state prompts', () => {
  const desk = useSupervisedDesk({ env: { LLM_MAX_RETRIES: '0' } });
  let agent: AgentDto;

  beforeAll(async () => {
    agent = await createFakeLlmAgent(desk.http, desk.llm.url, { prompt: PROMPT });
  });

  /** A widget session of the agent, joined by the operator, with recorders on both sides. */
  const watched = () => desk.watched(agent.id);

  it('a session starts in the start state; the model gets its prompt and change_state limited to its targets', async () => {
    const { socket, sessionId } = await watched();
    expect((await getSession(desk.http, sessionId)).currentState).toBe('greet');
    const from = desk.llm.requests.length;
    okAck(await widgetSend(socket, { clientMessageId: 'm1', content: 'hello' }));
    const req = await nthChatRequest(desk.llm, from);
    const system = systemOf(req);
    expect(system).toContain(GREET);
    expect(system).not.toContain(QUALIFY);
    expect(system).toContain('the customer says what they need');
    expect(toolNamesOf(req)).toContain('change_state');
    expect(toolParams(req, 'change_state')).toMatchObject({ properties: { to: { type: 'string', enum: ['qualify'] } }, required: ['to'] });
  });

  it("change_state moves the session, staff see it recorded (customers don't), and the next request carries the new state's prompt", async () => {
    const { socket, sessionId, customerSaw, staffSaw } = await watched();
    const from = desk.llm.requests.length;
    desk.llm.enqueue({ toolCalls: [changeState('qualify')] }, { tokens: ['How ', 'big ', 'is ', 'your ', 'team?'] });
    okAck(await widgetSend(socket, { clientMessageId: 'm1', content: 'We need a CRM for our sales team.' }));

    const second = await nthChatRequest(desk.llm, from, 2);
    expect(toolResultsOf(second)[0]).toContain('Now in state "qualify"');
    // The next request is built for the new state: its prompt, its transitions.
    expect(systemOf(second)).toContain(QUALIFY);
    expect(systemOf(second)).not.toContain(GREET);
    expect(toolParams(second, 'change_state')).toMatchObject({ properties: { to: { enum: ['close'] } } });

    await waitUntil(async () => (await getSession(desk.http, sessionId)).currentState === 'qualify');
    const record = await staffSaw.waitFor<MessageDto>('message', (m) => m.sessionId === sessionId && m.source === 'state');
    expect(record).toMatchObject({ role: 'context', content: expect.stringContaining('"greet" to "qualify"') });
    await customerSaw.waitFor('stream:end');
    expect(customerSaw.text()).not.toContain('to "qualify"');
    expect((await staffMessages(desk.http, sessionId)).some((m) => m.source === 'state')).toBe(true);

    // The following turn starts in qualify too.
    const next = desk.llm.requests.length;
    okAck(await widgetSend(socket, { clientMessageId: 'm2', content: 'Twelve people.' }));
    const third = await nthChatRequest(desk.llm, next);
    expect(systemOf(third)).toContain(QUALIFY);
    expect(toolParams(third, 'change_state')).toMatchObject({ properties: { to: { enum: ['close'] } } });
  });

  it('the customer token sees no state record in its history', async () => {
    const w = await connectWidget(desk.server, agent.id);
    desk.closeAfterTest(w.socket);
    desk.llm.enqueue({ toolCalls: [changeState('qualify')] }, { tokens: ['Tell me more.'] });
    okAck(await widgetSend(w.socket, { clientMessageId: 'm1', content: 'I need a CRM.' }));
    await waitUntil(async () => (await getSession(desk.http, w.sessionId)).currentState === 'qualify');
    await waitUntil(async () => (await staffMessages(desk.http, w.sessionId)).some((m) => m.role === 'agent' && m.status === 'complete'));
    const mine = await httpClient(desk.server.url, w.snapshot.customerToken).get<{ messages: MessageDto[] }>(`/v1/chat/sessions/${w.sessionId}/messages`);
    expect(mine.status).toBe(200);
    expect(mine.body.messages.map((m) => m.role)).toEqual(['customer', 'agent']);
  });

  it('a target the current state does not allow is refused and the state stays', async () => {
    const { socket, sessionId, staffSaw } = await watched();
    const from = desk.llm.requests.length;
    desk.llm.enqueue({ toolCalls: [changeState('close')] }, { tokens: ['Sure.'] });
    okAck(await widgetSend(socket, { clientMessageId: 'm1', content: 'Book me a demo now.' }));
    const second = await nthChatRequest(desk.llm, from, 2);
    expect(toolResultsOf(second)[0]).toContain('not allowed');
    expect(systemOf(second)).toContain(GREET);
    await delay(100);
    expect((await getSession(desk.http, sessionId)).currentState).toBe('greet');
    expect(staffSaw.of<MessageDto>('message').filter((m) => m.source === 'state')).toEqual([]);
  });

  it('two transitions in one round follow each other; a state without transitions offers no change_state', async () => {
    const { socket, sessionId } = await watched();
    const from = desk.llm.requests.length;
    desk.llm.enqueue({ toolCalls: [changeState('qualify', 'c1'), changeState('close', 'c2')] }, { tokens: ['Shall we book a demo?'] });
    okAck(await widgetSend(socket, { clientMessageId: 'm1', content: 'CRM for 12 people, budget 500 a month.' }));
    const second = await nthChatRequest(desk.llm, from, 2);
    expect(toolResultsOf(second)).toEqual([expect.stringContaining('Now in state "qualify"'), expect.stringContaining('Now in state "close"')]);
    expect(systemOf(second)).toContain(CLOSE);
    expect(toolNamesOf(second)).not.toContain('change_state');
    await waitUntil(async () => (await getSession(desk.http, sessionId)).currentState === 'close');
    const records = (await staffMessages(desk.http, sessionId)).filter((m) => m.source === 'state');
    expect(records.map((m) => m.content)).toEqual([expect.stringContaining('"greet" to "qualify"'), expect.stringContaining('"qualify" to "close"')]);
  });
});
