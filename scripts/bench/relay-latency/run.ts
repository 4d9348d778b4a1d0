/**
 * Relay latency benchmark: how long after a model server writes a token does a chat client
 * receive it? A fake OpenAI-protocol server writes one token every `--interval` ms, each
 * stamped with its write time; N concurrent sessions stream through the relay under test;
 * per-token latency percentiles come from a perf_hooks histogram.
 *
 *   npx tsx scripts/bench/relay-latency/run.ts [--sessions 50,200] [--tokens 100] [--interval 20]
 *
 * Targets: the minimal relay (relay.ts: SDK stream → socket.emit, nothing stored) as the
 * floor. Other targets (Switchboard's widget path) plug in as a `BenchTarget` whose
 * `connect()` returns a `ClientLike`; see harness.ts.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { startFakeLlm, type FakeLlm } from '../../../server/test/support/fake-llm-server';
import { benchTarget } from './harness';
import { stampToken } from './protocol';
import { startMinimalRelay } from './relay-target';

interface BenchSettings {
  sessions: number[];
  tokens: number;
  intervalMs: number;
}

function readSettings(): BenchSettings {
  const { values } = parseArgs({
    options: { sessions: { type: 'string', default: '50,200' }, tokens: { type: 'string', default: '100' }, interval: { type: 'string', default: '20' } },
  });
  return { sessions: values.sessions.split(',').map(Number), tokens: Number(values.tokens), intervalMs: Number(values.interval) };
}

/** A fake model that answers every request with `tokens` stamped tokens, `intervalMs` apart. */
async function startStampingModel(settings: BenchSettings): Promise<FakeLlm> {
  const llm = await startFakeLlm({ tokenTransform: stampToken });
  const tokens = Array.from({ length: settings.tokens }, (_, i) => `w${i} `);
  llm.setResponder(() => ({ tokens, delayMs: settings.intervalMs }));
  return llm;
}

async function main(): Promise<void> {
  const settings = readSettings();
  const llm = await startStampingModel(settings);
  const relay = await startMinimalRelay(llm.url);
  // Latency figures mean little without the machine they came from and how busy it was.
  const load = os.loadavg()[0].toFixed(2);
  console.log(`relay latency: ${settings.tokens} tokens per reply, one every ${settings.intervalMs} ms; node ${process.version}, ${os.cpus().length} CPUs, load ${load}`);
  try {
    await benchTarget(relay.target, settings.sessions);
  } finally {
    await relay.stop();
    await llm.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
