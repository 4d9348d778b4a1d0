/**
 * An SMS gateway for Switchboard: texts in, every customer-visible line out.
 *
 *   inbound SMS  → POST /v1/chat/sessions {channel: "sms", reuse: "open"} (one open session per phone)
 *                → POST /v1/chat/sessions/:id/messages (the provider's message id deduplicates retries)
 *   /events      → message.created / message.completed (agent replies, operator tells, system
 *                  notices such as after-hours and escalation lines) and call.updated (a call
 *                  offer) → one SMS each, using the plain-text `text` Switchboard sends beside the
 *                  Markdown `content`
 *   "HUMAN"      → POST /v1/chat/sessions/:id/help;  a phone number after a call offer → POST …/calls
 *
 * Run: SWITCHBOARD_URL=… SWITCHBOARD_API_KEY=… SWITCHBOARD_AGENT_ID=… SMS_SEND_URL=… PORT=8080 \
 *      node --import tsx docs/examples/sms-gateway.ts
 * The API key needs `sessions:read`, `sessions:write` and `events:read`. Point your SMS
 * provider's inbound webhook at POST /sms/inbound (form fields From, Body, MessageSid, as Twilio
 * sends them); outbound texts are POSTed as a form {to, text} to SMS_SEND_URL — swap `sendSms`
 * for your provider's API. server/test/api/sms-gateway.integration.test.ts runs this file.
 */
import express from 'express';
import { io } from 'socket.io-client';
import type { CallDto, EventEnvelope, MessageDto, SessionDto } from '../../shared/src/contract/types';

const CHANNEL = 'sms';
const PHONE = /^\+[1-9]\d{6,14}$/;
/** Lines the customer should get by text: not their own messages, not a reply still streaming. */
const OUTBOUND_ROLES = new Set(['agent', 'operator', 'system']);

export interface GatewayOptions {
  switchboardUrl: string;
  apiKey: string;
  agentId: string;
  sendSms: (to: string, text: string) => Promise<void>;
}

export function createSmsGateway(o: GatewayOptions) {
  const api = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${o.switchboardUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${o.apiKey}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const sessions = new Map<string, Pick<SessionDto, 'channel' | 'customerId'>>(); // a cache: Switchboard remembers
  const offers = new Set<string>(); // sessions with an open call offer
  const sent = new Set<string>(); // message/call ids already texted (events can be replayed)
  const queues = new Map<string, Promise<void>>(); // one outbound queue per session keeps texts in order

  const openSession = async (phone: string): Promise<SessionDto> => {
    const res = await api<{ session: SessionDto }>('POST', '/v1/chat/sessions', { agentId: o.agentId, customerId: phone, channel: CHANNEL, reuse: 'open' });
    if (res.status !== 200 && res.status !== 201) throw new Error(`session: ${res.status} ${JSON.stringify(res.body)}`);
    sessions.set(res.body.session.id, res.body.session);
    return res.body.session;
  };

  /** One inbound text. A session closed meanwhile (409) is replaced by a new one once. */
  async function inbound(phone: string, body: string, providerId: string, retry = true): Promise<void> {
    const session = await openSession(phone);
    const path = `/v1/chat/sessions/${session.id}`;
    const text = body.trim();
    if (/^human$/i.test(text)) return void (await api('POST', `${path}/help`, { reason: 'asked by SMS' }));
    if (PHONE.test(text) && offers.delete(session.id)) return void (await api('POST', `${path}/calls`, { phone: text }));
    const res = await api('POST', `${path}/messages`, { content: text, clientMessageId: providerId });
    if (res.status === 409 && retry) return inbound(phone, body, providerId, false);
  }

  async function phoneOf(sessionId: string): Promise<string | null> {
    let session = sessions.get(sessionId);
    if (!session) {
      session = (await api<{ session: SessionDto }>('GET', `/v1/chat/sessions/${sessionId}`)).body.session;
      sessions.set(sessionId, session);
    }
    return session.channel === CHANNEL ? session.customerId : null;
  }

  /** The one line an event puts on the customer's phone, or null. */
  function lineOf(e: EventEnvelope): { id: string; text: string } | null {
    if (e.type === 'call.updated') {
      const call = (e.data as { call: CallDto }).call;
      if (call.status !== 'offered' || !call.text) return null;
      offers.add(call.sessionId);
      return { id: call.id, text: call.text };
    }
    const m = (e.data as { message: MessageDto }).message;
    if (!OUTBOUND_ROLES.has(m.role) || m.status === 'streaming' || !m.text) return null;
    return { id: m.id, text: m.text };
  }

  function outbound(e: EventEnvelope): void {
    const line = lineOf(e);
    if (!line || sent.has(line.id)) return;
    sent.add(line.id);
    const previous = queues.get(e.sessionId) ?? Promise.resolve();
    const next = previous.then(async () => {
      const phone = await phoneOf(e.sessionId);
      if (phone) await o.sendSms(phone, line.text);
    });
    queues.set(e.sessionId, next.catch((err: unknown) => console.error('sms gateway: send failed', err)));
  }

  const events = io(`${o.switchboardUrl}/events`, { auth: { apiKey: o.apiKey }, transports: ['websocket'] });
  events.on('event', outbound);
  /** Resolves once subscribed (again after every reconnect, so nothing is missed while down). */
  const ready = new Promise<void>((resolve, reject) => {
    events.on('connect', () => {
      const types = ['message.created', 'message.completed', 'call.updated'];
      events.timeout(10_000).emit('subscribe', { types, agentIds: [o.agentId] }, (err: Error | null, ack: { ok: boolean }) => (err || !ack.ok ? reject(err ?? new Error(JSON.stringify(ack))) : resolve()));
    });
    events.on('connect_error', reject);
  });
  return { inbound, ready, close: () => void events.disconnect() };
}

/** The HTTP program: the SMS provider's inbound webhook, and outbound texts POSTed to SMS_SEND_URL. */
async function main(env: NodeJS.ProcessEnv): Promise<void> {
  const need = (name: string): string => env[name] ?? (console.error(`set ${name}`), process.exit(1));
  const smsSendUrl = need('SMS_SEND_URL');
  const gateway = createSmsGateway({
    switchboardUrl: need('SWITCHBOARD_URL'),
    apiKey: need('SWITCHBOARD_API_KEY'),
    agentId: need('SWITCHBOARD_AGENT_ID'),
    sendSms: async (to, text) => {
      const res = await fetch(smsSendUrl, { method: 'POST', body: new URLSearchParams({ to, text }) });
      if (!res.ok) throw new Error(`SMS provider answered ${res.status}`);
    },
  });
  await gateway.ready;
  const app = express().use(express.urlencoded({ extended: false }));
  app.post('/sms/inbound', (req, res) => {
    const { From: phone, Body: body, MessageSid: id } = req.body as Record<string, string | undefined>;
    if (!phone || !body || !id) return void res.status(400).end();
    res.status(204).end(); // answer the provider at once; replies go out as their own texts
    gateway.inbound(phone, body, id).catch((err: unknown) => console.error('sms gateway: inbound failed', err));
  });
  const server = app.listen(Number(env.PORT ?? 8080), '127.0.0.1', () => {
    const address = server.address();
    console.log(`sms gateway listening on port ${typeof address === 'object' && address ? address.port : env.PORT}`);
  });
  process.once('SIGTERM', () => (gateway.close(), server.close()));
}

if (require.main === module) void main(process.env);
