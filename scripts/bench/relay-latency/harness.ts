/**
 * Generic relay-latency harness. It knows nothing about the relay being measured: a target
 * only has to `connect()` a client that can `ask(text, onText)` and report the text it
 * receives. Latency is measured per token, from the moment the fake model server wrote it
 * (a `t:<hrtime-ns>|` stamp inside the token, see protocol.ts) to the moment the client's
 * callback saw it. Both happen in this process, so both read the same clock.
 *
 *   const target: BenchTarget = { name: 'my relay', connect: async () => myClient };
 *   const result = await runAgainst(target, { sessions: 200 });
 *   console.log(formatResult(result));
 *
 * Caveat: the fake model and all clients share this process's event loop; at high session
 * counts some of what is measured is the harness itself. That is equal for every target, so
 * compare targets under the same settings rather than reading absolute numbers.
 */
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import { cpuMsOf } from '../support/machine';
import { readStamps } from './protocol';

/** One connected chat client of the relay under test. */
export interface ClientLike {
  /** Sends `text` as a customer message; calls `onText` with each piece of the reply as it arrives; resolves when the reply ends. */
  ask(text: string, onText: (text: string) => void): Promise<void>;
  close(): Promise<void> | void;
}

export interface BenchTarget {
  name: string;
  /** The relay's process, when it is one: its CPU time per run is reported. */
  pid?: number;
  /** Its database's process, when it runs on this machine: its CPU time per run is reported too. */
  databasePid?: number;
  connect(): Promise<ClientLike>;
}

export interface RunOptions {
  /** Concurrent sessions, each a connected client asking one question at the same time. */
  sessions: number;
  /** Give up on replies after this long (ms). */
  timeoutMs?: number;
}

export interface RunResult {
  target: string;
  sessions: number;
  tokens: number;
  failedSessions: number;
  wallMs: number;
  /** CPU time the relay's process used during the run (ms), when its pid is known. */
  cpuMs: number | null;
  /** CPU time its database process used meanwhile (ms), when it runs here. */
  databaseCpuMs: number | null;
  /** Token latency in ms. */
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** The same for the first token of each reply only (what a burst of new replies delays most). */
  firstTokenMs: { p50: number; p90: number; p99: number; max: number; mean: number };
}

const NS_PER_US = 1000n;

/** Connects `sessions` clients, has all ask at once, and summarises per-token latency. */
export async function runAgainst(target: BenchTarget, options: RunOptions): Promise<RunResult> {
  const histogram = createHistogram();
  const firstTokens = createHistogram();
  const clients = await Promise.all(Array.from({ length: options.sessions }, () => target.connect()));
  const started = performance.now();
  const cpuBefore = target.pid ? cpuMsOf(target.pid) : null;
  const databaseCpuBefore = target.databasePid ? cpuMsOf(target.databasePid) : null;
  let tokens = 0;
  const outcomes = await Promise.allSettled(
    clients.map((client, i) => {
      let first = true;
      return withTimeout(
        client.ask(`Session ${i}: tell me something`, (text) => {
          const found = record(histogram, text, first ? firstTokens : null);
          if (found > 0) first = false;
          tokens += found;
        }),
        options.timeoutMs ?? 60_000,
      );
    }),
  );
  const wallMs = performance.now() - started;
  const cpuMs = target.pid && cpuBefore !== null ? cpuMsOf(target.pid) - cpuBefore : null;
  const databaseCpuMs = target.databasePid && databaseCpuBefore !== null ? cpuMsOf(target.databasePid) - databaseCpuBefore : null;
  await Promise.all(clients.map((client) => client.close()));
  return {
    target: target.name,
    sessions: options.sessions,
    tokens,
    failedSessions: outcomes.filter((o) => o.status === 'rejected').length,
    wallMs,
    cpuMs,
    databaseCpuMs,
    latencyMs: summarise(histogram),
    firstTokenMs: summarise(firstTokens),
  };
}

/** Records the latency of every stamp in `text` (the first one also in `first`, if given); returns how many it found. */
function record(histogram: RecordableHistogram, text: string, first: RecordableHistogram | null): number {
  const now = process.hrtime.bigint();
  const stamps = readStamps(text);
  // The histogram takes integers ≥ 1: record microseconds.
  for (const sentAt of stamps) histogram.record(Number((now - sentAt) / NS_PER_US) || 1);
  if (first && stamps[0] !== undefined) first.record(Number((now - stamps[0]) / NS_PER_US) || 1);
  return stamps.length;
}

function summarise(histogram: RecordableHistogram): RunResult['latencyMs'] {
  const ms = (us: number) => Math.round(us) / 1000;
  if (histogram.count === 0) return { p50: NaN, p90: NaN, p99: NaN, max: NaN, mean: NaN };
  return {
    p50: ms(histogram.percentile(50)),
    p90: ms(histogram.percentile(90)),
    p99: ms(histogram.percentile(99)),
    max: ms(histogram.max),
    mean: ms(histogram.mean),
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no complete reply within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** One line per run, for the console and the README's benchmark table. */
export function formatResult(r: RunResult): string {
  const l = r.latencyMs;
  return [
    r.target.padEnd(22),
    `${String(r.sessions).padStart(4)} sessions`,
    `${String(r.tokens).padStart(6)} tokens`,
    `p50 ${l.p50.toFixed(2)} ms`,
    `p90 ${l.p90.toFixed(2)} ms`,
    `p99 ${l.p99.toFixed(2)} ms`,
    `max ${l.max.toFixed(2)} ms`,
    `failed ${r.failedSessions}`,
    `wall ${(r.wallMs / 1000).toFixed(1)} s`,
    r.cpuMs === null ? '' : `relay cpu ${Math.round(r.cpuMs)} ms (${r.tokens ? Math.round((r.cpuMs * 1000) / r.tokens) : 0} µs/token)`,
    r.databaseCpuMs === null ? '' : `database cpu ${Math.round(r.databaseCpuMs)} ms`,
  ]
    .join('  ')
    .trimEnd()
    .concat(`\n${''.padEnd(24)}first token of each reply: p50 ${r.firstTokenMs.p50.toFixed(2)} ms  p99 ${r.firstTokenMs.p99.toFixed(2)} ms`);
}
