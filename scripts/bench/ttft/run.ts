/**
 * Time to first token: how long after a customer sends a message does the first token of the
 * reply reach their socket? Measured on the client, from the send to the first piece of text,
 * against a fake model that answers at once, so what is left is what the relay adds (the model
 * request included, which is the same for both).
 *
 *   npx tsx scripts/bench/ttft/run.ts [--sequential 200] [--burst 50] [--bursts 3] [--db-delay 1]
 *
 * Targets, each its own process on the server core: the minimal relay (relay-latency/relay.ts:
 * SDK stream → socket.emit, nothing stored), Switchboard's `/widget` with the embedded engine
 * on loopback, and Switchboard again with the database behind delay-proxy.ts, which holds every
 * chunk 1 ms each way like a network between them. Phases:
 *   - one at a time: `--sequential` messages, one after the other, over 10 open sessions;
 *   - burst: `--burst` new sessions connect, then all send at once (repeated `--bursts` times).
 * Each target gets an unmeasured warm-up first; the targets take turns within each phase, so a
 * machine that gets busier weighs on all alike. Ratios come from this one run.
 */
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startFakeLlm } from '../../../server/test/support/fake-llm-server';
import { cpuMsOf, describeMachine, pinSelf, pinToServerCore } from '../support/machine';
import type { BenchTarget, ClientLike } from '../relay-latency/harness';
import { startMinimalRelay } from '../relay-latency/relay-target';
import { startSwitchboardTarget } from '../relay-latency/switchboard-target';
import { proxied } from './proxied';

const { values } = parseArgs({
  options: { sequential: { type: 'string', default: '200' }, burst: { type: 'string', default: '50' }, bursts: { type: 'string', default: '3' }, 'db-delay': { type: 'string', default: '1' } },
});
/** ms the proxy holds each chunk, each way; a large one (10) makes round trips countable: (with − without) / (2 × delay). */
const DB_DELAY_MS = values['db-delay'];
const SEQUENTIAL = Number(values.sequential);
const BURST = Number(values.burst);
const BURSTS = Number(values.bursts);
const OPEN_SESSIONS = 10;
const REPLY_TOKENS = ['Hello', ' there', ', how', ' can', ' I', ' help?'];

/** Sends one message and resolves with the ms until its first piece of text arrived (after the whole reply). */
async function timeFirstToken(client: ClientLike, text: string): Promise<number> {
  const sentAt = performance.now();
  let firstAt = NaN;
  await client.ask(text, () => {
    if (Number.isNaN(firstAt)) firstAt = performance.now();
  });
  return firstAt - sentAt;
}

const record = (h: RecordableHistogram, ms: number) => h.record(Math.max(1, Math.round(ms * 1000)));
const pct = (h: RecordableHistogram, p: number) => h.percentile(p) / 1000;

interface Phase {
  sequential: RecordableHistogram;
  burst: RecordableHistogram;
  /** CPU ms the target's process (and its database's) used in the measured one-at-a-time messages: robust to a busy machine, unlike the times. */
  cpu: { server: number; database: number };
}

interface Measured {
  target: BenchTarget;
  open: ClientLike[];
  figures: Phase;
}

async function sequentialRun(m: Measured, count: number, into: RecordableHistogram | null): Promise<void> {
  const cpuBefore = cpuOf(m);
  for (let i = 0; i < count; i++) {
    const ms = await timeFirstToken(m.open[i % m.open.length] as ClientLike, `one at a time ${i}`);
    if (into) record(into, ms);
  }
  if (!into) return;
  const cpuAfter = cpuOf(m);
  m.figures.cpu.server += cpuAfter.server - cpuBefore.server;
  m.figures.cpu.database += cpuAfter.database - cpuBefore.database;
}

const cpuOf = (m: Measured) => ({ server: m.target.pid ? cpuMsOf(m.target.pid) : 0, database: m.target.databasePid ? cpuMsOf(m.target.databasePid) : 0 });

async function burstRun(m: Measured, into: RecordableHistogram | null): Promise<void> {
  const clients = await Promise.all(Array.from({ length: BURST }, () => m.target.connect()));
  await new Promise((r) => setTimeout(r, 200));
  const times = await Promise.all(clients.map((c, i) => timeFirstToken(c, `burst ${i}`)));
  if (into) times.forEach((ms) => record(into, ms));
  await Promise.all(clients.map((c) => c.close()));
}

const line = (name: string, h: RecordableHistogram) => `${name.padEnd(46)} p50 ${pct(h, 50).toFixed(2)} ms  p95 ${pct(h, 95).toFixed(2)} ms  max ${(h.max / 1000).toFixed(2)} ms  (n ${h.count})`;

async function main(): Promise<void> {
  pinSelf();
  const llm = await startFakeLlm();
  llm.setResponder(() => ({ tokens: REPLY_TOKENS }));
  const stops: (() => Promise<void>)[] = [];
  console.log(describeMachine());
  console.log(`time to first token: ${SEQUENTIAL} messages one at a time over ${OPEN_SESSIONS} sessions; ${BURSTS} burst(s) of ${BURST} new sessions`);
  try {
    const relay = await startMinimalRelay(llm.url);
    pinToServerCore(relay.pid);
    stops.push(() => relay.stop());
    const direct = await startSwitchboardTarget(llm.url);
    stops.push(async () => void (await direct.stop()));
    const far = await startSwitchboardTarget(llm.url, (uri) => proxied(uri, DB_DELAY_MS, stops));
    stops.push(async () => void (await far.stop()));
    const targets: Measured[] = [];
    for (const [target, name] of [[relay.target, 'minimal relay'], [direct.target, 'switchboard'], [far.target, `switchboard, db +${DB_DELAY_MS} ms each way`]] as const) {
      const open = await Promise.all(Array.from({ length: OPEN_SESSIONS }, () => target.connect()));
      targets.push({ target: { ...target, name }, open, figures: { sequential: createHistogram(), burst: createHistogram(), cpu: { server: 0, database: 0 } } });
    }
    for (const m of targets) {
      await sequentialRun(m, 50, null);
      await burstRun(m, null);
    }
    // Taking turns in slices of 20, so every target sees the same minutes of the machine.
    for (let done = 0; done < SEQUENTIAL; done += 20) for (const m of targets) await sequentialRun(m, Math.min(20, SEQUENTIAL - done), m.figures.sequential);
    for (let b = 0; b < BURSTS; b++) for (const m of targets) await burstRun(m, m.figures.burst);
    for (const m of targets) await Promise.all(m.open.map((c) => c.close()));
    report(targets);
    console.log(`load after the run: ${describeMachine().split('load ')[1]?.split(';')[0] ?? '?'}`);
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await llm.close();
  }
}

function report(targets: Measured[]): void {
  const [minimal, direct, far] = targets as [Measured, Measured, Measured];
  for (const m of targets) {
    console.log(line(`${m.target.name}, one at a time`, m.figures.sequential));
    console.log(line(`${m.target.name}, burst of ${BURST}`, m.figures.burst));
    const n = m.figures.sequential.count || 1;
    console.log(`${m.target.name}: CPU per message one at a time, server ${(m.figures.cpu.server / n).toFixed(2)} ms, database ${(m.figures.cpu.database / n).toFixed(2)} ms`);
  }
  const perMessage = (m: Measured) => m.figures.cpu.server / (m.figures.sequential.count || 1);
  console.log(`server CPU per message: switchboard/minimal ${(perMessage(direct) / perMessage(minimal)).toFixed(2)}×`);
  for (const phase of ['sequential', 'burst'] as const) {
    const [b, d, f] = [minimal.figures[phase], direct.figures[phase], far.figures[phase]];
    const label = phase === 'sequential' ? 'one at a time' : `burst of ${BURST}`;
    console.log(
      `${label}: switchboard/minimal p50 ${(pct(d, 50) / pct(b, 50)).toFixed(2)}×  p95 ${(pct(d, 95) / pct(b, 95)).toFixed(2)}× (target ≤ 1.3×); ` +
        `db +${DB_DELAY_MS} ms each way: minimal +${(pct(f, 50) - pct(b, 50)).toFixed(2)} ms at p50, +${(pct(f, 95) - pct(b, 95)).toFixed(2)} ms at p95 (target ≤ +3 ms)`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
