/**
 * Hostile traffic at the socket layer (issue "Scale and reliability" §4): a packet over
 * MAX_SOCKET_PAYLOAD_BYTES, engine.io/socket.io garbage over a real websocket, an invalid
 * websocket frame and non-HTTP bytes on a raw TCP socket. Each offender is dropped; the server
 * (running in this process: an uncaught error would fail the run) keeps serving the others.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { connect, type Socket as NetSocket } from 'node:net';
import WebSocket from 'ws';
import type { AgentDto } from '../../../shared/src/contract/types';
import { createAgent, createSession, openWidget, widgetSend, type OpenWidget } from '../support/factories';
import { httpClient, type HttpClient } from '../support/http-client';
import { startTestServer, type TestServer } from '../support/test-server';

const MAX_PAYLOAD = 4096;

describe('abuse: oversized and malformed socket traffic', () => {
  let server: TestServer;
  let http: HttpClient;
  let agent: AgentDto;
  let bystander: OpenWidget;
  let port: number;

  beforeAll(async () => {
    server = await startTestServer({ env: { MAX_SOCKET_PAYLOAD_BYTES: String(MAX_PAYLOAD) } });
    http = httpClient(server.url, server.masterKey);
    port = Number(new URL(server.url).port);
    agent = await createAgent(http);
    const { customerToken } = await createSession(http, agent.id);
    bystander = await openWidget(server.url, { agentId: agent.id, customerToken });
  }, 30_000);
  afterAll(async () => {
    bystander?.socket.disconnect();
    await server?.close();
  });

  /** The process still serves: health, a new handshake, and the bystander's next message. */
  async function stillServing(): Promise<void> {
    expect((await http.get('/healthz')).status).toBe(200);
    const { customerToken } = await createSession(http, agent.id);
    const fresh = await openWidget(server.url, { agentId: agent.id, customerToken });
    fresh.socket.disconnect();
    expect(bystander.socket.connected).toBe(true);
    const ack = await widgetSend(bystander.socket, { clientMessageId: randomUUID(), content: 'still here?' });
    expect(ack.ok).toBe(true);
  }

  /** A websocket speaking engine.io v4 directly; resolves after the server's open packet. */
  async function rawEngineIo(): Promise<{ ws: WebSocket; closed: Promise<unknown> }> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`);
    const closed = once(ws, 'close');
    const [first] = (await once(ws, 'message')) as [Buffer];
    expect(first.toString()).toMatch(/^0\{/);
    return { ws, closed };
  }

  it('a packet over MAX_SOCKET_PAYLOAD_BYTES drops that socket only', async () => {
    const { customerToken } = await createSession(http, agent.id);
    const offender = await openWidget(server.url, { agentId: agent.id, customerToken });
    const dropped = new Promise<string>((resolve) => offender.socket.once('disconnect', (reason) => resolve(reason)));
    // No ack callback: the server drops the socket before it could answer.
    (offender.socket.emit as (event: string, payload: unknown) => void)('message:send', { clientMessageId: randomUUID(), content: 'x'.repeat(MAX_PAYLOAD * 2) });
    expect(await dropped).toMatch(/transport (close|error)/);
    await stillServing();
  });

  const garbage: [string, (agentId: string) => string[]][] = [
    ['an unknown engine.io packet type', () => ['z{not a packet']],
    ['a socket.io event with broken JSON', (agentId) => [`40/widget,${JSON.stringify({ agentId })}`, '42/widget,["message:send",{"content":']],
    ['an unknown socket.io packet type', () => ['49/widget,{}']],
    ['a namespace connect with non-JSON auth', () => ['40/widget,{{{{']],
  ];

  it.each(garbage)('%s: the connection is closed', async (_what, packets) => {
    const { ws, closed } = await rawEngineIo();
    for (const p of packets(agent.id)) ws.send(p);
    await closed;
    expect(ws.readyState).toBe(WebSocket.CLOSED);
    await stillServing();
  });

  it('a binary frame of random bytes: closed', async () => {
    const { ws, closed } = await rawEngineIo();
    ws.send(Buffer.from([0xff, 0x00, 0xfe, 0x13, 0x37]), { binary: true });
    // A stray binary frame is not a valid engine.io v4 packet here; if the server tolerates it, a
    // following garbage packet must still close the connection.
    setTimeout(() => ws.readyState === WebSocket.OPEN && ws.send('z'), 200);
    await closed;
    await stillServing();
  });

  /** A TCP socket that completes the websocket upgrade by hand, then speaks raw bytes. */
  async function upgradedNetSocket(): Promise<NetSocket> {
    const sock = connect(port, '127.0.0.1');
    await once(sock, 'connect');
    sock.write(
      [
        'GET /socket.io/?EIO=4&transport=websocket HTTP/1.1',
        `Host: 127.0.0.1:${port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        'Sec-WebSocket-Version: 13',
        '',
        '',
      ].join('\r\n'),
    );
    const [head] = (await once(sock, 'data')) as [Buffer];
    expect(head.toString()).toMatch(/^HTTP\/1\.1 101/);
    return sock;
  }

  it('an invalid websocket frame (unmasked, reserved opcode) on an upgraded TCP socket: closed', async () => {
    for (const frame of [Buffer.from([0x81, 0x02, 0x34, 0x30]), Buffer.from([0x83, 0x80, 1, 2, 3, 4])]) {
      const sock = await upgradedNetSocket();
      const closed = once(sock, 'close');
      sock.write(frame);
      await closed;
    }
    await stillServing();
  });

  it('non-HTTP bytes on the port: the connection is closed', async () => {
    const sock = connect(port, '127.0.0.1');
    await once(sock, 'connect');
    const closed = once(sock, 'close');
    sock.on('error', () => undefined);
    let answer = '';
    sock.on('data', (d: Buffer) => (answer += d.toString()));
    sock.write('NOT HTTP AT ALL\r\n\r\n');
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    await stillServing();
  });
});
