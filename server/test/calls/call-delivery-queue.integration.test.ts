/**
 * Call-escalation requests go through the durable, signed delivery queue webhooks use.
 * Found broken (issue 21): they were retried in process memory, so a crash or a restart lost
 * the request (the customer waits for a call that never comes); and an egress refusal was
 * logged on the call with the policy's reasoning (which address a name resolved to).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallDto, CustomerExportDto } from '../../../shared/src/contract/types';
import { startEmbeddedEngine, type EmbeddedEngine } from '../../src/db/embedded-engine/engine-server';
import { CallModel } from '../../src/db/models/call.model';
import { WebhookDeliveryModel } from '../../src/db/models/webhook-delivery.model';
import { createAgent, createSession } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { startServerProcess, type ServerProcess } from '../support/processes';
import { delay, waitUntil } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';
import { signedBy, startVoicePlatform, type VoicePlatform } from '../support/voice-platform';

const SECRET = 'voice-secret-queue-0123456789';
const PHONE = '+14155550123';

async function escalate(http: HttpClient, agentId: string): Promise<{ call: CallDto; customerId: string }> {
  const { session } = await createSession(http, agentId);
  const res = await http.post<{ call: CallDto }>(`/v1/chat/sessions/${session.id}/calls`, { phone: PHONE });
  if (res.status !== 201) throw new Error(`escalate: ${res.status} ${JSON.stringify(res.body)}`);
  return { call: res.body.call, customerId: session.customerId };
}

describe('call requests in the durable delivery queue (in process)', () => {
  let server: TestServer;
  let voice: VoicePlatform;
  let http: HttpClient;

  beforeAll(async () => {
    [server, voice] = await Promise.all([startTestServer({ env: { SEED_DEMO: 'false', CALL_RETRY_SCHEDULE_MS: '200,200' } }), startVoicePlatform()]);
    http = httpClient(server.url, server.masterKey);
  });
  afterAll(async () => {
    await server.close();
    await voice.close();
  });

  it('a platform answering 500 gets the same signed bytes again from the queue; the attempts are stored; the call counts them', async () => {
    const agent = await createAgent(http, { callEscalation: { enabled: true, webhookUrl: `${voice.url}/calls`, secret: SECRET } });
    voice.respondWith(500);
    const { call } = await escalate(http, agent.id);
    const attempts = () => voice.requests.filter((r) => r.body.callId === call.id);
    await waitUntil(() => attempts().length === 2, 8_000);

    const [first, second] = attempts();
    expect(second?.raw).toBe(first?.raw);
    expect(second?.headers['webhook-id']).toBe(first?.headers['webhook-id']);
    expect(attempts().every((a) => signedBy(a, SECRET))).toBe(true);
    const delivery = await waitUntil(async () => {
      const d = await WebhookDeliveryModel.findOne({ kind: 'call', callId: call.id }).lean();
      return d?.status === 'succeeded' ? d : null;
    });
    expect(delivery.attempts.map((a) => a.status)).toEqual([500, 200]);
    expect(delivery.body).toBe(first?.raw);
    const stored = await CallModel.findById(call.id).lean();
    expect(stored).toMatchObject({ status: 'requested', deliveryAttempts: 2, lastDeliveryError: null });
    await delay(500);
    expect(attempts()).toHaveLength(2);
  });

  it('when every attempt fails the call fails, telling staff why', async () => {
    const agent = await createAgent(http, { callEscalation: { enabled: true, webhookUrl: `${voice.url}/calls`, secret: SECRET } });
    voice.respondWith(503, 503, 503);
    const { call } = await escalate(http, agent.id);
    const failed = await waitUntil(async () => {
      const c = await CallModel.findById(call.id).lean();
      return c?.status === 'failed' ? c : null;
    }, 8_000);
    expect(failed.deliveryAttempts).toBe(3);
    expect(failed.lastDeliveryError).toBe('the voice platform could not be reached (HTTP 503)');
  });
});

describe('call requests survive a crash (real processes, one database)', () => {
  const MASTER = 'sk_sb_master_call_queue_test_key_012345';
  let dir: string;
  let engine: EmbeddedEngine;
  let voice: VoicePlatform;
  const procs: ServerProcess[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-call-queue-'));
    [engine, voice] = await Promise.all([startEmbeddedEngine({ dataDir: join(dir, 'db') }), startVoicePlatform()]);
  }, 30_000);
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.kill()));
    await voice?.close();
    await engine?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the process is killed after the platform answered 500; the next process on the same database sends the retry', async () => {
    // The retry is due well after the kill: only a process started later can send it.
    const env = { MONGODB_URI: engine.uri, CHAT_MASTER_KEY: MASTER, SEED_DEMO: 'false', DATA_DIR: dir, CALL_RETRY_SCHEDULE_MS: '8000,8000', WEBHOOK_POLL_MS: '200' };
    const first = await startServerProcess(env);
    procs.push(first);
    const http = httpClient(first.url, MASTER);
    const agent = await createAgent(http, { callEscalation: { enabled: true, webhookUrl: `${voice.url}/calls`, secret: SECRET } });
    voice.respondWith(500);
    const { call, customerId } = await escalate(http, agent.id);
    const callNow = async (h: HttpClient) =>
      (await h.get<CustomerExportDto>(`/v1/customers/${customerId}/export`)).body.sessions.flatMap((s) => s.calls).find((c) => c.id === call.id);
    // The 500 is on record (the retry is scheduled in the database), then the process dies.
    await waitUntil(async () => (await callNow(http))?.error === 'HTTP 500', 5_000, 50);
    await first.kill();
    const attempts = () => voice.requests.filter((r) => r.body.callId === call.id);
    expect(attempts()).toHaveLength(1);

    const second = await startServerProcess(env);
    procs.push(second);
    await waitUntil(() => attempts().length === 2, 15_000);
    const [a, b] = attempts();
    expect(b?.raw).toBe(a?.raw);
    expect(signedBy(b as NonNullable<typeof b>, SECRET)).toBe(true);
    const after = await waitUntil(async () => {
      const c = await callNow(httpClient(second.url, MASTER));
      return c?.error === null ? c : null;
    });
    expect(after.status).toBe('requested');
  }, 60_000);
});
