/**
 * Runs docs/examples/sms-gateway.ts as its own process against a real server, the way its
 * header says to: inbound texts are POSTed to it as an SMS provider would, and every text it
 * sends out lands on a loopback "provider" that the test reads.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type { MessageDto, SessionDto, SessionPage } from '../../../shared/src/contract/types';
import { startFakeLlm, type FakeLlm } from '../support/fake-llm-server';
import { closedNow, createFakeLlmAgent, eventsOf, openWidget, uniq, widgetSend } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { delay, waitUntil } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';
import { startVoicePlatform, type VoicePlatform } from '../support/voice-platform';
import { startReceiver, type Receiver } from '../support/integrator';

const EXAMPLE = join(__dirname, '../../../docs/examples/sms-gateway.ts');
const PHONE = '+14155550100';
const OTHER = '+14155550199';

interface Gateway {
  url: string;
  child: ChildProcess;
  output: () => string;
}

/** Starts the example with the environment its header documents; resolves once it listens. */
async function startGateway(env: Record<string, string>): Promise<Gateway> {
  const child = spawn(process.execPath, ['--import', 'tsx', EXAMPLE], { env: { ...process.env, PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const port = await waitUntil(() => {
    if (child.exitCode !== null) throw new Error(`the gateway exited:\n${out}`);
    return /listening on port (\d+)/.exec(out)?.[1];
  }, 30_000);
  return { url: `http://127.0.0.1:${port}`, child, output: () => out };
}

describe('docs/examples/sms-gateway.ts against a real server', () => {
  let server: TestServer;
  let llm: FakeLlm;
  let voice: VoicePlatform;
  let provider: Receiver;
  let gateway: Gateway;
  let http: HttpClient;
  let agentId: string;
  let messageNo = 0;

  /** Every text the gateway sent, as the SMS provider received it. */
  const sent = () => provider.requests.map((r) => Object.fromEntries(new URLSearchParams(r.rawBody)) as { to: string; text: string });
  const textsTo = (phone: string) => sent().filter((s) => s.to === phone).map((s) => s.text);
  /** An inbound SMS, posted to the gateway as the provider's webhook would. */
  const sms = async (from: string, body: string) => {
    const res = await fetch(`${gateway.url}/sms/inbound`, { method: 'POST', body: new URLSearchParams({ From: from, Body: body, MessageSid: `SM${++messageNo}` }) });
    expect(res.status).toBe(204);
  };
  const sessionsOf = async (phone: string) => (await http.get<SessionPage>(`/v1/chat/sessions?agentId=${agentId}&customerId=${encodeURIComponent(phone)}`)).body.sessions;
  const waitForTexts = (phone: string, n: number) => waitUntil(() => (textsTo(phone).length >= n ? textsTo(phone) : null), 10_000);

  beforeAll(async () => {
    [server, llm, voice, provider] = await Promise.all([startTestServer({ env: { SEED_DEMO: 'false' } }), startFakeLlm(), startVoicePlatform(), startReceiver()]);
    http = httpClient(server.url, server.masterKey);
    llm.setResponder(() => ({ tokens: ['Okay.'] }));
    agentId = (
      await createFakeLlmAgent(http, llm.url, {
        supportCommands: { whisper: true, tell: true, takeover: true },
        callEscalation: { enabled: true, webhookUrl: `${voice.url}/calls`, secret: 's'.repeat(32), voiceAgentId: 'va_1' },
        businessHours: closedNow(),
      })
    ).id;
    const key = await http.post<{ key: string }>('/v1/api-keys', { name: 'sms gateway', scopes: ['sessions:read', 'sessions:write', 'events:read'] });
    expect(key.status).toBe(201);
    gateway = await startGateway({ SWITCHBOARD_URL: server.url, SWITCHBOARD_API_KEY: key.body.key, SWITCHBOARD_AGENT_ID: agentId, SMS_SEND_URL: `${provider.url}/send` });
  }, 60_000);
  afterAll(async () => {
    if (gateway?.child.exitCode === null) {
      gateway.child.kill('SIGTERM');
      await once(gateway.child, 'exit');
    }
    await server?.close();
    await Promise.all([llm?.close(), voice?.close(), provider?.close()]);
  });

  it('texts in → one reused sms session; replies, tells, notices and call offers → texts out, in plain text, in order, once', async () => {
    // A Markdown reply reaches the phone as plain text.
    llm.enqueue({ tokens: ['Your order:\n\n', '- **shipped** today\n', '- track it [here](https://track.example/A1)'] });
    await sms(PHONE, 'Where is my order?');
    expect(await waitForTexts(PHONE, 1)).toEqual(['Your order:\n\n- shipped today\n- track it here (https://track.example/A1)']);
    const [session] = await sessionsOf(PHONE);
    expect(session).toMatchObject({ channel: 'sms', customerId: PHONE });

    // The same phone keeps its session; an offer of a call arrives as a text saying how to accept.
    llm.enqueue({ toolCalls: [{ name: 'offer_call', arguments: JSON.stringify({ reason: 'A refund is *quicker* by phone.' }) }] }, { tokens: ['I can call you.'] });
    await sms(PHONE, 'I want a refund');
    const afterOffer = await waitForTexts(PHONE, 3);
    expect(afterOffer.slice(1)).toEqual(expect.arrayContaining(['I can call you.', expect.stringMatching(/^A refund is quicker by phone\.\n\nWe can call you — reply with your phone number/)]));
    expect((await sessionsOf(PHONE)).map((s) => s.id)).toEqual([session?.id]);

    // The customer answers with their number: the gateway takes up the offer; the voice platform is called.
    await sms(PHONE, PHONE);
    const call = await waitUntil(() => voice.requests.find((r) => r.body.sessionId === session?.id), 10_000);
    expect(call.body.phone).toBe(PHONE);

    // An operator's tell, and the after-hours notice when the customer asks for a person.
    await http.post(`/v1/chat/sessions/${session?.id}/tell`, { content: 'Hi, this is **Sam** from support.' });
    await waitForTexts(PHONE, 4);
    await sms(PHONE, 'HUMAN');
    const all = await waitForTexts(PHONE, 5);
    expect(all.slice(3)).toEqual(['Hi, this is Sam from support.', expect.stringMatching(/^Our team is back \w+ at 09:00 \(UTC\)\./)]);

    // A widget conversation on the same agent is not texted to anyone.
    const widget = await openWidget(server.url, { agentId, customerId: uniq('visitor') });
    await widgetSend(widget.socket, { clientMessageId: 'w1', content: 'hello from the web' });
    await waitUntil(() => eventsOf(widget, 'stream:end')[0], 10_000);
    widget.socket.disconnect();

    // Nothing doubled, nothing staff-only (the customer's own texts, whispers) went out.
    await http.post(`/v1/chat/sessions/${session?.id}/whisper`, { content: 'private note' });
    await delay(300);
    expect(sent().every((s) => s.to === PHONE)).toBe(true);
    expect(textsTo(PHONE)).toHaveLength(5);
    const stored = (await http.get<{ messages: MessageDto[] }>(`/v1/chat/sessions/${session?.id}/messages`)).body.messages;
    expect(stored.filter((m) => m.role === 'customer').map((m) => m.content)).toEqual(['Where is my order?', 'I want a refund']);
  });

  it('a closed session is replaced: the next text opens a new one; two phones get two sessions', async () => {
    const [open] = await sessionsOf(PHONE);
    await http.post(`/v1/chat/sessions/${open?.id}/close`);
    llm.enqueue({ tokens: ['Welcome back.'] });
    const before = textsTo(PHONE).length;
    await sms(PHONE, 'Me again');
    expect((await waitForTexts(PHONE, before + 1)).at(-1)).toBe('Welcome back.');
    const sessions: SessionDto[] = await sessionsOf(PHONE);
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.status !== 'closed')).toHaveLength(1);

    llm.enqueue({ tokens: ['Hello, other phone.'] });
    await sms(OTHER, 'hi');
    expect(await waitForTexts(OTHER, 1)).toEqual(['Hello, other phone.']);
    expect(await sessionsOf(OTHER)).toHaveLength(1);
    expect(gateway.output()).not.toMatch(/failed/);
  });
});
