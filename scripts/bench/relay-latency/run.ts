/**
 * Relay latency benchmark: how long after a model server writes a token does a chat client
 * receive it? A fake OpenAI-protocol server writes one token every `--interval` ms, each
 * stamped with its write time; N concurrent sessions stream through the relay under test;
 * per-token latency percentiles come from a perf_hooks histogram.
 *
 *   npx tsx scripts/bench/relay-latency/run.ts [--sessions 50,200] [--tokens 100] [--interval 20] [--warmup 200] [--warmup-runs 2]
 *
 * Each target first serves unmeasured warm-up runs (by default two of 200 sessions), so both
 * are measured with their hot paths compiled, as in a server that has been up for a while.
 *
 * Targets, each its own process on the server core: the minimal relay (relay.ts: SDK stream →
 * socket.emit, nothing stored) as the floor, and Switchboard's `/widget` path (a server process
 * with the embedded engine, an agent on the fake model). This process (fake model and clients)
 * runs on the other core. Also printed: tokens lost/reordered, and the Switchboard server's
 * event-loop lag during its runs (from the preloaded probe).
 */
import { parseArgs } from 'node:util';
import { startFakeLlm, type FakeLlm } from '../../../server/test/support/fake-llm-server';
import { describeMachine, pinSelf, pinToServerCore } from '../support/machine';
import { benchTarget, type RunResult } from './harness';
import { withOrderCheck } from './order-check';
import { stampToken } from './protocol';
import { startMinimalRelay } from './relay-target';
import { startSwitchboardTarget } from './switchboard-target';

interface BenchSettings {
  sessions: number[];
  tokens: number;
  intervalMs: number;
  warmup: { warmupSessions: number; warmupRuns: number };
}

function readSettings(): BenchSettings {
  const { values } = parseArgs({
    options: {
      sessions: { type: 'string', default: '50,200' },
      tokens: { type: 'string', default: '100' },
      interval: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '200' },
      'warmup-runs': { type: 'string', default: '2' },
    },
  });
  return {
    sessions: values.sessions.split(',').map(Number),
    tokens: Number(values.tokens),
    intervalMs: Number(values.interval),
    warmup: { warmupSessions: Number(values.warmup), warmupRuns: Number(values['warmup-runs']) },
  };
}

/** A fake model that answers every request with `tokens` stamped tokens, `intervalMs` apart. */
async function startStampingModel(settings: BenchSettings): Promise<FakeLlm> {
  const llm = await startFakeLlm({ tokenTransform: stampToken });
  const tokens = Array.from({ length: settings.tokens }, (_, i) => `w${i} `);
  llm.setResponder(() => ({ tokens, delayMs: settings.intervalMs }));
  return llm;
}

async function runMinimal(llm: FakeLlm, settings: BenchSettings): Promise<RunResult[]> {
  const relay = await startMinimalRelay(llm.url);
  pinToServerCore(relay.pid);
  const checked = withOrderCheck(relay.target, settings.tokens);
  try {
    const results = await benchTarget(checked.target, settings.sessions, settings.warmup);
    console.log(`  minimal relay tokens: ${JSON.stringify(checked.report())} (warm-up included)`);
    return results;
  } finally {
    await relay.stop();
  }
}

async function runSwitchboard(llm: FakeLlm, settings: BenchSettings): Promise<RunResult[]> {
  const sb = await startSwitchboardTarget(llm.url);
  const checked = withOrderCheck(sb.target, settings.tokens);
  try {
    sb.server.resetLag();
    const results = await benchTarget(checked.target, settings.sessions, settings.warmup);
    console.log(`  switchboard tokens: ${JSON.stringify(checked.report())} (warm-up included)`);
    return results;
  } finally {
    const lag = await sb.stop();
    if (lag) console.log(`  switchboard server event-loop lag during the runs: p50 ${lag.p50} ms, p90 ${lag.p90} ms, p99 ${lag.p99} ms, max ${lag.max} ms`);
  }
}

async function main(): Promise<void> {
  pinSelf();
  const settings = readSettings();
  const llm = await startStampingModel(settings);
  console.log(describeMachine());
  console.log(`relay latency: ${settings.tokens} tokens per reply, one every ${settings.intervalMs} ms; ${settings.warmup.warmupRuns} unmeasured warm-up run(s) of ${settings.warmup.warmupSessions} sessions per target`);
  try {
    const minimal = await runMinimal(llm, settings);
    const switchboard = await runSwitchboard(llm, settings);
    for (const [i, sessions] of settings.sessions.entries()) {
      const [m, s] = [minimal[i].latencyMs, switchboard[i].latencyMs];
      const ratio = (a: number, b: number) => (a / b).toFixed(2);
      const [mf, sf] = [minimal[i].firstTokenMs, switchboard[i].firstTokenMs];
      console.log(`ratio switchboard/minimal at ${sessions} sessions: p50 ${ratio(s.p50, m.p50)}×  p90 ${ratio(s.p90, m.p90)}×  p99 ${ratio(s.p99, m.p99)}×  (first tokens: p50 ${ratio(sf.p50, mf.p50)}×  p99 ${ratio(sf.p99, mf.p99)}×)`);
    }
  } finally {
    await llm.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
