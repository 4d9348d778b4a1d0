/**
 * Call-escalation requests go through the one egress policy, at connect time, now from the
 * delivery queue. Found broken (issue 21): while a refused request was retried the call showed
 * the policy's reasoning (which address the name resolved to), and no attempt log was kept;
 * webhooks say only "refused by egress policy", and so do calls now.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CallDto } from '../../../shared/src/contract/types';
import { CallModel } from '../../src/db/models/call.model';
import { WebhookDeliveryModel } from '../../src/db/models/webhook-delivery.model';
import { createAgent, createSession } from '../support/factories';
import { httpClient } from '../support/http-client';
import { waitUntil } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';
import { startVoicePlatform, type VoicePlatform } from '../support/voice-platform';

const SECRET = 'voice-secret-egress-0123456789';

describe('call requests and the egress policy', () => {
  let server: TestServer;
  let voice: VoicePlatform;

  beforeAll(async () => {
    // Set but empty: loopback may not be reached, as in production by default.
    [server, voice] = await Promise.all([startTestServer({ env: { SEED_DEMO: 'false', EGRESS_ALLOW: '', CALL_RETRY_SCHEDULE_MS: '100' } }), startVoicePlatform()]);
  });
  afterAll(async () => {
    await server.close();
    await voice.close();
  });

  it('a voice webhook whose name resolves to loopback is refused at connect time; the call says only "refused by egress policy"', async () => {
    const http = httpClient(server.url, server.masterKey);
    const agent = await createAgent(http, { callEscalation: { enabled: true, webhookUrl: `http://localhost:${new URL(voice.url).port}/calls`, secret: SECRET } });
    const { session } = await createSession(http, agent.id);
    const call = (await http.post<{ call: CallDto }>(`/v1/chat/sessions/${session.id}/calls`, { phone: '+14155550123' })).body.call;
    const failed = await waitUntil(async () => {
      const c = await CallModel.findById(call.id).lean();
      return c?.status === 'failed' ? c : null;
    }, 8_000);
    expect(failed.lastDeliveryError).toBe('the voice platform could not be reached (refused by egress policy)');
    const delivery = await WebhookDeliveryModel.findOne({ kind: 'call', callId: call.id }).lean();
    expect(delivery?.attempts.map((a) => [a.status, a.error])).toEqual([
      [null, 'refused by egress policy'],
      [null, 'refused by egress policy'],
    ]);
    expect(voice.requests).toEqual([]);
  });
});
