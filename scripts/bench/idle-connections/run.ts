/**
 * Idle connections: server memory per connected, idle socket. N websocket clients connect to
 * one Switchboard process (`/widget`, each handshake creating its session, or with `--tokens`
 * the customer tokens of sessions created beforehand over REST) and, in the same run, to a
 * default Socket.IO server (`new Server()`, a no-op connection handler). Memory is read from
 * outside: VmRSS from /proc/<pid>/status, heap from the preloaded probe after a full GC. The
 * sockets open in two halves and the second half is also reported alone (what one more
 * connection costs once the process has grown to the load), with the heap V8 has committed and
 * the memory outside it, since RSS follows those rather than the live heap.
 *
 *   npx tsx scripts/bench/idle-connections/run.ts [--connections 10000] [--concurrency 200] [--tokens]
 */
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { describeMachine, pinSelf, rssOf } from '../support/machine';
import { api, probeMemory, spawnPinned, startDatabase, startSwitchboard, stopChild } from '../support/server-process';

interface Settings {
  connections: number;
  concurrency: number;
  tokens: boolean;
}

interface Figures {
  name: string;
  rssPerConnection: number;
  /** Live heap (after a full GC), the heap V8 has committed, and memory outside it (buffers), per connection. */
  heapPerConnection: number;
  heapTotalPerConnection: number;
  externalPerConnection: number;
  /** RSS and live heap per connection of the second half alone: what one more connection costs once the heap has grown to the load. */
  marginalRssPerConnection: number;
  marginalHeapPerConnection: number;
  connectMs: number;
}

interface Reading {
  rss: number;
  memory: NodeJS.MemoryUsage;
}

async function read(pid: number, memory: () => Promise<NodeJS.MemoryUsage>): Promise<Reading> {
  const usage = await memory();
  return { memory: usage, rss: rssOf(pid) };
}

function perConnection(name: string, [before, middle, after]: Reading[], connections: number, connectMs: number): Figures {
  const per = (key: 'heapUsed' | 'heapTotal' | 'external') => (after.memory[key] - before.memory[key]) / connections;
  const half = connections - Math.floor(connections / 2);
  return {
    name,
    rssPerConnection: (after.rss - before.rss) / connections,
    heapPerConnection: per('heapUsed'),
    heapTotalPerConnection: per('heapTotal'),
    externalPerConnection: per('external'),
    marginalRssPerConnection: (after.rss - middle.rss) / half,
    marginalHeapPerConnection: (after.memory.heapUsed - middle.memory.heapUsed) / half,
    connectMs,
  };
}

/**
 * Warms up, then opens `connections` sockets in two halves, reading memory before, between
 * and after (each after a settle); closes them all at the end.
 */
async function measureConnections(name: string, pid: number, memory: () => Promise<NodeJS.MemoryUsage>, open: (i: number) => Socket, readyEvent: string, s: Settings): Promise<Figures> {
  // Warm-up: first connections load code and fill caches that every later one shares.
  (await connectAll(100, 50, open, readyEvent)).forEach((socket) => socket.close());
  await settle(1000);
  const readings = [await read(pid, memory)];
  const firstHalf = Math.floor(s.connections / 2);
  let connectMs = 0;
  const timed = async (count: number, first: number) => {
    const started = performance.now();
    const opened = await connectAll(count, s.concurrency, open, readyEvent, first);
    connectMs += performance.now() - started;
    await settle(2000);
    readings.push(await read(pid, memory));
    return opened;
  };
  const sockets = [...(await timed(firstHalf, 0)), ...(await timed(s.connections - firstHalf, firstHalf))];
  sockets.forEach((socket) => socket.close());
  return perConnection(name, readings, s.connections, connectMs);
}

function readSettings(): Settings {
  const { values } = parseArgs({
    options: { connections: { type: 'string', default: '10000' }, concurrency: { type: 'string', default: '200' }, tokens: { type: 'boolean', default: false } },
  });
  return { connections: Number(values.connections), concurrency: Number(values.concurrency), tokens: values.tokens };
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Opens `count` sockets made by `open` with at most `concurrency` handshakes in flight. */
async function connectAll(count: number, concurrency: number, open: (i: number) => Socket, readyEvent: string, first = 0): Promise<Socket[]> {
  const sockets: Socket[] = [];
  let next = first;
  const worker = async () => {
    while (next < first + count) {
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
    return await measureConnections(s.tokens ? 'switchboard /widget (token)' : 'switchboard /widget (new session)', server.pid, () => server.memory(), open, 'session', s);
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
  const probeFile = join(tmpdir(), `sb-bench-plain-${process.pid}`);
  const args = ['--expose-gc', '--import', 'tsx', '--import', join(__dirname, '../support/probe.ts'), join(__dirname, 'plain-server.ts')];
  const child = spawnPinned(args, { BENCH_PROBE_FILE: probeFile }, ['ignore', 'pipe', 'inherit']);
  try {
    const [line] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
    const url = `http://127.0.0.1:${Number(/port (\d+)/.exec(line.toString())?.[1])}`;
    const memory = () => probeMemory(child, probeFile);
    const open = () => io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    return await measureConnections('default Socket.IO server', child.pid as number, memory, open, 'connect', s);
  } finally {
    await stopChild(child);
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
    console.log(
      `${r.name.padEnd(36)} RSS ${kb(r.rssPerConnection)}/connection  heap ${kb(r.heapPerConnection)}/connection (committed ${kb(r.heapTotalPerConnection)})  outside the heap ${kb(r.externalPerConnection)}  (connected in ${(r.connectMs / 1000).toFixed(1)} s)\n${''.padEnd(37)}second ${s.connections - Math.floor(s.connections / 2)} alone: RSS ${kb(r.marginalRssPerConnection)}/connection  heap ${kb(r.marginalHeapPerConnection)}/connection`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
