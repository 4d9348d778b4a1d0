/**
 * Fan-out: one message broadcast to many sockets of one session — operators who joined it and
 * widget sockets sharing its customer token (a visitor with several tabs). A `tell` over REST
 * is stamped with the time it was sent; delivery latency is measured per socket, from the
 * request to the socket receiving the `message` event, in a perf_hooks histogram. The sockets
 * are bare protocol clients (support/raw-socket.ts): with socket.io-client, decoding a thousand
 * copies on the load generator's one core took longer than the server's fan-out itself.
 *
 *   npx tsx scripts/bench/fanout/run.ts [--operators 500] [--widgets 500] [--messages 30]
 */
import { parseArgs } from 'node:util';
import { createHistogram } from 'node:perf_hooks';
import { describeMachine, pinSelf } from '../support/machine';
import { RawSocket } from '../support/raw-socket';
import { api, startDatabase, startSwitchboard } from '../support/server-process';

const { values } = parseArgs({
  options: { operators: { type: 'string', default: '500' }, widgets: { type: 'string', default: '500' }, messages: { type: 'string', default: '30' } },
});
const OPERATORS = Number(values.operators);
const WIDGETS = Number(values.widgets);
const MESSAGES = Number(values.messages);
const PAUSE_MS = 200;

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Opens sockets `batch` at a time. */
async function openAll(count: number, batch: number, open: () => Promise<RawSocket>): Promise<RawSocket[]> {
  const sockets: RawSocket[] = [];
  for (let i = 0; i < count; i += batch) sockets.push(...(await Promise.all(Array.from({ length: Math.min(batch, count - i) }, open))));
  return sockets;
}

async function main(): Promise<void> {
  pinSelf();
  console.log(describeMachine());
  const db = await startDatabase();
  const server = await startSwitchboard({ MONGODB_URI: db.uri, RATE_LOGIN_PER_15_MIN: '1000' });
  try {
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
    const sockets = [...operators, ...widgets];
    console.log(`fan-out: ${operators.length} operator sockets joined to one session + ${widgets.length} widget sockets on its customer token; ${MESSAGES} messages, ${PAUSE_MS} ms apart`);

    const histogram = createHistogram();
    // Request → first socket is storage and publishing; first → last socket is the fan-out itself.
    const firstHistogram = createHistogram();
    const spreadHistogram = createHistogram();
    const sentAt = new Map<string, bigint>();
    const firstAt = new Map<string, bigint>();
    const lastAt = new Map<string, bigint>();
    let delivered = 0;
    const us = (ns: bigint) => Math.max(1, Number(ns / 1000n));
    // Just enough parsing to find which broadcast a frame carries.
    const broadcastIn = (frame: string) => (frame.includes('["message",') ? /"content":"(broadcast \d+)"/.exec(frame)?.[1] : undefined);
    for (const socket of sockets) {
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
    server.resetLag();
    for (let i = 0; i < MESSAGES; i++) {
      const content = `broadcast ${i}`;
      sentAt.set(content, process.hrtime.bigint());
      await api(server.url, 'POST', `/v1/chat/sessions/${session.id}/tell`, { content });
      await settle(PAUSE_MS);
    }
    await settle(2000);
    const ms = (us: number) => (us / 1000).toFixed(2);
    for (const [content, first] of firstAt) {
      firstHistogram.record(us(first - (sentAt.get(content) as bigint)));
      spreadHistogram.record(us((lastAt.get(content) as bigint) - first));
    }
    const expected = MESSAGES * sockets.length;
    console.log(
      `delivery latency (request sent → socket event): p50 ${ms(histogram.percentile(50))} ms  p95 ${ms(histogram.percentile(95))} ms  p99 ${ms(histogram.percentile(99))} ms  max ${ms(histogram.max)} ms  — delivered ${delivered}/${expected}`,
    );
    console.log(`  of which request → first socket: p50 ${ms(firstHistogram.percentile(50))} ms, p95 ${ms(firstHistogram.percentile(95))} ms; first → last socket: p50 ${ms(spreadHistogram.percentile(50))} ms, p95 ${ms(spreadHistogram.percentile(95))} ms`);
    sockets.forEach((socket) => socket.close());
  } finally {
    const lag = await server.stop();
    if (lag) console.log(`server event-loop lag: p50 ${lag.p50} ms, p99 ${lag.p99} ms, max ${lag.max} ms`);
    await db.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
