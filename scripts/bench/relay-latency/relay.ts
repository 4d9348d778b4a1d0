/**
 * The baseline: the least a relay can do. One socket.io server; each `ask` opens an OpenAI
 * SDK stream and emits every content delta straight to the socket. Nothing is stored, parsed
 * or fanned out, so its latency is the floor Switchboard is compared against.
 *
 * Runs as its own process (forked by relay-target.ts with tsx) so its event loop does not
 * share time with the harness, the fake model and hundreds of clients.
 * Env: OPENAI_BASE_URL (required), BENCH_MODEL.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { Server, type Socket } from 'socket.io';
import type { RelayClientEvents, RelayReady, RelayServerEvents } from './protocol';

const client = new OpenAI({ apiKey: 'bench', baseURL: process.env.OPENAI_BASE_URL, maxRetries: 0 });
const model = process.env.BENCH_MODEL ?? 'bench';

async function relay(socket: Socket<RelayClientEvents, RelayServerEvents>, text: string): Promise<void> {
  const stream = await client.chat.completions.create({ model, stream: true, messages: [{ role: 'user', content: text }] });
  for await (const chunk of stream) {
    const content = chunk.choices[0]?.delta.content;
    if (content) socket.emit('token', content);
  }
  socket.emit('done');
}

const http = createServer();
const io = new Server<RelayClientEvents, RelayServerEvents>(http, { transports: ['websocket'] });
io.on('connection', (socket) => {
  socket.on('ask', (text) => {
    relay(socket, text).catch((err: unknown) => socket.emit('failed', String(err)));
  });
});
http.listen(0, '127.0.0.1', () => {
  const ready: RelayReady = { port: (http.address() as AddressInfo).port };
  process.send?.(ready);
});
// The parent owns our lifetime: when it goes, so do we.
process.on('disconnect', () => process.exit(0));
// An orderly exit on SIGTERM, so a requested CPU profile gets written.
process.on('SIGTERM', () => process.exit(0));
