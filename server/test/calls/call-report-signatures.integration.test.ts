/**
 * The voice platform's reports (`POST /v1/calls/:callId/events`) must carry a timestamped
 * signature. Found broken (issue 21): the signature covered the body alone, so a captured
 * report could be replayed at any time, as often as wanted (a `completed` report injecting its
 * summary into the chat again, a `failed` one after the fact).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import type { AgentDto, CallDto } from '../../../shared/src/contract/types';
import { CallModel } from '../../src/db/models/call.model';
import { createAgent, createSession } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { waitUntil } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';
import { callSignature, hmacHex, nowSec, report, sendReport, startVoicePlatform, type VoicePlatform } from '../support/voice-platform';

const SECRET = 'voice-secret-0123456789abcdef';
/** Configured shorter than the default 300 s: the suite shows the setting is honoured. */
const TOLERANCE_SEC = 60;

type Refusal = { error: { code: string; message: string } };

describe('signed voice-platform reports: timestamps, replays', () => {
  let server: TestServer;
  let voice: VoicePlatform;
  let http: HttpClient;
  let agent: AgentDto;

  beforeAll(async () => {
    [server, voice] = await Promise.all([startTestServer({ env: { SEED_DEMO: 'false', CALL_SIGNATURE_TOLERANCE_SECONDS: String(TOLERANCE_SEC) } }), startVoicePlatform()]);
    http = httpClient(server.url, server.masterKey);
    agent = await createAgent(http, { callEscalation: { enabled: true, webhookUrl: `${voice.url}/calls`, secret: SECRET } });
  });
  afterAll(async () => {
    await server.close();
    await voice.close();
  });

  /** A requested call and the URL the platform reports to. */
  async function requestedCall(): Promise<{ callId: string; callbackUrl: string }> {
    const { session } = await createSession(http, agent.id);
    const res = await http.post<{ call: CallDto }>(`/v1/chat/sessions/${session.id}/calls`, { phone: '+14155550123' });
    expect(res.status).toBe(201);
    return { callId: res.body.call.id, callbackUrl: `${server.url}/v1/calls/${res.body.call.id}/events` };
  }
  const statusOf = async (callId: string) => (await CallModel.findById(callId).lean())?.status;

  it('a replayed report (the same bytes and headers again) is refused with 401 signature_replayed and changes nothing', async () => {
    const { callId, callbackUrl } = await requestedCall();
    const raw = JSON.stringify({ status: 'ringing' });
    const timestamp = nowSec();
    const headers = { 'x-switchboard-timestamp': String(timestamp), 'x-switchboard-signature': callSignature(raw, SECRET, timestamp) };
    expect((await sendReport(callbackUrl, raw, headers)).status).toBe(200);
    expect((await report(callbackUrl, { status: 'in_progress' }, SECRET)).status).toBe(200);

    const replayed = await sendReport(callbackUrl, raw, headers);
    expect(replayed.status).toBe(401);
    expect((replayed.body as Refusal).error.code).toBe('signature_replayed');
    expect(await statusOf(callId)).toBe('in_progress');
  });

  it('the same report sent five times at once is taken once', async () => {
    const { callbackUrl } = await requestedCall();
    const raw = JSON.stringify({ status: 'ringing' });
    const timestamp = nowSec();
    const headers = { 'x-switchboard-timestamp': String(timestamp), 'x-switchboard-signature': callSignature(raw, SECRET, timestamp) };
    const answers = await Promise.all(Array.from({ length: 5 }, () => sendReport(callbackUrl, raw, headers)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401, 401, 401, 401]);
  });

  it('a stale or far-future timestamp is refused with 401 signature_expired, even when the signature is right', async () => {
    const { callId, callbackUrl } = await requestedCall();
    for (const timestamp of [nowSec() - TOLERANCE_SEC - 30, nowSec() + TOLERANCE_SEC + 30]) {
      const res = await report(callbackUrl, { status: 'failed' }, SECRET, undefined, timestamp);
      expect(res.status).toBe(401);
      expect((res.body as Refusal).error.code).toBe('signature_expired');
    }
    expect(await statusOf(callId)).toBe('requested');
    // Within the tolerance: taken.
    expect((await report(callbackUrl, { status: 'ringing' }, SECRET, undefined, nowSec() - TOLERANCE_SEC + 20)).status).toBe(200);
  });

  it('a report without a timestamp (the old body-only signature) is 401 unauthorized saying what to send', async () => {
    const { callId, callbackUrl } = await requestedCall();
    const raw = JSON.stringify({ status: 'ringing' });
    const res = await sendReport(callbackUrl, raw, { 'x-switchboard-signature': hmacHex(raw, SECRET) });
    expect(res.status).toBe(401);
    expect((res.body as Refusal).error).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/X-Switchboard-Timestamp/) });
    // The timestamp is inside the signed bytes: a fresh timestamp on an old signature does not match.
    const moved = await sendReport(callbackUrl, raw, { 'x-switchboard-timestamp': String(nowSec()), 'x-switchboard-signature': hmacHex(raw, SECRET) });
    expect([moved.status, (moved.body as Refusal).error.code]).toEqual([401, 'unauthorized']);
    expect(await statusOf(callId)).toBe('requested');
  });

  it('a report signed the Standard Webhooks way (by the standardwebhooks library) is taken; its webhook-id replayed is refused', async () => {
    const { callId, callbackUrl } = await requestedCall();
    const signer = new Webhook(Buffer.from(SECRET, 'utf8'), { format: 'raw' });
    const raw = JSON.stringify({ status: 'ringing' });
    const at = new Date();
    const headers = { 'webhook-id': `msg_${callId}_1`, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signer.sign(`msg_${callId}_1`, at, raw) };
    expect((await sendReport(callbackUrl, raw, headers)).status).toBe(200);
    const replayed = await sendReport(callbackUrl, raw, headers);
    expect([replayed.status, (replayed.body as Refusal).error.code]).toEqual([401, 'signature_replayed']);
    // Signed with another key: refused.
    const forger = new Webhook(Buffer.from('another-secret-entirely', 'utf8'), { format: 'raw' });
    const forged = await sendReport(callbackUrl, JSON.stringify({ status: 'failed' }), { ...headers, 'webhook-id': 'msg_2', 'webhook-signature': forger.sign('msg_2', at, JSON.stringify({ status: 'failed' })) });
    expect([forged.status, (forged.body as Refusal).error.code]).toEqual([401, 'unauthorized']);
    await waitUntil(async () => (await statusOf(callId)) === 'ringing');
  });
});
