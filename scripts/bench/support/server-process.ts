/**
 * Starts what a benchmark measures as separate OS processes on loopback: the embedded database
 * engine (in this process, or MONGODB_URI), Redis when asked, and Switchboard server processes
 * pinned to the server core, with the probe preloaded. Everything stops with `stop()`.
 */
import type { ChildProcess, StdioOptions } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, root, spawnNode, startEngineProcess, startServer, stopChild } from '../../lib/server-process';
import { pinning, SERVER_CPU } from './machine';

export { stopChild };
/** API keys are recognised by their `sk_` prefix. */
export const MASTER_KEY = 'sk_bench_master_key_0123456789abcdef';

/** Lifts every per-IP limit: the whole load comes from 127.0.0.1. */
export const UNLIMITED: Record<string, string> = {
  RATE_SESSIONS_PER_MINUTE_IP: '100000000',
  RATE_MESSAGES_PER_MINUTE_IP: '100000000',
  RATE_MESSAGES_PER_MINUTE_SESSION: '100000000',
  RATE_API_KEY_PER_MINUTE: '100000000',
  MAX_CONNECTIONS_PER_IP: '100000000',
};

export interface BenchServer {
  url: string;
  pid: number;
  child: ChildProcess;
  /** SIGUSR2 → the probe's GC'd memoryUsage(). */
  memory(): Promise<NodeJS.MemoryUsage>;
  /** Forgets the event-loop lag recorded so far (start-up, set-up). */
  resetLag(): void;
  /** SIGTERM; resolves with the probe's lag summary (ms beyond the sampling interval). */
  stop(): Promise<LagSummary | null>;
  output(): string;
}

export interface LagSummary {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export interface Database {
  uri: string;
  /** The embedded engine's process (null with MONGODB_URI: the database is elsewhere). */
  pid: number | null;
  stop(): Promise<void>;
}

/**
 * MONGODB_URI (a fresh database name in it), or the embedded engine (`npm run db`) as its own
 * process, not pinned: it is neither the server nor the load generator (in production it is
 * another host); inside the load generator's event loop it would delay the clients that take
 * the measurements, and on either core alone it starves or is starved.
 */
export async function startDatabase(): Promise<Database> {
  if (process.env.MONGODB_URI) {
    const url = new URL(process.env.MONGODB_URI);
    url.pathname = `/sb_bench_${Date.now().toString(36)}`;
    return { uri: url.toString(), pid: null, stop: async () => undefined };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-bench-db-'));
  const { uri, child } = await startEngineProcess(dataDir, cpuProfileArgs());
  return {
    uri,
    pid: child.pid as number,
    stop: async () => {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * BENCH_CPU_PROF=<dir>: node flags that make a benchmarked process (server, database engine,
 * minimal relay) write a V8 CPU profile there when it exits.
 */
export function cpuProfileArgs(): string[] {
  return process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
}

/** `node <args>` pinned to a core (the server's by default; null: not pinned). */
export function spawnPinned(args: string[], env: Record<string, string>, stdio: StdioOptions, cpu: string | null = SERVER_CPU): ChildProcess {
  return spawnNode(args, env, stdio, cpu === null ? [] : pinning(cpu));
}

/**
 * The server entry: the build (`npm run build` → dist/server/index.js) when present, so a
 * benchmark measures what `npm start` runs; BENCH_FROM_SOURCE=1 runs server/src through tsx.
 */
function serverEntry(): string {
  const built = join(root, 'dist/server/index.js');
  return existsSync(built) && process.env.BENCH_FROM_SOURCE !== '1' ? built : join(root, 'server/src/index.ts');
}

/**
 * A Switchboard server process on a free port, pinned to the server core, with the probe
 * preloaded. `entry`: another build's server (a relay benchmark comparing two builds).
 */
export async function startSwitchboard(env: Record<string, string>, readyMs = 60_000, entry = serverEntry()): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-bench-'));
  const probeFile = join(dataDir, 'probe');
  const { url, child, output } = await startServer({
    port: await freePort(),
    args: [...cpuProfileArgs(), '--expose-gc', '--import', 'tsx', '--import', join(__dirname, 'probe.ts'), entry],
    prefix: pinning(SERVER_CPU),
    env: {
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      CHAT_MASTER_KEY: MASTER_KEY,
      AUTH_SECRET: 'bench-auth-secret-0123456789abcdef0123456789',
      WEBHOOK_SECRET_KEY: 'bench-webhook-key-0123456789abcdef0123456789',
      BENCH_PROBE_FILE: probeFile,
      // The fake model and its own endpoints run on loopback.
      EGRESS_ALLOW: '127.0.0.0/8,::1,localhost',
      ...UNLIMITED,
      ...env,
    },
    ready: masterKeyWorks,
    readyMs,
    killIfLate: true,
  });
  const pid = child.pid as number;
  const readJson = <T>(path: string): T | null => (existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : null);
  return {
    url,
    pid,
    child,
    output,
    resetLag: () => void child.kill('SIGWINCH'),
    memory: () => probeMemory(child, probeFile),
    async stop() {
      await stopChild(child);
      const lag = readJson<LagSummary>(`${probeFile}.lag.json`);
      rmSync(dataDir, { recursive: true, force: true });
      return lag;
    },
  };
}

/** /readyz answers before the first-run bootstrap has stored the master key: ready once the key works. */
export const masterKeyWorks = (url: string): Promise<boolean> => fetch(`${url}/v1/agents`, { headers: { authorization: `Bearer ${MASTER_KEY}` } }).then((r) => r.ok, () => false);

/** JSON over fetch with the master key. */
export async function api<T>(url: string, method: string, path: string, body?: unknown, token = MASTER_KEY): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Asks a probed process (probe.ts preloaded with BENCH_PROBE_FILE) for its memory after a full GC. */
export async function probeMemory(child: ChildProcess, probeFile: string): Promise<NodeJS.MemoryUsage> {
  const file = `${probeFile}.mem.json`;
  rmSync(file, { force: true });
  child.kill('SIGUSR2');
  for (let i = 0; i < 100 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 50));
  if (!existsSync(file)) throw new Error('the probe wrote no memory figures');
  return JSON.parse(readFileSync(file, 'utf8')) as NodeJS.MemoryUsage;
}
