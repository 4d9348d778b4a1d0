/**
 * Throughput: sustained customer messages per second, each stored and acknowledged. Sessions
 * are taken over first (mode `support`), so no AI reply runs and what is measured is message
 * storage and its fan-out. Each widget socket sends `message:send` back to back (the next once
 * the previous is acked) for `--seconds`. Run against one process, then two processes sharing
 * sockets and events through Redis (a redis-server on a free loopback port), with the same core
 * budget (all server processes on the server core), so the second figure shows Redis's cost.
 *
 *   npx tsx scripts/bench/throughput/run.ts [--sessions 100] [--seconds 10]
 */
import { randomUUID } from 'node:crypto';
import { createHistogram } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { redisAvailable, startRedis } from '../../../server/test/support/redis';
import { describeMachine, pinSelf } from '../support/machine';
import { api, startDatabase, startSwitchboard, type BenchServer } from '../support/server-process';

const { values } = parseArgs({ options: { sessions: { type: 'string', default: '100' }, seconds: { type: 'string', default: '10' } } });
const SESSIONS = Number(values.sessions);
const SECONDS = Number(values.seconds);

interface Result {
  acked: number;
  failed: number;
  perSecond: number;
  ackMs: { p50: number; p99: number };
}

async function measure(servers: BenchServer[]): Promise<Result> {
  const [first] = servers as [BenchServer];
  const { agent } = await api<{ agent: { id: string } }>(first.url, 'POST', '/v1/agents', { name: 'throughput bench agent' });
  const sockets: Socket[] = [];
  for (let i = 0; i < SESSIONS; i++) {
    const { session, customerToken } = await api<{ session: { id: string }; customerToken: string }>(first.url, 'POST', '/v1/chat/sessions', { agentId: agent.id, customerId: `tp-${i}` });
    await api(first.url, 'POST', `/v1/chat/sessions/${session.id}/takeover`, {});
    const url = (servers[i % servers.length] as BenchServer).url;
    const socket = io(`${url}/widget`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { agentId: agent.id, customerToken } });
    await new Promise<void>((resolve, reject) => socket.once('session', () => resolve()).once('connect_error', reject));
    sockets.push(socket);
  }
  const histogram = createHistogram();
  let acked = 0;
  let failed = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    sockets.map(async (socket, i) => {
      for (let n = 0; performance.now() < deadline; n++) {
        const t0 = process.hrtime.bigint();
        const ack = (await socket.timeout(10_000).emitWithAck('message:send', { clientMessageId: randomUUID(), content: `message ${n} from ${i}` })) as { ok: boolean };
        histogram.record(Math.max(1, Number((process.hrtime.bigint() - t0) / 1000n)));
        if (ack.ok) acked += 1;
        else failed += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  sockets.forEach((socket) => socket.close());
  return { acked, failed, perSecond: acked / elapsed, ackMs: { p50: histogram.percentile(50) / 1000, p99: histogram.percentile(99) / 1000 } };
}

const line = (name: string, r: Result) =>
  `${name.padEnd(34)} ${r.perSecond.toFixed(0).padStart(6)} messages/s stored and acked  (ack p50 ${r.ackMs.p50.toFixed(1)} ms, p99 ${r.ackMs.p99.toFixed(1)} ms; ${r.acked} acked, ${r.failed} refused)`;

async function oneProcess(): Promise<Result> {
  const db = await startDatabase();
  const server = await startSwitchboard({ MONGODB_URI: db.uri });
  try {
    return await measure([server]);
  } finally {
    await server.stop();
    await db.stop();
  }
}

async function twoProcesses(): Promise<Result | null> {
  if (!redisAvailable()) {
    console.log('redis-server not installed: the two-process run is skipped');
    return null;
  }
  const redis = await startRedis();
  const db = await startDatabase();
  const servers: BenchServer[] = [];
  try {
    servers.push(await startSwitchboard({ MONGODB_URI: db.uri, REDIS_URL: redis.url }));
    servers.push(await startSwitchboard({ MONGODB_URI: db.uri, REDIS_URL: redis.url }));
    return await measure(servers);
  } finally {
    for (const server of servers) await server.stop();
    await db.stop();
    await redis.stop();
  }
}

async function main(): Promise<void> {
  pinSelf();
  console.log(describeMachine());
  console.log(`throughput: ${SESSIONS} sessions in support mode, each sending back to back for ${SECONDS} s`);
  console.log(line('one process', await oneProcess()));
  const two = await twoProcesses();
  if (two) console.log(line('two processes over Redis', two));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
