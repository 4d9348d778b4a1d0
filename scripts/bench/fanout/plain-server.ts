/**
 * The reference for the fan-out benchmark: a default Socket.IO server with the two namespaces
 * the bench connects to, and one HTTP endpoint, `POST /tell`, that broadcasts its body as a
 * `message` event to every socket of both — the same frames as Switchboard's, with nothing
 * authenticated, stored or published. Prints its port on stdout once it listens.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const http = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    const { content } = JSON.parse(body) as { content: string };
    const message = { id: Math.random().toString(16).slice(2), seq: 1, role: 'operator', content, createdAt: new Date().toISOString() };
    io.of('/operator').emit('message', message);
    io.of('/widget').emit('message', message);
    res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ message }));
  });
});
const io = new Server(http, { transports: ['websocket'] });
io.of('/operator').on('connection', () => undefined);
io.of('/widget').on('connection', () => undefined);
http.listen(0, '127.0.0.1', () => {
  console.log(`port ${(http.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => {
  io.close();
  process.exit(0);
});
