import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventEmitter } from 'node:events';
import { Server } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { slimInitialRequests } from '../slim-request';

/**
 * What a connection keeps on the server once it is open, with and without the slimming:
 * the TCP socket's 'close' listeners and the websocket's 'error' listeners, read from
 * engine.io's objects. The slimmed server must hold one of each fewer (engine.io's stand-in
 * response and its upgrade guard), and still notice a client going away.
 */
interface Held {
  tcpCloseListeners: number;
  wsErrorListeners: number;
  headers: string[];
}

interface Running {
  io: Server;
  http: HttpServer;
  url: string;
  close(): Promise<void>;
}

async function start(slimmed: boolean): Promise<Running> {
  const http = createServer();
  const io = new Server(http, { transports: ['websocket', 'polling'] });
  if (slimmed) slimInitialRequests(io);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return { io, http, url, close: () => new Promise<void>((resolve) => void io.close(() => resolve())) };
}

async function open(url: string, transports: ('websocket' | 'polling')[]): Promise<ClientSocket> {
  const socket = connect(url, { forceNew: true, reconnection: false, transports, extraHeaders: { 'x-forwarded-for': '203.0.113.9', cookie: 'a=b' } });
  const upgraded = new Promise<void>((resolve) => socket.io.once('open', () => socket.io.engine.once('upgrade', () => resolve())));
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('connect_error', reject));
  if (transports[0] === 'polling') await upgraded;
  // The slimming runs on the turn after the upgrade.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return socket;
}

function held(server: Running): Held {
  const [engineSocket] = Object.values((server.io.engine as unknown as { clients: Record<string, { transport: { socket: EventEmitter & { _socket: EventEmitter } }; request: { headers: object } }> }).clients);
  if (!engineSocket) throw new Error('no connection on the server');
  const ws = engineSocket.transport.socket;
  return { tcpCloseListeners: ws._socket.listenerCount('close'), wsErrorListeners: ws.listenerCount('error'), headers: Object.keys(engineSocket.request.headers).sort() };
}

describe('slimming what each connection keeps', () => {
  const servers: Running[] = [];
  const clients: ClientSocket[] = [];
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  async function measure(slimmed: boolean, transports: ('websocket' | 'polling')[]): Promise<{ held: Held; server: Running; client: ClientSocket }> {
    const server = await start(slimmed);
    servers.push(server);
    const client = await open(server.url, transports);
    clients.push(client);
    return { held: held(server), server, client };
  }

  it.each([
    ['a websocket connection', ['websocket'] as ('websocket' | 'polling')[]],
    ['a polling connection that upgrades', ['polling', 'websocket'] as ('websocket' | 'polling')[]],
  ])('%s drops the stand-in response and keeps only the headers the handshake reads', async (_label, transports) => {
    const plain = await measure(false, transports);
    const slim = await measure(true, transports);
    expect(slim.held.headers).toEqual(['user-agent', 'x-forwarded-for'].filter((h) => plain.held.headers.includes(h)));
    expect(plain.held.headers).toContain('cookie');
    expect(slim.held.tcpCloseListeners).toBe(plain.held.tcpCloseListeners - 1);
    if (transports[0] === 'websocket') expect(slim.held.wsErrorListeners).toBe(plain.held.wsErrorListeners - 1);
    else expect(slim.held.wsErrorListeners).toBe(plain.held.wsErrorListeners);
    expect(slim.held.wsErrorListeners).toBeGreaterThan(0);
  });

  it('still notices a client that goes away', async () => {
    const { server, client } = await measure(true, ['websocket']);
    const [socket] = [...server.io.of('/').sockets.values()];
    const reason = new Promise<string>((resolve) => socket?.once('disconnect', resolve));
    client.io.engine.close();
    await expect(reason).resolves.toBe('transport close');
  });
});
