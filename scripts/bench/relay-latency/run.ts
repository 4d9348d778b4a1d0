/**
 * Relay latency benchmark: how long after a model server writes a token does a chat client
 * receive it? A fake OpenAI-protocol server writes one token every `--interval` ms, each
 * stamped with its write time; N concurrent sessions stream through the relay under test;
 * per-token latency percentiles come from a perf_hooks histogram.
 *
 *   npx tsx scripts/bench/relay-latency/run.ts [--sessions 50,200] [--tokens 100] [--interval 20] [--warmup 200] [--warmup-runs 2] [--rounds 3] [--before <dir>]
 *
 * `--before <dir>`: also runs another build of Switchboard (`<dir>/dist/server/index.js`, e.g.
 * `git archive <commit> | tar -x -C <dir>`, node_modules linked, `npm run build` there) as a
 * third target in every round, and prints this build's CPU per token over that one's: two
 * builds compared in the same minutes, which separate runs on a shared machine cannot do.
 * `--before-env KEY=VALUE,…`: settings for that server; with `--before .` it compares two
 * settings of this build (e.g. `--before . --before-env STREAM_CHECKPOINT_MS=1000`).
 *
 * Each target first serves unmeasured warm-up runs (by default two of 200 sessions), so both
 * are measured with their hot paths compiled, as in a server that has been up for a while.
 * Then both stay up for `--rounds` rounds; each round runs every session count against both
 * targets, one after the other (which goes first alternates), so a machine that gets busier
 * or quieter over the minutes weighs on both alike. Each round's ratios are printed, then
 * their medians.
 *
 * Targets, each its own process on the server core: the minimal relay (relay.ts: SDK stream →
 * socket.emit, nothing stored) as the floor, and Switchboard's `/widget` path (a server process
 * with the embedded engine, an agent on the fake model). This process (fake model and clients)
 * runs on the other core. Also printed: tokens lost/reordered, and the Switchboard server's
 * event-loop lag during its runs (from the preloaded probe).
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startFakeLlm, type FakeLlm } from '../../../server/test/support/fake-llm-server';
import { describeMachine, pinSelf, pinToServerCore } from '../support/machine';
import { formatResult, runAgainst, type BenchTarget, type RunResult } from './harness';
import { withOrderCheck } from './order-check';
import { stampToken } from './protocol';
import { startMinimalRelay } from './relay-target';
import { startSwitchboardTarget } from './switchboard-target';

interface BenchSettings {
  sessions: number[];
  tokens: number;
  intervalMs: number;
  warmup: { warmupSessions: number; warmupRuns: number };
  rounds: number;
  /** Another build's server script, measured beside this one (`--before`); null: none. */
  before: string | null;
  beforeEnv: Record<string, string>;
}

function readSettings(): BenchSettings {
  const { values } = parseArgs({
    options: {
      sessions: { type: 'string', default: '50,200' },
      tokens: { type: 'string', default: '100' },
      interval: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '200' },
      'warmup-runs': { type: 'string', default: '2' },
      rounds: { type: 'string', default: '3' },
      before: { type: 'string' },
      'before-env': { type: 'string', default: '' },
    },
  });
  return {
    sessions: values.sessions.split(',').map(Number),
    tokens: Number(values.tokens),
    intervalMs: Number(values.interval),
    warmup: { warmupSessions: Number(values.warmup), warmupRuns: Number(values['warmup-runs']) },
    rounds: Math.max(1, Number(values.rounds)),
    before: values.before ? join(resolve(values.before), 'dist/server/index.js') : null,
    beforeEnv: Object.fromEntries(values['before-env'].split(',').filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)])),
  };
}

/** A fake model that answers every request with `tokens` stamped tokens, `intervalMs` apart. */
async function startStampingModel(settings: BenchSettings): Promise<FakeLlm> {
  const llm = await startFakeLlm({ tokenTransform: stampToken });
  const tokens = Array.from({ length: settings.tokens }, (_, i) => `w${i} `);
  llm.setResponder(() => ({ tokens, delayMs: settings.intervalMs }));
  return llm;
}

interface Ratios {
  p50: number;
  p90: number;
  p99: number;
  firstP50: number;
  firstP99: number;
  /** Relay CPU time per token, Switchboard over minimal (NaN when a pid is unknown). */
  cpuPerToken: number;
}

const cpuPerToken = (r: RunResult) => (r.cpuMs === null || r.tokens === 0 ? NaN : r.cpuMs / r.tokens);

function ratiosOf(minimal: RunResult, switchboard: RunResult): Ratios {
  const [m, s] = [minimal.latencyMs, switchboard.latencyMs];
  const [mf, sf] = [minimal.firstTokenMs, switchboard.firstTokenMs];
  return { p50: s.p50 / m.p50, p90: s.p90 / m.p90, p99: s.p99 / m.p99, firstP50: sf.p50 / mf.p50, firstP99: sf.p99 / mf.p99, cpuPerToken: cpuPerToken(switchboard) / cpuPerToken(minimal) };
}

const x = (n: number) => `${n.toFixed(2)}×`;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

function formatRatios(label: string, r: Ratios): string {
  return `${label}: p50 ${x(r.p50)}  p90 ${x(r.p90)}  p99 ${x(r.p99)}  (first tokens: p50 ${x(r.firstP50)}  p99 ${x(r.firstP99)}; relay cpu per token ${x(r.cpuPerToken)})`;
}

async function warm(target: BenchTarget, settings: BenchSettings): Promise<void> {
  for (let i = 0; i < settings.warmup.warmupRuns; i++) await runAgainst(target, { sessions: settings.warmup.warmupSessions });
}

async function main(): Promise<void> {
  pinSelf();
  const settings = readSettings();
  const llm = await startStampingModel(settings);
  console.log(describeMachine());
  console.log(
    `relay latency: ${settings.tokens} tokens per reply, one every ${settings.intervalMs} ms; ${settings.warmup.warmupRuns} unmeasured warm-up run(s) of ${settings.warmup.warmupSessions} sessions per target; ${settings.rounds} round(s)`,
  );
  const relay = await startMinimalRelay(llm.url);
  pinToServerCore(relay.pid);
  const sb = await startSwitchboardTarget(llm.url);
  const minimal = withOrderCheck(relay.target, settings.tokens);
  const switchboard = withOrderCheck(sb.target, settings.tokens);
  const sbBefore = settings.before ? await startSwitchboardTarget(llm.url, undefined, settings.before, settings.beforeEnv) : null;
  const before = sbBefore ? withOrderCheck({ ...sbBefore.target, name: 'switchboard (before)' }, settings.tokens) : null;
  const ratios = new Map<number, Ratios[]>(settings.sessions.map((n) => [n, []]));
  const beforeRatios = new Map<number, { ratios: Ratios; afterOverBefore: number }[]>(settings.sessions.map((n) => [n, []]));
  try {
    await warm(minimal.target, settings);
    await warm(switchboard.target, settings);
    if (before) await warm(before.target, settings);
    sb.server.resetLag();
    for (let round = 1; round <= settings.rounds; round++) {
      console.log(`round ${round}`);
      for (const sessions of settings.sessions) {
        const targets = [minimal.target, switchboard.target, ...(before ? [before.target] : [])];
        // Each round starts with the next target, so none is always first or last.
        const order = targets.map((_, i) => targets[(i + round - 1) % targets.length] as BenchTarget);
        const results = new Map<BenchTarget, RunResult>();
        for (const target of order) {
          const result = await runAgainst(target, { sessions });
          console.log(formatResult(result));
          results.set(target, result);
        }
        const r = ratiosOf(results.get(minimal.target) as RunResult, results.get(switchboard.target) as RunResult);
        ratios.get(sessions)?.push(r);
        console.log(formatRatios(`  ratio switchboard/minimal at ${sessions} sessions`, r));
        if (before) {
          const b = results.get(before.target) as RunResult;
          const entry = { ratios: ratiosOf(results.get(minimal.target) as RunResult, b), afterOverBefore: cpuPerToken(results.get(switchboard.target) as RunResult) / cpuPerToken(b) };
          beforeRatios.get(sessions)?.push(entry);
          console.log(`${formatRatios(`  ratio before/minimal at ${sessions} sessions`, entry.ratios)}; cpu per token this build/before ${x(entry.afterOverBefore)}`);
        }
      }
    }
    console.log(`tokens, warm-up included: minimal relay ${JSON.stringify(minimal.report())}; switchboard ${JSON.stringify(switchboard.report())}`);
    for (const [sessions, list] of ratios) {
      const pick = (key: keyof Ratios) => median(list.map((r) => r[key]));
      const within = list.filter((r) => r.p50 <= 1.2 && r.p99 <= 1.2).length;
      const med: Ratios = { p50: pick('p50'), p90: pick('p90'), p99: pick('p99'), firstP50: pick('firstP50'), firstP99: pick('firstP99'), cpuPerToken: pick('cpuPerToken') };
      console.log(`${formatRatios(`median of ${list.length} round(s) at ${sessions} sessions`, med)}; within 1.2× at p50 and p99 in ${within} of ${list.length}`);
    }
    for (const [sessions, list] of beforeRatios) {
      if (list.length === 0) continue;
      const cpu = median(list.map((e) => e.ratios.cpuPerToken));
      console.log(`before: median relay cpu per token at ${sessions} sessions ${x(cpu)} the minimal relay's; this build over before ${x(median(list.map((e) => e.afterOverBefore)))}`);
    }
  } finally {
    await relay.stop();
    await sbBefore?.stop();
    if (before) console.log(`tokens of the build before, warm-up included: ${JSON.stringify(before.report())}`);
    const lag = await sb.stop();
    if (lag) console.log(`switchboard server event-loop lag over all rounds: p50 ${lag.p50} ms, p90 ${lag.p90} ms, p99 ${lag.p99} ms, max ${lag.max} ms`);
    await llm.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
