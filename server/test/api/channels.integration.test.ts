import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EventEnvelope, MessageDto, SessionDto, SessionPage, SessionStats } from '../../../shared/src/contract/types';
import type { ErrorBody } from '../../../shared/src/errors';
import type { StreamEnd } from '../../../shared/src/events';
import { Types } from 'mongoose';
import { SessionModel } from '../../src/db/models/session.model';
import { startFakeLlm, type FakeLlm } from '../support/fake-llm-server';
import { createFakeLlmAgent, eventsOf, openWidget, staffMessages, uniq, widgetSend } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { waitUntil } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';
import { envelopeOf, startReceiver, subscribe, type Receiver } from '../support/integrator';

type Created = { session: SessionDto; customerToken?: string; reused?: boolean };
const base = '/v1/chat/sessions';
const COMMANDS = { whisper: true, tell: true, takeover: true };

describe('integrators: channels, find-or-create, plain text', () => {
  let server: TestServer;
  let http: HttpClient;
  let llm: FakeLlm;
  let agentId: string;

  beforeAll(async () => {
    llm = await startFakeLlm();
    server = await startTestServer();
    http = httpClient(server.url, server.masterKey);
    agentId = (await createFakeLlmAgent(http, llm.url, { supportCommands: COMMANDS })).id;
  });
  afterAll(async () => {
    await server.close();
    await llm.close();
  });

  it('stores the channel: the integrator’s name, `api` by default, `web` for the widget; the log and stats filter by it', async () => {
    const customerId = uniq('cust');
    const sms = await http.post<Created>(base, { agentId, customerId, channel: 'sms' });
    expect(sms.status).toBe(201);
    expect(sms.body.session.channel).toBe('sms');
    expect((await http.get<{ session: SessionDto }>(`${base}/${sms.body.session.id}`)).body.session.channel).toBe('sms');
    const plain = await http.post<Created>(base, { agentId, customerId });
    expect(plain.body.session.channel).toBe('api');
    const widget = await openWidget(server.url, { agentId, customerId: uniq('visitor') });
    widget.socket.disconnect();
    const log = (channel: string) => http.get<SessionPage>(`${base}?agentId=${agentId}&channel=${channel}`);
    expect((await log('sms')).body.sessions.map((s) => s.id)).toEqual([sms.body.session.id]);
    expect((await log('api')).body.sessions.map((s) => s.id)).toEqual([plain.body.session.id]);
    const web = (await log('web')).body.sessions;
    expect(web.map((s) => s.id)).toEqual([widget.snapshot.session.id]);
    expect(web[0]?.channel).toBe('web');
    expect((await http.get<SessionStats>(`${base}/stats?agentId=${agentId}&channel=sms`)).body.total).toBe(1);
    // A session stored before channels existed has none: it reads, and filters, as `api`.
    await SessionModel.collection.updateOne({ _id: new Types.ObjectId(sms.body.session.id) }, { $unset: { channel: '' } });
    expect((await http.get<{ session: SessionDto }>(`${base}/${sms.body.session.id}`)).body.session.channel).toBe('api');
    expect((await log('api')).body.sessions.map((s) => s.id).sort()).toEqual([plain.body.session.id, sms.body.session.id].sort());
  });

  it('refuses a channel that is not a short lowercase name (400 naming `channel`), creating nothing', async () => {
    const customerId = uniq('cust');
    for (const channel of ['SMS', 'sms gateway', 'x'.repeat(33), '', 'wa.me', 7]) {
      const res = await http.post<{ error: ErrorBody }>(base, { agentId, customerId, channel });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_request', field: 'channel' });
    }
    const badReuse = await http.post<{ error: ErrorBody }>(base, { agentId, customerId, reuse: 'always' });
    expect(badReuse.body.error).toMatchObject({ code: 'invalid_request', field: 'reuse' });
    const badFilter = await http.get<{ error: ErrorBody }>(`${base}?channel=Not%20one`);
    expect(badFilter.body.error).toMatchObject({ code: 'invalid_request', field: 'channel' });
    expect((await http.get<SessionPage>(`${base}?customerId=${customerId}`)).body.sessions).toHaveLength(0);
  });

  it('reuse "open": 10 concurrent calls make one session (one 201, nine 200); after close the next call makes a new one', async () => {
    const body = { agentId, customerId: uniq('+1555'), channel: 'sms', reuse: 'open' };
    const answers = await Promise.all(Array.from({ length: 10 }, () => http.post<Created>(base, body)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    const ids = new Set(answers.map((a) => a.body.session.id));
    expect(ids.size).toBe(1);
    const created = answers.find((a) => a.status === 201)?.body as Created;
    expect(created).toMatchObject({ reused: false, customerToken: expect.stringMatching(/^cst_/) });
    expect(answers.find((a) => a.status === 200)?.body).toEqual({ session: expect.objectContaining({ id: created.session.id }), reused: true });
    expect((await http.get<SessionPage>(`${base}?customerId=${encodeURIComponent(body.customerId)}`)).body.sessions).toHaveLength(1);

    // Another channel is another conversation.
    const whatsapp = await http.post<Created>(base, { ...body, channel: 'whatsapp' });
    expect(whatsapp.status).toBe(201);
    expect(whatsapp.body.session.id).not.toBe(created.session.id);

    await http.post(`${base}/${created.session.id}/close`);
    const again = await Promise.all(Array.from({ length: 3 }, () => http.post<Created>(base, body)));
    expect(again.map((a) => a.status).sort()).toEqual([200, 200, 201]);
    const next = again[0]?.body.session.id;
    expect(next).not.toBe(created.session.id);
    expect(again.every((a) => a.body.session.id === next && a.body.session.status === 'active')).toBe(true);
  });

  it('reuse "open" adopts an open session made without it (the newest), and a dormant one counts as open', async () => {
    const customerId = uniq('cust');
    const older = await http.post<Created>(base, { agentId, customerId, channel: 'sms' });
    const newer = await http.post<Created>(base, { agentId, customerId, channel: 'sms' });
    const found = await http.post<Created>(base, { agentId, customerId, channel: 'sms', reuse: 'open' });
    expect(found.status).toBe(200);
    expect(found.body.session.id).toBe(newer.body.session.id);
    expect(found.body.session.id).not.toBe(older.body.session.id);
    await server.app.services.sessions.transition(newer.body.session.id, {}, { $set: { status: 'dormant' } });
    const dormant = await http.post<Created>(base, { agentId, customerId, channel: 'sms', reuse: 'open' });
    expect(dormant).toMatchObject({ status: 200, body: { session: { id: newer.body.session.id, status: 'dormant' } } });
  });

  it('carries `text` (plain) beside `content` on customer-visible messages: REST, widget socket, /events and webhooks; never on whispers', async () => {
    const receiver: Receiver = await startReceiver();
    const hook = await http.post('/v1/webhooks', { url: `${receiver.url}/hook`, types: ['message.created', 'message.completed'] });
    expect(hook.status).toBe(201);
    const events = await subscribe(server.url, server.masterKey, { agentIds: [agentId], types: ['message.created', 'message.completed'] });
    const widget = await openWidget(server.url, { agentId, customerId: uniq('visitor') });
    const sessionId = widget.snapshot.session.id;
    try {
      const markdown = 'Is **this** it? See [the guide](https://help.example/guide) and:\n\n1. one\n2. *two*';
      const plain = 'Is this it? See the guide (https://help.example/guide) and:\n\n1. one\n2. two';
      const sent = await widgetSend(widget.socket, { clientMessageId: uniq('m'), content: markdown });
      expect(sent.ok && sent.message.text).toBe(plain);
      // The fake model echoes: its reply's text is the echo, plain.
      const end = await waitUntil(() => eventsOf<StreamEnd>(widget, 'stream:end')[0]);
      expect(end.message.text).toBe(`Echo: ${plain}`);

      const tell = await http.post<{ message: MessageDto }>(`${base}/${sessionId}/tell`, { content: 'Hi, I am **Sam** — try `reset`' });
      expect(tell.body.message.text).toBe('Hi, I am Sam — try reset');
      const whisper = await http.post<{ message: MessageDto }>(`${base}/${sessionId}/whisper`, { content: '**note**' });
      expect(whisper.body.message.text).toBeUndefined();
      const told = await waitUntil(() => eventsOf<MessageDto>(widget, 'message').find((m) => m.role === 'operator'));
      expect(told.text).toBe('Hi, I am Sam — try reset');

      const history = await staffMessages(http, sessionId);
      expect(history.map((m) => [m.role, m.text])).toEqual([
        ['customer', plain],
        ['agent', `Echo: ${plain}`],
        ['operator', 'Hi, I am Sam — try reset'],
        ['whisper', undefined],
      ]);
      const ofSession = (list: EventEnvelope[]) => list.filter((e) => e.sessionId === sessionId).map((e) => [e.type, (e.data as { message: MessageDto }).message.text]);
      const expected = [
        ['message.created', plain],
        ['message.created', ''],
        ['message.completed', `Echo: ${plain}`],
        ['message.created', 'Hi, I am Sam — try reset'],
        ['message.created', undefined],
      ];
      await waitUntil(() => ofSession(events.events).length >= expected.length);
      expect(ofSession(events.events)).toEqual(expected);
      // Deliveries run concurrently: compare as sets.
      const sorted = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();
      await waitUntil(() => receiver.requests.filter((r) => envelopeOf(r).sessionId === sessionId).length >= expected.length);
      expect(sorted(ofSession(receiver.requests.map(envelopeOf)))).toEqual(sorted(expected));
    } finally {
      widget.socket.disconnect();
      events.close();
      await receiver.close();
    }
  });
});
