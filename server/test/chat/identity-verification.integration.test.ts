/**
 * Identity verification: a widget's `customerId` is taken only with `customerHash`, the hex
 * HMAC-SHA256 of the id with the agent's identity secret, which admins read (and rotate) over
 * the API. Without a valid hash the visitor is anonymous, so nobody can claim another
 * customer's sessions or memory.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SessionDto } from '../../../shared/src/contract/types';
import { AgentModel } from '../../src/db/models/agent.model';
import { createAgent, openWidget } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { createStaff } from '../support/operator-helpers';
import { startTestServer, type TestServer } from '../support/test-server';

const hmac = (secret: string, customerId: string) => createHmac('sha256', secret).update(customerId).digest('hex');

describe('identity verification', () => {
  let server: TestServer;
  let http: HttpClient;
  let agentId: string;

  beforeAll(async () => {
    server = await startTestServer();
    http = httpClient(server.url, server.masterKey);
    agentId = (await createAgent(http)).id;
  });
  afterAll(() => server?.close());

  const secretOf = async (id: string) => (await http.get<{ identitySecret: string }>(`/v1/agents/${id}/identity-secret`)).body.identitySecret;

  /** Opens a widget with these credentials and returns the customer id its new session got. */
  async function customerIdOf(auth: { customerId?: string; customerHash?: string }): Promise<string> {
    const widget = await openWidget(server.url, { agentId, ...auth });
    widget.socket.disconnect();
    return (await http.get<{ session: SessionDto }>(`/v1/chat/sessions/${widget.snapshot.session.id}`)).body.session.customerId;
  }

  it('takes the customer id with a valid hash, and makes anyone else an anonymous visitor', async () => {
    const secret = await secretOf(agentId);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(await customerIdOf({ customerId: 'cust-42', customerHash: hmac(secret, 'cust-42') })).toBe('cust-42');
    expect(await customerIdOf({ customerId: 'cust-42', customerHash: hmac(secret, 'cust-43') })).toMatch(/^visitor_/);
    expect(await customerIdOf({ customerId: 'cust-42', customerHash: hmac('a guess', 'cust-42') })).toMatch(/^visitor_/);
    expect(await customerIdOf({ customerId: 'cust-42' })).toMatch(/^visitor_/);
  });

  it('rotating the secret stops the old hashes at once', async () => {
    const old = await secretOf(agentId);
    const rotated = await http.post<{ identitySecret: string }>(`/v1/agents/${agentId}/identity-secret`, {});
    expect(rotated.status).toBe(200);
    expect(rotated.body.identitySecret).not.toBe(old);
    expect(await secretOf(agentId)).toBe(rotated.body.identitySecret);
    expect(await customerIdOf({ customerId: 'cust-7', customerHash: hmac(old, 'cust-7') })).toMatch(/^visitor_/);
    expect(await customerIdOf({ customerId: 'cust-7', customerHash: hmac(rotated.body.identitySecret, 'cust-7') })).toBe('cust-7');
  });

  it('still reads a secret stored in plain text by an earlier version', async () => {
    const legacy = (await createAgent(http)).id;
    const plain = 'ab'.repeat(32);
    await AgentModel.updateOne({ _id: legacy }, { $set: { identitySecret: plain } });
    expect(await secretOf(legacy)).toBe(plain);
  });

  it('is stored encrypted, and shown to admins only', async () => {
    const secret = await secretOf(agentId);
    const stored = await AgentModel.findById(agentId).lean();
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(JSON.stringify((await http.get(`/v1/agents/${agentId}`)).body)).not.toContain(secret);

    const operator = await createStaff(server, 'operator');
    expect((await operator.http.get(`/v1/agents/${agentId}/identity-secret`)).status).toBe(403);
    expect((await operator.http.post(`/v1/agents/${agentId}/identity-secret`, {})).status).toBe(403);
    expect(await secretOf(agentId)).toBe(secret);
    expect((await http.get(`/v1/agents/${'0'.repeat(24)}/identity-secret`)).status).toBe(404);
  });
});
