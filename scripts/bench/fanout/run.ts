/**
 * Fan-out: one message broadcast to many sockets of one session — operators who joined it and
 * widget sockets sharing its customer token (a visitor with several tabs). A `tell` over REST
 * is stamped with the time it was sent; delivery latency is measured per socket, from the
 * request to the socket receiving the `message` event, in a perf_hooks histogram. The sockets
 * are bare protocol clients (support/raw-socket.ts): with socket.io-client, decoding a thousand
 * copies on the load generator's one core took longer than the server's fan-out itself.
 *
 * In the same run the same sockets' worth of clients connect to a default Socket.IO server
 * (plain-server.ts) whose `POST /tell` broadcasts to them without storing anything: what one
 * process on this machine needs just to hand a thousand copies to the kernel.
 *
 *   npx tsx scripts/bench/fanout/run.ts [--operators 500] [--widgets 500] [--messages 30] [--client-ids]
 *
 * `--client-ids`: each tell carries a clientMessageId, as the operator console's always do.
 * `--db-delay <ms>`: the database behind ttft/delay-proxy.ts, that far each way; a large one makes
 * the round trips in front of the broadcast countable: (with − without) / (2 × delay).
 */
import { once } from 'node:events';
import { join } from 'node:path';
import { createHistogram } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { describeMachine, pinSelf } from '../support/machine';
import { RawSocket } from '../support/raw-socket';
import { proxied } from '../ttft/proxied';
import { api, spawnPinned, startDatabase, startSwitchboard, stopChild, type LagSummary } from '../support/server-process';

const { values } = parseArgs({
  options: { operators: { type: 'string', default: '500' }, widgets: { type: 'string', default: '500' }, messages: { type: 'string', default: '30' }, 'client-ids': { type: 'boolean', default: false }, 'db-delay': { type: 'string', default: '0' } },
});
const OPERATORS = Number(values.operators);
const WIDGETS = Number(values.widgets);
const MESSAGES = Number(values.messages);
const PAUSE_MS = 200;

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A server under test with its sockets connected: `send` makes it broadcast `content` once. */
interface Target {
  name: string;
  sockets: RawSocket[];
  send(content: string): Promise<void>;
  resetLag(): void;
  stop(): Promise<LagSummary | null>;
}

interface Figures {
  name: string;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  firstP50: number;
  firstP95: number;
  spreadP50: number;
  spreadP95: number;
  delivered: number;
  expected: number;
  lag: LagSummary | null;
}

/** Opens sockets `batch` at a time. */
async function openAll(count: number, batch: number, open: () => Promise<RawSocket>): Promise<RawSocket[]> {
  const sockets: RawSocket[] = [];
  for (let i = 0; i < count; i += batch) sockets.push(...(await Promise.all(Array.from({ length: Math.min(batch, count - i) }, open))));
  return sockets;
}

async function switchboard(): Promise<Target> {
  const db = await startDatabase();
  const proxies: (() => Promise<void>)[] = [];
  const uri = values['db-delay'] === '0' ? db.uri : await proxied(db.uri, values['db-delay'], proxies);
  const server = await startSwitchboard({ MONGODB_URI: uri, RATE_LOGIN_PER_15_MIN: '1000' });
  const { agent } = await api<{ agent: { id: string } }>(server.url, 'POST', '/v1/agents', { name: 'fanout bench agent' });
  const { session, customerToken } = await api<{ session: { id: string }; customerToken: string }>(server.url, 'POST', '/v1/chat/sessions', { agentId: agent.id, customerId: 'fanout' });
  const operator = { email: 'fanout@bench.test', name: 'Fan-out', password: 'bench-password-123', role: 'operator' };
  await api(server.url, 'POST', '/v1/operators', operator);
  const { token } = await api<{ token: string }>(server.url, 'POST', '/v1/auth/login', { email: operator.email, password: operator.password });
  const operators = await openAll(OPERATORS, 100, async () => {
    const socket = await RawSocket.connect(server.url, '/operator', { token });
    const ack = await socket.emitWithAck('session:join', { sessionId: session.id });
    if (!ack.includes('"ok":true')) throw new Error(`session:join: ${ack}`);
    return socket;
  });
  const widgets = await openAll(WIDGETS, 100, () => RawSocket.connect(server.url, '/widget', { agentId: agent.id, customerToken }, 'session'));
  return {
    name: 'Switchboard (tell: stored, then fanned out)',
    sockets: [...operators, ...widgets],
    send: (content) => api(server.url, 'POST', `/v1/chat/sessions/${session.id}/tell`, values['client-ids'] ? { content, clientMessageId: content.replace(' ', '-') } : { content }),
    resetLag: () => server.resetLag(),
    async stop() {
      const lag = await server.stop();
      for (const stop of proxies) await stop();
      await db.stop();
      return lag;
    },
  };
}

async function plainSocketIo(): Promise<Target> {
  const child = spawnPinned(['--import', 'tsx', join(__dirname, 'plain-server.ts')], {}, ['ignore', 'pipe', 'inherit']);
  const [line] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
  const url = `http://127.0.0.1:${/port (\d+)/.exec(line.toString())?.[1]}`;
  const operators = await openAll(OPERATORS, 100, () => RawSocket.connect(url, '/operator', {}));
  const widgets = await openAll(WIDGETS, 100, () => RawSocket.connect(url, '/widget', {}));
  return {
    name: 'default Socket.IO server (broadcast only, nothing stored)',
    sockets: [...operators, ...widgets],
    send: async (content) => {
      const res = await fetch(`${url}/tell`, { method: 'POST', body: JSON.stringify({ content }) });
      await res.text();
    },
    resetLag: () => undefined,
    async stop() {
      await stopChild(child);
      return null;
    },
  };
}

// Just enough parsing to find which broadcast a frame carries.
const broadcastIn = (frame: string) => (frame.includes('["message",') ? /"content":"(broadcast \d+)"/.exec(frame)?.[1] : undefined);
const us = (ns: bigint) => Math.max(1, Number(ns / 1000n));

async function measure(target: Target): Promise<Figures> {
  const histogram = createHistogram();
  const sentAt = new Map<string, bigint>();
  const firstAt = new Map<string, bigint>();
  const lastAt = new Map<string, bigint>();
  let delivered = 0;
  for (const socket of target.sockets) {
    socket.onEvent((frame, now) => {
      const content = broadcastIn(frame);
      const at = content === undefined ? undefined : sentAt.get(content);
      if (content === undefined || at === undefined) return;
      histogram.record(us(now - at));
      if (!firstAt.has(content)) firstAt.set(content, now);
      lastAt.set(content, now);
      delivered += 1;
    });
  }
  await settle(1000);
  target.resetLag();
  for (let i = 0; i < MESSAGES; i++) {
    const content = `broadcast ${i}`;
    sentAt.set(content, process.hrtime.bigint());
    await target.send(content);
    await settle(PAUSE_MS);
  }
  await settle(2000);
  // Request → first socket is storage and publishing; first → last socket is the fan-out itself.
  const first = createHistogram();
  const spread = createHistogram();
  for (const [content, at] of firstAt) {
    first.record(us(at - (sentAt.get(content) as bigint)));
    spread.record(us((lastAt.get(content) as bigint) - at));
  }
  target.sockets.forEach((socket) => socket.close());
  const lag = await target.stop();
  return {
    name: target.name,
    p50: histogram.percentile(50),
    p95: histogram.percentile(95),
    p99: histogram.percentile(99),
    max: histogram.max,
    firstP50: first.percentile(50),
    firstP95: first.percentile(95),
    spreadP50: spread.percentile(50),
    spreadP95: spread.percentile(95),
    delivered,
    expected: MESSAGES * target.sockets.length,
    lag,
  };
}

const ms = (us: number) => `${(us / 1000).toFixed(2)} ms`;

function report(f: Figures): void {
  console.log(`${f.name}: delivered ${f.delivered}/${f.expected}`);
  console.log(`  delivery latency (request sent → socket event): p50 ${ms(f.p50)}  p95 ${ms(f.p95)}  p99 ${ms(f.p99)}  max ${ms(f.max)}`);
  console.log(`  of which request → first socket: p50 ${ms(f.firstP50)}, p95 ${ms(f.firstP95)}; first → last socket: p50 ${ms(f.spreadP50)}, p95 ${ms(f.spreadP95)}`);
  if (f.lag) console.log(`  server event-loop lag: p50 ${f.lag.p50} ms, p99 ${f.lag.p99} ms, max ${f.lag.max} ms`);
}

async function main(): Promise<void> {
  pinSelf();
  console.log(describeMachine());
  console.log(`fan-out: ${OPERATORS} operator sockets joined to one session + ${WIDGETS} widget sockets on its customer token; ${MESSAGES} messages, ${PAUSE_MS} ms apart${values['client-ids'] ? ', each tell with a clientMessageId' : ''}${values['db-delay'] === '0' ? '' : `; database +${values['db-delay']} ms each way`}`);
  const ours = await measure(await switchboard());
  report(ours);
  await settle(1000);
  const plain = await measure(await plainSocketIo());
  report(plain);
  console.log(`ratio Switchboard / default Socket.IO: p50 ${(ours.p50 / plain.p50).toFixed(2)}×  p95 ${(ours.p95 / plain.p95).toFixed(2)}×`);
  // Issue 23's target 4 (≤ 1.5×) is this one: what the store and the publishing add before anyone hears of the message.
  console.log(`ratio request → first socket: p50 ${(ours.firstP50 / plain.firstP50).toFixed(2)}×  p95 ${(ours.firstP95 / plain.firstP95).toFixed(2)}×`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
