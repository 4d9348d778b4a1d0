import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MessageDto } from '../../../shared/src/contract/types';
import { createAgent } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { cutTransport, nextEvent, waitUntil, widgetClient } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';

describe('connection state recovery with a small packet buffer (SOCKET_RECOVERY_MAX_PACKETS)', () => {
  let server: TestServer;
  let http: HttpClient;
  let agentId: string;
  const KEPT = 4;

  beforeAll(async () => {
    server = await startTestServer({ env: { SOCKET_RECOVERY_MAX_PACKETS: String(KEPT) } });
    http = httpClient(server.url, server.masterKey);
    agentId = (await createAgent(http)).id;
  });
  afterAll(() => server.close());

  it('a widget away for more packets than are kept gets a fresh connection, and everything said meanwhile with it', async () => {
    const socket = widgetClient(server.url, { agentId }, { reconnection: true });
    const first = await nextEvent<{ session: { id: string }; customerToken: string }>(socket, 'session');
    const sessionId = first.session.id;
    // As the widget does: reconnect with the customer token, to the same session.
    socket.auth = { agentId, customerToken: first.customerToken };
    await http.post(`/v1/chat/sessions/${sessionId}/takeover`);

    const cut = cutTransport(socket);
    await waitUntil(() => server.app.sockets.io.of('/widget').sockets.size === 0);
    const said = Array.from({ length: KEPT * 3 }, (_, i) => `while away ${i}`);
    for (const content of said) expect((await http.post(`/v1/chat/sessions/${sessionId}/tell`, { content })).status).toBe(201);

    const snapshot = nextEvent<{ session: { id: string }; messages: MessageDto[] }>(socket, 'session', 10_000);
    await cut.reconnect();
    expect(socket.recovered).toBe(false);
    const fresh = await snapshot;
    expect(fresh.session.id).toBe(sessionId);
    expect(fresh.messages.filter((m) => m.role === 'operator').map((m) => m.content)).toEqual(said);
    socket.disconnect();
  });
});
