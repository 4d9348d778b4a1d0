import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AgentDto, CustomerSessionDto, EventEnvelope, LeadFieldValue } from '../../../shared/src/contract/types';
import type { Ack } from '../../../shared/src/events';
import { createAgent } from '../support/factories';
import { connectWidget, loginAdmin, ok, Recorder, sessionOf, type Staff } from '../support/operator-helpers';
import { connected, eventsClient, type WidgetClient } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';

const FIELDS = [
  { key: 'email', label: 'Email', type: 'email', required: true, prechat: true, description: 'STAFF-ONLY-HINT' },
  { key: 'company', label: 'Company', type: 'string', prechat: true },
  { key: 'plan', label: 'Plan', type: 'enum', options: ['Basic', 'Pro'], prechat: true },
  { key: 'budget', label: 'Budget', type: 'number', required: true, description: 'Asked by the AI, not the form' },
];
type SubmitAck = Ack<{ session: CustomerSessionDto }>;
const submit = (socket: WidgetClient, fields: Record<string, LeadFieldValue>): Promise<SubmitAck> => socket.timeout(5000).emitWithAck('fields:submit', { fields });

describe('lead capture: the widget pre-chat form (fields:submit)', () => {
  let server: TestServer;
  let admin: Staff;
  let agent: AgentDto;

  beforeAll(async () => {
    server = await startTestServer({ env: { SEED_DEMO: 'false' } });
    admin = await loginAdmin(server);
    agent = await createAgent(admin.http, { fields: FIELDS });
  });
  afterAll(() => server.close());

  it('the snapshot lists the pre-chat fields still to ask, with nothing staff-only', async () => {
    const w = await connectWidget(server, agent.id);
    try {
      expect(w.snapshot.session.prechat).toEqual([
        { key: 'email', label: 'Email', type: 'email', required: true },
        { key: 'company', label: 'Company', type: 'string', required: false },
        { key: 'plan', label: 'Plan', type: 'enum', options: ['Basic', 'Pro'], required: false },
      ]);
      expect(JSON.stringify(w.snapshot)).not.toContain('STAFF-ONLY-HINT');
      expect(JSON.stringify(w.snapshot)).not.toContain('budget');
    } finally {
      w.socket.close();
    }
    const plain = await connectWidget(server, (await createAgent(admin.http, { fields: [FIELDS[3]] })).id);
    plain.socket.close();
    expect(plain.snapshot.session).not.toHaveProperty('prechat');
  });

  it('bad values, a missing required field or a field not in the form: invalid_request naming it, nothing stored', async () => {
    const w = await connectWidget(server, agent.id);
    try {
      const cases: [Record<string, LeadFieldValue>, string][] = [
        [{ email: 'not-an-email', company: 'Acme' }, 'fields.email'],
        [{ company: 'Acme' }, 'fields.email'],
        [{ email: 'kim@example.com', plan: 'Gold' }, 'fields.plan'],
        [{ email: 'kim@example.com', budget: 5000 }, 'fields.budget'],
        [{ email: 'kim@example.com', nope: 'x' }, 'fields.nope'],
      ];
      for (const [fields, field] of cases) {
        const ack = await submit(w.socket, fields);
        expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_request', field } });
      }
      const bad = await w.socket.timeout(5000).emitWithAck('fields:submit', { fields: { email: { $ne: 1 } } } as unknown as { fields: Record<string, LeadFieldValue> });
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
      expect((await sessionOf(admin.http, w.sessionId)).fields).toEqual({});
    } finally {
      w.socket.close();
    }
  });

  it('a valid form is stored (normalised), announced, and not asked again — also after a reconnect', async () => {
    const events = eventsClient(server.url, server.masterKey);
    await connected(events);
    const published = new Recorder(events);
    await events.timeout(5000).emitWithAck('subscribe', { types: ['session.fields_updated'] });
    const w = await connectWidget(server, agent.id);
    try {
      const ack = ok(await submit(w.socket, { email: ' Kim@Example.COM ', plan: 'pro' }));
      expect(ack.session).not.toHaveProperty('prechat');
      expect(ack.session).not.toHaveProperty('fields');
      const session = await sessionOf(admin.http, w.sessionId);
      expect(session.fields).toEqual({ email: 'Kim@example.com', plan: 'Pro' });
      expect(session.fieldsComplete).toBe(false); // budget is still to be asked by the AI
      const event = await published.waitFor<EventEnvelope<{ changed: string[] }>>('event', (e) => e.sessionId === w.sessionId);
      expect(event.data.changed).toEqual(['email', 'plan']);
      const again = await connectWidget(server, agent.id, w.snapshot.customerToken);
      again.socket.close();
      expect(again.snapshot.session.id).toBe(w.sessionId);
      expect(again.snapshot.session).not.toHaveProperty('prechat');
    } finally {
      w.socket.close();
      events.close();
    }
  });

  it("a customer's form only ever writes their own session", async () => {
    const mine = await connectWidget(server, agent.id);
    const theirs = await connectWidget(server, agent.id);
    try {
      ok(await submit(mine.socket, { email: 'me@example.com' }));
      // The payload cannot name a session: an extra key is refused, and the other session is untouched.
      const sneaky = await mine.socket.timeout(5000).emitWithAck('fields:submit', { fields: { email: 'x@example.com' }, sessionId: theirs.sessionId } as unknown as { fields: Record<string, LeadFieldValue> });
      expect(sneaky).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
      expect((await sessionOf(admin.http, theirs.sessionId)).fields).toEqual({});
      expect((await sessionOf(admin.http, mine.sessionId)).fields).toEqual({ email: 'me@example.com' });
      expect(theirs.snapshot.session.prechat).toHaveLength(3);
    } finally {
      mine.socket.close();
      theirs.socket.close();
    }
  });
});
