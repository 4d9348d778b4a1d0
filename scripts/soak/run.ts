/**
 * `npm run soak`: a bounded chaos run on loopback. Two Switchboard processes over Redis and one
 * database; simulated customers (on both processes, retrying unacknowledged sends with the same
 * clientMessageId) and operators (whisper, tell, takeover, release); a schedule of faults —
 * `kill -9` of a process (restarted on its port a second later), Redis killed for longer than
 * its client's command timeout, the database paused. Then a ledger check: nothing acknowledged
 * lost, nothing stored twice, no seq gaps, no reply left unfinished, no interruption without
 * when and why, nothing staff-only reaching a customer, no process dying by itself; and each
 * process's memory growth per minute of its life. Exit 1 when the ledger does not hold.
 *
 *   npm run soak                       # the short form CI runs (≈ 2 minutes)
 *   npm run soak -- --minutes 12 --customers 40
 */
import { parseArgs } from 'node:util';
import { redisAvailable } from '../../server/test/support/redis';
import { api } from '../bench/support/server-process';
import { newLedger, startCustomer, startOperator, STAFF_MARK, type Customer } from './cast';
import { startSoakCluster, type SoakCluster, type SoakServer } from './cluster';
import { checkLedger, holds } from './ledger-check';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '2' }, customers: { type: 'string', default: '16' }, json: { type: 'boolean', default: false } } });
const MINUTES = Number(values.minutes);
const CUSTOMERS = Number(values.customers);
/** Replies a stopped process left streaming are settled this long after its last checkpoint. */
const STALE_STREAM_SECONDS = 5;

const started = Date.now();
const log = (what: string) => console.log(`[soak ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${what}`);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One round of faults (≈ 80 s); the run repeats it while there is time. */
async function faultRound(c: SoakCluster, until: () => boolean): Promise<void> {
  const [a, b] = c.servers;
  const wait = async (ms: number) => {
    const end = Date.now() + ms;
    while (!until() && Date.now() < end) await pause(Math.min(250, end - Date.now()));
  };
  const step = async (waitMs: number, name: string, fault: () => Promise<void>) => {
    await wait(waitMs);
    if (until()) return;
    log(name);
    await fault();
  };
  const killAndRestart = (s: SoakServer) => async () => {
    await s.kill();
    await pause(1_000);
    await s.start();
    log(`process ${s.name} back`);
  };
  await step(12_000, 'kill -9 process A', killAndRestart(a));
  await step(12_000, 'Redis killed for 7 s (longer than its client command timeout)', () => c.redis.restart(7_000).then(() => log('Redis back')));
  await step(12_000, 'database paused (SIGSTOP) for 5 s', async () => {
    c.db.pause();
    await pause(5_000);
    c.db.resume();
    log('database resumed');
  });
  await step(12_000, 'kill -9 process B', killAndRestart(b));
  await wait(12_000);
}

function memoryGrowth(servers: SoakServer[]): { name: string; life: number; minutes: number; mbPerMinute: number; lastMb: number }[] {
  const rows = [];
  for (const s of servers) {
    for (const [i, life] of s.lives.entries()) {
      // The first 20 s of a life are start-up and warm-up, not growth.
      const settled = life.filter((p) => p.at - (life[0]?.at ?? 0) >= 20_000);
      const first = settled[0];
      const last = settled.at(-1);
      if (!first || !last || last.at - first.at < 20_000) continue;
      const minutes = (last.at - first.at) / 60_000;
      rows.push({ name: s.name, life: i + 1, minutes: Number(minutes.toFixed(2)), mbPerMinute: Number(((last.rssMb - first.rssMb) / minutes).toFixed(2)), lastMb: Number(last.rssMb.toFixed(1)) });
    }
  }
  return rows;
}

async function main(): Promise<void> {
  if (!redisAvailable()) {
    console.error('npm run soak needs redis-server (apt-get install -y redis-server)');
    process.exit(process.env.REQUIRE_ALL_SUITES === '1' ? 1 : 0);
  }
  log(`starting: ${MINUTES} min, ${CUSTOMERS} customers, 2 operators, 2 processes over Redis`);
  const cluster = await startSoakCluster({ STALE_STREAM_SECONDS: String(STALE_STREAM_SECONDS), OFFLINE_WORD_DELAY_MS: '40', OPERATOR_PRESENCE_SECONDS: '10' });
  const [a, b] = cluster.servers;
  const sampler = setInterval(() => cluster.servers.forEach((s) => s.sample()), 2_000);
  try {
    const { agent } = await api<{ agent: { id: string } }>(a.url, 'POST', '/v1/agents', { name: 'Soak agent', llm: { provider: 'offline', model: 'offline' }, greeting: 'Hi!' });
    const ledger = newLedger();
    const customers: Customer[] = [];
    for (let i = 0; i < CUSTOMERS; i++) customers.push(await startCustomer((i % 2 ? b : a).url, agent.id, i, ledger));
    const operators = [];
    for (const [i, s] of [a, b].entries()) {
      const email = `soak-op-${i}@example.com`;
      await api(s.url, 'POST', '/v1/operators', { email, name: `Op${i}`, password: 'correct horse battery', role: 'operator' });
      const { token } = await api<{ token: string }>(s.url, 'POST', '/v1/auth/login', { email, password: 'correct horse battery' }, '');
      operators.push(await startOperator(s.url, token, `Op${i}`, customers.map((c) => c.sessionId), ledger));
    }
    // Context injected over REST now and then, marked like whispers: it must never reach a customer either.
    const loadEnds = started + MINUTES * 60_000 - (STALE_STREAM_SECONDS * 3 + 5) * 1_000;
    const until = () => Date.now() >= loadEnds;
    const context = (async () => {
      while (!until()) {
        const c = customers[Math.floor(Math.random() * customers.length)] as Customer;
        await api(a.url, 'POST', `/v1/chat/sessions/${c.sessionId}/context`, { content: `${STAFF_MARK}context from the CRM`, source: 'soak' }).catch(() => undefined);
        await pause(5_000);
      }
    })();
    log('load running');
    const faults = (async () => {
      while (!until()) await faultRound(cluster, until);
    })();
    await Promise.all([...customers.map((c) => c.run(until)), ...operators.map((o) => o.run(until)), context, faults]);
    log(`load over; waiting ${STALE_STREAM_SECONDS * 3} s for the stale-reply sweep`);
    await pause(STALE_STREAM_SECONDS * 3_000);
    for (const c of customers) c.socket.close();
    for (const o of operators) o.socket.close();

    const verdict = await checkLedger(a.url, ledger);
    const crashes = cluster.servers.flatMap((s) => s.unexpectedExits);
    const memory = memoryGrowth(cluster.servers);
    const ok = holds(verdict) && crashes.length === 0;
    const summary = {
      ok,
      minutes: MINUTES,
      customers: CUSTOMERS,
      acknowledged: { customerMessages: verdict.acked, tells: verdict.tells, whispers: ledger.whispers, releases: ledger.releases, takeoverAttempts: ledger.takeovers.size },
      refusedThenRetried: Object.fromEntries(ledger.refused),
      stored: verdict.stored,
      lost: verdict.lost.length,
      doubled: verdict.doubled.length,
      seqGaps: verdict.gaps.length,
      stuckStreaming: verdict.stuck.length,
      interrupted: verdict.interrupted,
      unexplainedInterruptions: verdict.unexplainedInterruptions.length,
      failedReplies: verdict.failedReplies,
      leaksToCustomers: verdict.leaks.length,
      processCrashes: crashes.length,
      memoryGrowth: memory,
    };
    console.log(JSON.stringify(summary, null, 2));
    for (const [name, list] of Object.entries({ lost: verdict.lost, doubled: verdict.doubled, gaps: verdict.gaps, stuck: verdict.stuck, unexplained: verdict.unexplainedInterruptions, leaks: verdict.leaks, crashes })) {
      for (const line of list.slice(0, 10)) console.error(`${name}: ${line}`);
    }
    log(ok ? 'the ledger holds' : 'THE LEDGER DOES NOT HOLD');
    process.exitCode = ok ? 0 : 1;
  } finally {
    clearInterval(sampler);
    await cluster.stop();
  }
}

main().catch((err: unknown) => {
  console.error('soak failed to run:', err);
  process.exit(1);
});

