/**
 * Idle connections: server memory per connected, idle socket. N websocket clients connect to
 * one Switchboard process (`/widget`, each handshake creating its session, or with `--tokens`
 * the customer tokens of sessions created beforehand over REST) and, in the same run, to a
 * default Socket.IO server (`new Server()`, a no-op connection handler). Memory is read from
 * outside: VmRSS from /proc/<pid>/status, heap from the preloaded probe after a full GC.
 *
 *   npx tsx scripts/bench/idle-connections/run.ts [--connections 10000] [--concurrency 200] [--tokens]
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { describeMachine, pinSelf, rssOf, pinning } from '../support/machine';
import { api, probeMemory, startDatabase, startSwitchboard } from '../support/server-process';

interface Settings {
  connections: number;
  concurrency: number;
  tokens: boolean;
}

interface Figures {
  name: string;
  rssPerConnection: number;
  heapPerConnection: number | null;
  connectMs: number;
}

function readSettings(): Settings {
  const { values } = parseArgs({
    options: { connections: { type: 'string', default: '10000' }, concurrency: { type: 'string', default: '200' }, tokens: { type: 'boolean', default: false } },
  });
  return { connections: Number(values.connections), concurrency: Number(values.concurrency), tokens: values.tokens };
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Opens `count` sockets made by `open` with at most `concurrency` handshakes in flight. */
async function connectAll(count: number, concurrency: number, open: (i: number) => Socket, readyEvent: string): Promise<Socket[]> {
  const sockets: Socket[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const socket = open(i);
      await new Promise<void>((resolve, reject) => {
        socket.once(readyEvent, () => resolve());
        socket.once('connect_error', (err: Error) => reject(new Error(`connection ${i}: ${err.message}`)));
      });
      sockets.push(socket);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return sockets;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function measureSwitchboard(s: Settings): Promise<Figures> {
  const db = await startDatabase();
  const server = await startSwitchboard({ MONGODB_URI: db.uri });
  try {
    const { agent } = await api<{ agent: { id: string } }>(server.url, 'POST', '/v1/agents', { name: 'idle bench agent' });
    let tokens: string[] = [];
    if (s.tokens) {
      tokens = await createSessions(server.url, agent.id, s.connections, 20);
    }
    const open = (i: number) =>
      io(`${server.url}/widget`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: s.tokens ? { agentId: agent.id, customerToken: tokens[i] } : { agentId: agent.id } });
    // Warm-up: first connections load code and fill caches that every later one shares.
    (await connectAll(100, 50, open, 'session')).forEach((socket) => socket.close());
    await settle(1000);
    const heapBefore = (await server.memory()).heapUsed;
    const rssBefore = rssOf(server.pid);
    const started = performance.now();
    const sockets = await connectAll(s.connections, s.concurrency, open, 'session');
    const connectMs = performance.now() - started;
    await settle(2000);
    const heapAfter = (await server.memory()).heapUsed;
    const rssAfter = rssOf(server.pid);
    sockets.forEach((socket) => socket.close());
    return { name: s.tokens ? 'switchboard /widget (token)' : 'switchboard /widget (new session)', rssPerConnection: (rssAfter - rssBefore) / s.connections, heapPerConnection: (heapAfter - heapBefore) / s.connections, connectMs };
  } finally {
    await server.stop();
    await db.stop();
  }
}

/** Pre-creates sessions over REST, `parallel` at a time; returns their customer tokens. */
async function createSessions(url: string, agentId: string, count: number, parallel: number): Promise<string[]> {
  const tokens: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const { customerToken } = await api<{ customerToken: string }>(url, 'POST', '/v1/chat/sessions', { agentId, customerId: `idle-${i}` });
      tokens[i] = customerToken;
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return tokens;
}

async function measurePlainSocketIo(s: Settings): Promise<Figures> {
  const pin = pinning();
  const args = ['--expose-gc', '--import', 'tsx', '--import', join(__dirname, '../support/probe.ts'), join(__dirname, 'plain-server.ts')];
  const probeFile = join(tmpdir(), `sb-bench-plain-${process.pid}`);
  const [cmd, ...cmdArgs] = pin.length ? [...pin, process.execPath, ...args] : [process.execPath, ...args];
  const child = spawn(cmd, cmdArgs, { env: { ...process.env, BENCH_PROBE_FILE: probeFile }, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const [line] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
    const port = Number(/port (\d+)/.exec(line.toString())?.[1]);
    const url = `http://127.0.0.1:${port}`;
    const memory = () => probeMemory(child, probeFile);
    const open = () => io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    (await connectAll(100, 50, open, 'connect')).forEach((socket) => socket.close());
    await settle(1000);
    const heapBefore = (await memory()).heapUsed;
    const rssBefore = rssOf(child.pid as number);
    const started = performance.now();
    const sockets = await connectAll(s.connections, s.concurrency, open, 'connect');
    const connectMs = performance.now() - started;
    await settle(2000);
    const heapAfter = (await memory()).heapUsed;
    const rssAfter = rssOf(child.pid as number);
    sockets.forEach((socket) => socket.close());
    return { name: 'default Socket.IO server', rssPerConnection: (rssAfter - rssBefore) / s.connections, heapPerConnection: (heapAfter - heapBefore) / s.connections, connectMs };
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
  }
}

async function main(): Promise<void> {
  pinSelf();
  const s = readSettings();
  console.log(describeMachine());
  console.log(`idle connections: ${s.connections} websocket clients, ${s.concurrency} handshakes in flight`);
  const rows: Figures[] = [];
  rows.push(await measureSwitchboard(s));
  await settle(1000);
  rows.push(await measurePlainSocketIo(s));
  for (const r of rows) {
    console.log(`${r.name.padEnd(36)} RSS ${kb(r.rssPerConnection)}/connection  heap ${r.heapPerConnection === null ? '—' : kb(r.heapPerConnection)}/connection  (connected in ${(r.connectMs / 1000).toFixed(1)} s)`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
