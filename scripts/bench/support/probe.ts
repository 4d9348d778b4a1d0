/**
 * A preload for the server process under benchmark (`node --import tsx --import ./probe.ts …`),
 * so the server itself exposes nothing for benchmarks:
 * - event-loop lag: a perf_hooks histogram, summarised into `$BENCH_PROBE_FILE.lag.json` on SIGTERM;
 * - memory: on SIGUSR2, a full GC (when run with --expose-gc) and `process.memoryUsage()`
 *   written to `$BENCH_PROBE_FILE.mem.json`.
 * It also turns off the source-mapped stack traces tsx turned on: `npm start` runs the build
 * without them, and with them every Error whose stack is read (undici reads one for each
 * idle keep-alive socket it closes) looked up source maps frame by frame — 2 % of the server's
 * CPU in a relay benchmark's profile, which the minimal relay (no bundle) hardly paid.
 */
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

process.setSourceMapsEnabled(false);

const file = process.env.BENCH_PROBE_FILE;
if (file) {
  const RESOLUTION_MS = 10;
  const lag = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  lag.enable();
  // The histogram holds the whole interval between samples; the lag is what exceeds the resolution.
  const ms = (ns: number) => Math.max(0, Math.round(ns / 1e3 - RESOLUTION_MS * 1e3) / 1e3);
  process.on('SIGUSR2', () => {
    (globalThis as { gc?: () => void }).gc?.();
    writeFileSync(`${file}.mem.json`, JSON.stringify(process.memoryUsage()));
  });
  // Registered before the server's own handler, so it runs first; the write is synchronous.
  process.prependListener('SIGTERM', () => {
    lag.disable();
    const summary = { p50: ms(lag.percentile(50)), p90: ms(lag.percentile(90)), p99: ms(lag.percentile(99)), max: ms(lag.max), mean: ms(lag.mean), count: lag.count };
    writeFileSync(`${file}.lag.json`, JSON.stringify(summary));
  });
  /** Resets the lag histogram (e.g. after start-up), on SIGWINCH since it carries no other meaning for a server. */
  process.on('SIGWINCH', () => lag.reset());
}

/**
 * BENCH_ALLOC_PROF=<file>: samples allocations by call site, including objects the GC has
 * already collected (what drives GC time, which a heap snapshot cannot show), and writes them
 * as a `.heapprofile` (open in Chrome DevTools → Memory) on SIGTERM.
 */
const allocFile = process.env.BENCH_ALLOC_PROF;
if (allocFile) {
  void import('node:inspector').then(({ Session }) => {
    const session = new Session();
    session.connect();
    const sampling = { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true };
    session.post('HeapProfiler.startSampling', sampling as object);
    process.prependListener('SIGTERM', () => {
      session.post('HeapProfiler.stopSampling', (err, result) => {
        if (!err) writeFileSync(allocFile, JSON.stringify((result as { profile: unknown }).profile));
      });
    });
  });
}
