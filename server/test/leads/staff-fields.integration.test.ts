import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AgentDto, CustomerExportDto, SessionDto } from '../../../shared/src/contract/types';
import type { ErrorBody } from '../../../shared/src/errors';
import { createAgent, createSession } from '../support/factories';
import { httpClient } from '../support/http-client';
import { loginAdmin, sessionOf, type Staff } from '../support/operator-helpers';
import { startTestServer, type TestServer } from '../support/test-server';

type Err = { error: ErrorBody & { field?: string } };

describe('lead capture: staff set fields over REST; transcripts and exports carry them', () => {
  let server: TestServer;
  let admin: Staff;
  let agent: AgentDto;

  beforeAll(async () => {
    server = await startTestServer({ env: { SEED_DEMO: 'false' } });
    admin = await loginAdmin(server);
    agent = await createAgent(admin.http, {
      language: 'de',
      fields: [
        { key: 'email', label: 'E-Mail', type: 'email', required: true },
        { key: 'company', label: 'Firma <&>', type: 'string' },
        { key: 'callback', label: 'Rückruf', type: 'boolean' },
        { key: 'size', label: 'Größe', type: 'enum', options: ['S', 'M', 'L'] },
      ],
    });
  });
  afterAll(() => server.close());

  it('PATCH {fields} stores normalised values beside metadata; null clears a field and completeness follows', async () => {
    const { session } = await createSession(admin.http, agent.id);
    expect(session).toMatchObject({ fields: {}, fieldsComplete: false });
    const path = `/v1/chat/sessions/${session.id}`;
    const res = await admin.http.patch<{ session: SessionDto }>(path, { metadata: { plan: 'trial' }, fields: { email: ' Kim@Example.DE ', callback: 'yes', size: 'm' } });
    expect(res.status).toBe(200);
    expect(res.body.session).toMatchObject({ metadata: { plan: 'trial' }, fields: { email: 'Kim@example.de', callback: true, size: 'M' }, fieldsComplete: true });
    const cleared = await admin.http.patch<{ session: SessionDto }>(path, { fields: { email: null } });
    expect(cleared.body.session).toMatchObject({ fields: { callback: true, size: 'M' }, fieldsComplete: false });
    expect(cleared.body.session.fields).not.toHaveProperty('email');
    expect((await sessionOf(admin.http, session.id)).metadata).toEqual({ plan: 'trial' });
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ['a bad email', { email: 'kim(at)example.de' }, 'fields.email'],
    ['an option that does not exist', { size: 'XL' }, 'fields.size'],
    ['a key the agent does not have', { budget: 10 }, 'fields.budget'],
    ['a boolean that is not one', { callback: 'maybe' }, 'fields.callback'],
    ['a key that is no key', { 'a.b': 'x' }, 'fields'],
    ['a value that is an object', { company: { $gt: '' } }, 'fields.company.$gt'],
  ];
  it.each(bad)('PATCH with %s: 400 naming the field; neither fields nor metadata change', async (_what, fields, field) => {
    const { session } = await createSession(admin.http, agent.id, { metadata: { keep: 1 } });
    const path = `/v1/chat/sessions/${session.id}`;
    await admin.http.patch(path, { fields: { company: 'Acme' } });
    const res = await admin.http.patch<Err>(path, { metadata: { changed: true }, fields: { email: 'ok@example.com', ...fields } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request' });
    expect(res.body.error.field?.startsWith(field.split('.$')[0] as string)).toBe(true);
    const after = await sessionOf(admin.http, session.id);
    expect(after.fields).toEqual({ company: 'Acme' });
    expect(after.metadata).toEqual({ keep: 1 });
  });

  it('a PATCH with neither metadata nor fields is refused; a customer token may not PATCH', async () => {
    const { session, customerToken } = await createSession(admin.http, agent.id);
    expect((await admin.http.patch<Err>(`/v1/chat/sessions/${session.id}`, {})).status).toBe(400);
    const asCustomer = await httpClient(server.url, customerToken).patch<Err>(`/v1/chat/sessions/${session.id}`, { fields: { email: 'x@example.com' } });
    expect(asCustomer.status).toBe(403);
    expect((await sessionOf(admin.http, session.id)).fields).toEqual({});
  });

  it('the transcript lists the captured fields with their labels, in the agent language, escaped in HTML', async () => {
    const { session, customerToken } = await createSession(admin.http, agent.id);
    await admin.http.patch(`/v1/chat/sessions/${session.id}`, { fields: { email: 'kim@example.de', company: 'Kim & <Co>', callback: false } });
    const text = await (await fetch(`${server.url}/v1/chat/sessions/${session.id}/transcript?format=text`, { headers: { authorization: `Bearer ${customerToken}` } })).text();
    expect(text).toContain('E-Mail: kim@example.de\nFirma <&>: Kim & <Co>\nRückruf: nein\n');
    expect(text).not.toContain('Größe');
    const html = await (await fetch(`${server.url}/v1/chat/sessions/${session.id}/transcript?format=html`, { headers: { authorization: `Bearer ${admin.token}` } })).text();
    expect(html).toContain('<dt>E-Mail</dt><dd>kim@example.de</dd><dt>Firma &lt;&amp;&gt;</dt><dd>Kim &amp; &lt;Co&gt;</dd><dt>Rückruf</dt><dd>nein</dd>');
  });

  it("the customer export carries each session's fields", async () => {
    const customerId = `lead-${Date.now()}`;
    const { session } = await createSession(admin.http, agent.id, { customerId });
    await admin.http.patch(`/v1/chat/sessions/${session.id}`, { fields: { email: 'kim@example.de' } });
    const res = await httpClient(server.url, server.masterKey).get<CustomerExportDto>(`/v1/customers/${customerId}/export`);
    expect(res.status).toBe(200);
    expect(res.body.sessions[0]?.session).toMatchObject({ fields: { email: 'kim@example.de' }, fieldsComplete: true });
    expect(res.body.sessions[0]?.fields).toEqual([{ key: 'email', label: 'E-Mail', value: 'kim@example.de' }]);
  });

  it("editing an agent's fields brings its sessions' fieldsComplete in line with the new required ones", async () => {
    const other = await createAgent(admin.http, { fields: [{ key: 'email', label: 'Email', type: 'email', required: true }] });
    const held = await createSession(admin.http, other.id);
    const empty = await createSession(admin.http, other.id);
    await admin.http.patch(`/v1/chat/sessions/${held.session.id}`, { fields: { email: 'a@example.com' } });
    const complete = async () => [(await sessionOf(admin.http, held.session.id)).fieldsComplete, (await sessionOf(admin.http, empty.session.id)).fieldsComplete];
    expect(await complete()).toEqual([true, false]);
    const nothingRequired = [{ key: 'email', label: 'Email', type: 'email' }];
    expect((await admin.http.patch(`/v1/agents/${other.id}`, { fields: nothingRequired })).status).toBe(200);
    expect(await complete()).toEqual([true, true]);
    await admin.http.patch(`/v1/agents/${other.id}`, { fields: [...nothingRequired, { key: 'company', label: 'Company', type: 'string', required: true }] });
    expect(await complete()).toEqual([false, false]);
    await admin.http.patch(`/v1/agents/${other.id}`, { fields: [{ key: 'email', label: 'Email', type: 'email', required: true }] });
    expect(await complete()).toEqual([true, false]);
  });
});
