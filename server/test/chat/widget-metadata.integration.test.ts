/**
 * `/widget` `metadata:update` (the widget's `Switchboard('update')`): keys merged into the
 * session's metadata, the others kept; bad input refused with `invalid_request`, changing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Ack } from '../../../shared/src/events';
import { createAgent, getSession, openWidget } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { startTestServer, type TestServer } from '../support/test-server';

describe('/widget metadata:update', () => {
  let server: TestServer;
  let http: HttpClient;
  let agentId: string;

  beforeAll(async () => {
    server = await startTestServer();
    http = httpClient(server.url, server.masterKey);
    agentId = (await createAgent(http)).id;
  });
  afterAll(() => server.close());

  it('merges the keys into the session metadata and keeps the others', async () => {
    const w = await openWidget(server.url, { agentId, metadata: { plan: 'free', source: 'ad' } });
    try {
      const ack = await w.socket.timeout(5000).emitWithAck('metadata:update', { metadata: { plan: 'pro', pageUrl: 'https://shop.example/cart' } });
      expect(ack).toEqual({ ok: true });
      expect((await getSession(http, w.snapshot.session.id)).metadata).toEqual({ plan: 'pro', source: 'ad', pageUrl: 'https://shop.example/cart' });
    } finally {
      w.socket.disconnect();
    }
  });

  it.each([
    ['a dotted key', { 'a.b': 1 }],
    ['a $ key', { $where: 'x' }],
    ['not an object', 'plan=pro'],
  ])('refuses %s with invalid_request and changes nothing', async (_, metadata) => {
    const w = await openWidget(server.url, { agentId, metadata: { plan: 'free' } });
    try {
      const ack = (await w.socket.timeout(5000).emitWithAck('metadata:update', { metadata } as { metadata: Record<string, unknown> })) as Ack<object>;
      expect(ack.ok).toBe(false);
      if (!ack.ok) expect(ack.error.code).toBe('invalid_request');
      expect((await getSession(http, w.snapshot.session.id)).metadata).toEqual({ plan: 'free' });
    } finally {
      w.socket.disconnect();
    }
  });
});
