import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CustomerErasureDto, CustomerExportDto, MessageDto, SessionDto } from '../../../shared/src/contract/types';
import { createApiKey, subscribe } from '../support/integrator';
import { createSession, PNG_1PX, uniq } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { connectOperator, createStaff, opEmit, Recorder } from '../support/operator-helpers';
import { nextEvent, waitUntil, widgetClient, type OperatorClient } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';

describe("a customer's data: export and erasure", () => {
  let server: TestServer;
  let admin: HttpClient;
  let op: OperatorClient;

  beforeAll(async () => {
    server = await startTestServer();
    admin = httpClient(server.url, server.masterKey);
    op = await connectOperator(server, (await createStaff(server, 'admin')).token);
  });
  afterAll(async () => {
    op.close();
    await server.close();
  });

  /** A session of `customerId` with every kind of message and a file. */
  async function busySession(customerId: string): Promise<{ session: SessionDto; customerToken: string; attachmentUrl: string }> {
    const created = await createSession(admin, server.demoAgentId, { customerId, metadata: { email: 'dana@example.com' } });
    const path = `/v1/chat/sessions/${created.session.id}`;
    expect((await admin.post(`${path}/messages`, { content: 'Where is my order?' })).status).toBe(201);
    expect((await admin.post(`${path}/context`, { content: 'Order 42, shipped Monday' })).status).toBe(201);
    expect((await admin.post(`${path}/whisper`, { content: 'Offer a refund' })).status).toBe(201);
    expect((await admin.post(`${path}/tell`, { content: 'It arrives tomorrow.' })).status).toBe(201);
    const form = new FormData();
    form.append('file', new Blob([PNG_1PX], { type: 'image/png' }), 'receipt.png');
    const upload = await fetch(`${server.url}${path}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${created.customerToken}` }, body: form });
    expect(upload.status).toBe(201);
    const { attachment } = (await upload.json()) as { attachment: { url: string } };
    return { ...created, attachmentUrl: attachment.url };
  }

  it('the export holds every session of the customer with all its messages; nobody else\'s', async () => {
    const customerId = uniq('cust');
    const first = await busySession(customerId);
    await createSession(admin, server.demoAgentId, { customerId });
    await createSession(admin, server.demoAgentId, { customerId: uniq('someone-else') });

    const res = await admin.get<CustomerExportDto>(`/v1/customers/${customerId}/export`);
    expect(res.status).toBe(200);
    expect(res.body.customerId).toBe(customerId);
    expect(res.body.sessions.map((s) => s.session.customerId)).toEqual([customerId, customerId]);
    expect(res.body.sessions[0]?.session.id).toBe(first.session.id);
    const roles = res.body.sessions[0]?.messages.map((m) => m.role);
    expect(roles).toEqual(expect.arrayContaining(['customer', 'agent', 'context', 'whisper', 'operator']));
    expect(res.body.sessions[0]?.messages.some((m) => m.attachment?.name === 'receipt.png')).toBe(true);
  });

  it('erasure deletes every session, message, file and log of the customer, tells everyone live, and leaves others alone', async () => {
    const customerId = uniq('cust');
    const erased = await busySession(customerId);
    const second = await createSession(admin, server.demoAgentId, { customerId });
    const bystander = await busySession(uniq('bystander'));
    const { key } = await createApiKey(admin);
    const subscriber = await subscribe(server.url, key, { types: ['session.erased'] });
    const opSaw = new Recorder(op);
    expect((await opEmit(op, 'sessions:watch', { filters: {} })).ok).toBe(true);
    const widget = widgetClient(server.url, { agentId: server.demoAgentId, customerToken: erased.customerToken }, { reconnection: true });
    await nextEvent(widget, 'session');
    const dropped = nextEvent<string>(widget, 'disconnect');
    const refused = nextEvent<Error>(widget, 'connect_error');

    const res = await admin.delete<{ erased: CustomerErasureDto }>(`/v1/customers/${customerId}`);
    expect(res.status).toBe(200);
    expect(res.body.erased).toMatchObject({ sessions: 2, attachments: 1, calls: 0, memories: 0 });
    expect(res.body.erased.messages).toBeGreaterThanOrEqual(6);

    // The widget is cut off in a way it reconnects from, and finds its session gone.
    expect(await dropped).toBe('transport close');
    expect((await refused).message).toBe('unauthorized'); // the widget drops such a token and starts afresh
    widget.close();
    for (const id of [erased.session.id, second.session.id]) {
      expect((await admin.get(`/v1/chat/sessions/${id}`)).status).toBe(404);
      expect((await admin.get(`/v1/chat/sessions/${id}/messages`)).status).toBe(404);
    }
    expect((await fetch(`${server.url}${erased.attachmentUrl}`, { headers: { authorization: `Bearer ${server.masterKey}` } })).status).toBe(404);
    expect((await admin.get<CustomerExportDto>(`/v1/customers/${customerId}/export`)).body.sessions).toEqual([]);
    const list = await admin.get<{ sessions: SessionDto[] }>(`/v1/chat/sessions?customerId=${customerId}`);
    expect(list.body.sessions).toEqual([]);

    await waitUntil(() => subscriber.events.length >= 2);
    expect(subscriber.events.map((e) => [e.sessionId, (e.data as { reason: string }).reason]).sort()).toEqual(
      [[erased.session.id, 'customer_request'], [second.session.id, 'customer_request']].sort(),
    );
    await opSaw.waitFor<{ sessionId: string }>('session:erased', (p) => p.sessionId === second.session.id);
    subscriber.close();
    // Catching up on /events from the start replays nothing of them but their erasure.
    const late = await subscribe(server.url, key, { afterEventId: '000000000000000000000000' });
    const ofErased = late.events.filter((e) => e.sessionId === erased.session.id || e.sessionId === second.session.id);
    expect(late.replayed).toBeGreaterThan(0);
    expect(ofErased.map((e) => e.type)).toEqual(['session.erased', 'session.erased']);
    late.close();

    const kept = await admin.get<{ messages: MessageDto[] }>(`/v1/chat/sessions/${bystander.session.id}/messages`);
    expect(kept.body.messages.length).toBeGreaterThanOrEqual(5);
    expect((await fetch(`${server.url}${bystander.attachmentUrl}`, { headers: { authorization: `Bearer ${server.masterKey}` } })).status).toBe(200);
  });

  it('is for admins and API keys only; an unknown customer erases nothing', async () => {
    const operator = await createStaff(server, 'operator');
    const customerId = uniq('cust');
    const { session } = await createSession(admin, server.demoAgentId, { customerId });
    for (const res of [await operator.http.delete(`/v1/customers/${customerId}`), await operator.http.get(`/v1/customers/${customerId}/export`)]) {
      expect(res.status).toBe(403);
    }
    expect((await admin.get(`/v1/chat/sessions/${session.id}`)).status).toBe(200);
    const none = await admin.delete<{ erased: CustomerErasureDto }>(`/v1/customers/${uniq('nobody')}`);
    expect(none.body.erased).toEqual({ sessions: 0, messages: 0, attachments: 0, calls: 0, memories: 0 });
  });
});
