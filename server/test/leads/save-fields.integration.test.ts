import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AgentDto, EventEnvelope, SessionDto, SessionStats } from '../../../shared/src/contract/types';
import { createFakeLlmAgent, createSession, okAck, widgetSend } from '../support/factories';
import { connectWidget, ok, opEmit, Recorder, sessionOf } from '../support/operator-helpers';
import { connected, eventsClient, waitUntil, type EventsClient } from '../support/socket-clients';
import { useSupervisedDesk } from '../support/supervised-desk';
import { nthChatRequest, systemOf, toolParams, toolResultsOf, toolNamesOf } from '../support/model-requests';

const FIELDS = [
  { key: 'name', label: 'Name', type: 'string' },
  { key: 'email', label: 'Email', type: 'email', required: true, description: 'Where we send the quote' },
  { key: 'phone', label: 'Phone', type: 'phone' },
  { key: 'seats', label: 'Seats', type: 'number', required: true },
  { key: 'newsletter', label: 'Newsletter', type: 'boolean' },
  { key: 'plan', label: 'Plan', type: 'enum', options: ['Basic', 'Pro'] },
];
const saveFields = (args: Record<string, unknown>, id = 'call_save') => ({ name: 'save_fields', arguments: JSON.stringify(args), id });

describe('lead capture: save_fields, the session fields, the event and the filters', () => {
  const desk = useSupervisedDesk({ env: { LLM_MAX_RETRIES: '0' } });
  let agent: AgentDto;
  let events: EventsClient;
  let published: Recorder;

  beforeAll(async () => {
    agent = await createFakeLlmAgent(desk.admin.http, desk.llm.url, { fields: FIELDS });
    events = eventsClient(desk.server.url, desk.server.masterKey);
    await connected(events);
    published = new Recorder(events);
    await events.timeout(5000).emitWithAck('subscribe', { types: ['session.fields_updated'] });
  });
  afterAll(() => void events.close());

  it('offers save_fields with every field (typed, described, none required) and says which required ones are missing', async () => {
    const w = await connectWidget(desk.server, agent.id);
    try {
      const from = desk.llm.requests.length;
      okAck(await widgetSend(w.socket, { clientMessageId: 'm1', content: 'hi' }));
      const req = await nthChatRequest(desk.llm, from);
      expect(toolNamesOf(req)).toContain('save_fields');
      const params = toolParams(req, 'save_fields') as { properties: Record<string, Record<string, unknown>>; required: string[] };
      expect(params.required).toEqual([]);
      expect(Object.keys(params.properties)).toEqual(['name', 'email', 'phone', 'seats', 'newsletter', 'plan']);
      expect(params.properties.email).toMatchObject({ type: 'string', description: expect.stringContaining('Where we send the quote') });
      expect(params.properties.seats).toMatchObject({ type: 'number' });
      expect(params.properties.newsletter).toMatchObject({ type: 'boolean' });
      expect(params.properties.plan).toMatchObject({ type: 'string', enum: ['Basic', 'Pro'] });
      expect(systemOf(req)).toContain('Still missing required fields: Email (email), Seats (seats)');
      expect((await sessionOf(desk.admin.http, w.sessionId)).fieldsComplete).toBe(false);
    } finally {
      w.socket.close();
    }
  });

  it('an agent without fields is not offered save_fields and its sessions count as complete', async () => {
    const plain = await createFakeLlmAgent(desk.admin.http, desk.llm.url);
    const w = await connectWidget(desk.server, plain.id);
    try {
      const from = desk.llm.requests.length;
      okAck(await widgetSend(w.socket, { clientMessageId: 'm1', content: 'hi' }));
      expect(toolNamesOf(await nthChatRequest(desk.llm, from))).not.toContain('save_fields');
      expect((await sessionOf(desk.admin.http, w.sessionId)).fieldsComplete).toBe(true);
    } finally {
      w.socket.close();
    }
  });

  it('valid values are normalised and stored: staff see session:updated, /events gets session.fields_updated, the filter and stats follow', async () => {
    const w = await connectWidget(desk.server, agent.id);
    const staffSaw = new Recorder(desk.op);
    const customerSaw = new Recorder(w.socket);
    try {
      ok(await opEmit(desk.op, 'sessions:watch', { filters: { agentId: agent.id } }));
      const from = desk.llm.requests.length;
      desk.llm.enqueue(
        { toolCalls: [saveFields({ name: '  Ada Lovelace ', email: 'Ada@Example.COM', phone: '+44 20-7946 0958', seats: '12', newsletter: true, plan: 'pro' })] },
        { tokens: ['Thanks ', 'Ada!'] },
      );
      okAck(await widgetSend(w.socket, { clientMessageId: 'm1', content: 'I am Ada, ada@example.com, 12 seats' }));
      const second = await nthChatRequest(desk.llm, from, 2);
      expect(toolResultsOf(second)[0]).toContain('Saved: name, email, phone, seats, newsletter, plan.');
      expect(toolResultsOf(second)[0]).toContain('Every required field is saved.');

      const session = await sessionOf(desk.admin.http, w.sessionId);
      expect(session.fields).toEqual({ name: 'Ada Lovelace', email: 'Ada@example.com', phone: '+442079460958', seats: 12, newsletter: true, plan: 'Pro' });
      expect(session.fieldsComplete).toBe(true);

      const updated = await staffSaw.waitFor<SessionDto>('session:updated', (s) => s.id === w.sessionId && s.fieldsComplete);
      expect(updated.fields.email).toBe('Ada@example.com');
      // Captured fields are staff data: the widget hears nothing of them.
      expect(customerSaw.text()).not.toContain('fieldsComplete');
      expect(customerSaw.text()).not.toContain('+442079460958');
      const event = await published.waitFor<EventEnvelope<{ session: SessionDto; changed: string[] }>>('event', (e) => e.sessionId === w.sessionId);
      expect(event).toMatchObject({ type: 'session.fields_updated', agentId: agent.id, data: { changed: ['name', 'email', 'phone', 'seats', 'newsletter', 'plan'], session: { fieldsComplete: true } } });

      const complete = await desk.admin.http.get<{ sessions: SessionDto[] }>(`/v1/chat/sessions?agentId=${agent.id}&fieldsComplete=true`);
      expect(complete.body.sessions.map((s) => s.id)).toContain(w.sessionId);
      const incomplete = await desk.admin.http.get<{ sessions: SessionDto[] }>(`/v1/chat/sessions?agentId=${agent.id}&fieldsComplete=false`);
      expect(incomplete.body.sessions.map((s) => s.id)).not.toContain(w.sessionId);
      expect(incomplete.body.sessions.length).toBeGreaterThan(0);
      const all = (await desk.admin.http.get<SessionStats>(`/v1/chat/sessions/stats?agentId=${agent.id}`)).body.total;
      const stats = (await desk.admin.http.get<SessionStats>(`/v1/chat/sessions/stats?agentId=${agent.id}&fieldsComplete=true`)).body;
      const statsOpen = (await desk.admin.http.get<SessionStats>(`/v1/chat/sessions/stats?agentId=${agent.id}&fieldsComplete=false`)).body;
      expect(stats.total).toBe(complete.body.sessions.length);
      expect(stats.total + statsOpen.total).toBe(all);
      const watched = ok(await opEmit(desk.op, 'sessions:watch', { filters: { agentId: agent.id, fieldsComplete: true } }));
      expect(watched.sessions.map((s) => s.id)).toEqual(complete.body.sessions.map((s) => s.id));
      expect(watched.stats.total).toBe(stats.total);
    } finally {
      w.socket.close();
    }
  });

  it('invalid values go back to the model naming the field and why; nothing is stored and no event is published', async () => {
    const w = await connectWidget(desk.server, agent.id);
    try {
      const from = desk.llm.requests.length;
      const before = published.of('event').length;
      desk.llm.enqueue({ toolCalls: [saveFields({ email: 'ada-at-example', seats: 'many', plan: 'Gold', phone: '12' })] }, { tokens: ['Could ', 'you ', 'check ', 'that?'] });
      okAck(await widgetSend(w.socket, { clientMessageId: 'm1', content: 'ada-at-example' }));
      const result = toolResultsOf(await nthChatRequest(desk.llm, from, 2))[0] ?? '';
      expect(result).toContain('email (Email) is not an email address');
      expect(result).toContain('seats (Seats) is not a number');
      expect(result).toContain('plan (Plan) is not one of the allowed options');
      expect(result).toContain('phone (Phone) is not a phone number');
      expect(result).toContain('Ask the customer again');
      expect(result).not.toContain('Saved:');
      await waitUntil(async () => (await desk.admin.http.get<{ messages: { status?: string; role: string }[] }>(`/v1/chat/sessions/${w.sessionId}/messages`)).body.messages.some((m) => m.role === 'agent' && m.status === 'complete'));
      const session = await sessionOf(desk.admin.http, w.sessionId);
      expect(session.fields).toEqual({});
      expect(session.fieldsComplete).toBe(false);
      expect(published.of('event').length).toBe(before);
    } finally {
      w.socket.close();
    }
  });

  it('a mixed call stores the valid values and returns the invalid ones; unknown keys are named', async () => {
    const w = await connectWidget(desk.server, agent.id);
    try {
      const from = desk.llm.requests.length;
      desk.llm.enqueue({ toolCalls: [saveFields({ name: 'Bo', email: 'nope', favourite: 'blue', phone: null, newsletter: '' })] }, { tokens: ['Noted.'] });
      okAck(await widgetSend(w.socket, { clientMessageId: 'm1', content: 'Bo here' }));
      const result = toolResultsOf(await nthChatRequest(desk.llm, from, 2))[0] ?? '';
      expect(result).toContain('Saved: name.');
      expect(result).toContain('email (Email) is not an email address');
      expect(result).toContain('favourite is not a field of this agent');
      expect(result).toContain('Still missing required fields: Email (email), Seats (seats)');
      expect((await sessionOf(desk.admin.http, w.sessionId)).fields).toEqual({ name: 'Bo' });
    } finally {
      w.socket.close();
    }
  });

  it('two saves of different keys at once both keep their key, and completeness follows the stored fields', async () => {
    for (let round = 0; round < 5; round++) {
      const { session } = await createSession(desk.admin.http, agent.id);
      const path = `/v1/chat/sessions/${session.id}`;
      const [a, b] = await Promise.all([desk.admin.http.patch(path, { fields: { email: `r${round}@example.com` } }), desk.admin.http.patch(path, { fields: { seats: round + 1 } })]);
      expect([a.status, b.status]).toEqual([200, 200]);
      const after = await sessionOf(desk.admin.http, session.id);
      expect(after.fields).toEqual({ email: `r${round}@example.com`, seats: round + 1 });
      expect(after.fieldsComplete).toBe(true);
    }
  });
});
