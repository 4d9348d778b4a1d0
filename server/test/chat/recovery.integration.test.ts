import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MessageDto } from '../../../shared/src/contract/types';
import { createAgent } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { cutTransport, nextEvent, waitUntil, widgetClient } from '../support/socket-clients';
import { startTestServer, type TestServer } from '../support/test-server';

describe('connection state recovery on /widget', () => {
  let server: TestServer;
  let http: HttpClient;
  let agentId: string;

  beforeAll(async () => {
    server = await startTestServer();
    http = httpClient(server.url, server.masterKey);
    agentId = (await createAgent(http)).id;
  });
  afterAll(() => server.close());

  it('a widget cut off for a moment gets, on reconnecting, what was sent to its session meanwhile', async () => {
    const socket = widgetClient(server.url, { agentId }, { reconnection: true });
    const snapshot = await nextEvent<{ session: { id: string } }>(socket, 'session');
    const sessionId = snapshot.session.id;
    await http.post(`/v1/chat/sessions/${sessionId}/takeover`);
    const received: MessageDto[] = [];
    socket.on('message', (m) => received.push(m));

    // The transport drops (as on a flaky network): the server keeps the session for recovery.
    const cut = cutTransport(socket);
    await waitUntil(() => socket.disconnected);
    // Only once the server has seen the cut is the session's room empty (the case under test).
    await waitUntil(() => server.app.sockets.io.of('/widget').sockets.size === 0);
    // Nobody is in the session's room now; the message must still be kept for the widget.
    expect((await http.post(`/v1/chat/sessions/${sessionId}/tell`, { content: 'sent while you were away' })).status).toBe(201);

    await cut.reconnect();
    expect(socket.recovered).toBe(true);
    await waitUntil(() => received.some((m) => m.content === 'sent while you were away'));
    expect(received.filter((m) => m.content === 'sent while you were away')).toHaveLength(1);
    socket.disconnect();
  });
});
