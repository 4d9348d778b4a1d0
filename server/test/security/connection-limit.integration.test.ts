/**
 * Live sockets per address (MAX_CONNECTIONS_PER_IP): the cap holds, and handshakes that are
 * refused for another reason do not use it up.
 */
import { createAgent, openWidget, refusedWith, type OpenWidget } from '../support/factories';
import { httpClient } from '../support/http-client';
import { startTestServer, type TestServer } from '../support/test-server';

const MAX_CONNECTIONS = 2;

describe('abuse: connections per IP', () => {
  let server: TestServer;
  let agentId: string;
  let lockedAgentId: string;
  const open: OpenWidget[] = [];

  beforeAll(async () => {
    server = await startTestServer({ env: { MAX_CONNECTIONS_PER_IP: String(MAX_CONNECTIONS) } });
    const http = httpClient(server.url, server.masterKey);
    agentId = (await createAgent(http)).id;
    lockedAgentId = (await createAgent(http, { allowedOrigins: ['https://shop.example'] })).id;
  });
  afterAll(async () => {
    open.forEach((w) => w.socket.disconnect());
    await server.close();
  });

  it('refused handshakes do not count; live sockets do, up to the cap; a closed one frees its place', async () => {
    for (let i = 0; i < MAX_CONNECTIONS + 2; i++) {
      expect(await refusedWith(server.url, { agentId: lockedAgentId }, { origin: 'https://evil.example' })).toMatch(/origin/);
    }
    for (let i = 0; i < MAX_CONNECTIONS; i++) open.push(await openWidget(server.url, { agentId }));
    expect(await refusedWith(server.url, { agentId })).toBe('rate_limited');

    open.pop()?.socket.disconnect();
    const deadline = Date.now() + 5_000;
    let reopened: OpenWidget | null = null;
    while (!reopened && Date.now() < deadline) reopened = await openWidget(server.url, { agentId }).catch(() => null);
    expect(reopened).not.toBeNull();
    if (reopened) open.push(reopened);
  });
});
