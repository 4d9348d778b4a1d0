/**
 * The reference for the idle-connections benchmark: a default Socket.IO server (`new Server()`
 * with a no-op connection handler), in its own process. Prints its port on stdout once it listens.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const http = createServer();
const io = new Server(http);
io.on('connection', () => undefined);
http.listen(0, '127.0.0.1', () => {
  console.log(`port ${(http.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => {
  io.close();
  process.exit(0);
});
