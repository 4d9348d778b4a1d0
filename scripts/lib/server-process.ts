/**
 * Switchboard and its embedded database as separate OS processes on loopback: the one spawner
 * behind the tests (server/test/support/processes.ts), the benchmarks
 * (scripts/bench/support/server-process.ts), the soak (scripts/soak/cluster.ts) and
 * `npm run cluster` (scripts/cluster.ts).
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The repository root (the folder holding package.json). */
export const root = join(__dirname, '../..');

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** `node <args>` from the repository root, `prefix` before it (e.g. `taskset -c 1`). */
export function spawnNode(args: string[], env: NodeJS.ProcessEnv, stdio: StdioOptions, prefix: string[] = []): ChildProcess {
  const [cmd, ...cmdArgs] = prefix.length ? [...prefix, process.execPath, ...args] : [process.execPath, ...args];
  return spawn(cmd as string, cmdArgs, { cwd: root, env: { ...process.env, ...env }, stdio });
}

/** Signals the child (SIGTERM: a graceful stop; SIGKILL: a crash) and waits for it to exit. */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

/** A started server process: its stdout and stderr are collected in `output()`. */
export interface StartedServer {
  url: string;
  child: ChildProcess;
  output(): string;
}

export interface ServerSpawn {
  port: number;
  /** Node flags and the entry file (`['--import', 'tsx', 'server/src/index.ts']`). */
  args: string[];
  env: Record<string, string>;
  /** Before `node` (core pinning). */
  prefix?: string[];
  /** Polled every 100 ms until true: `/readyz` by default. */
  ready?: (url: string) => Promise<boolean>;
  readyMs?: number;
  /** SIGKILL the process when it is not ready in time (a benchmark must not leave it running). */
  killIfLate?: boolean;
}

/** `/readyz` says ready. */
export const readyz = (url: string): Promise<boolean> => fetch(`${url}/readyz`).then((r) => r.ok, () => false);

/** Starts a Switchboard server process on `port` and waits until `ready` says so; throws with its output if it exits or is late. */
export async function startServer({ port, args, env, prefix, ready = readyz, readyMs = 30_000, killIfLate = false }: ServerSpawn): Promise<StartedServer> {
  const child = spawnNode(args, { HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env }, ['ignore', 'pipe', 'pipe'], prefix);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    if (await ready(url)) break;
    if (Date.now() > deadline) {
      if (killIfLate) child.kill('SIGKILL');
      throw new Error(`server not ready in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, child, output: () => out };
}

/**
 * The embedded engine (`npm run db`) as a process of its own on a free port: the URI of its
 * `switchboard` database once it has printed where it listens.
 */
export async function startEngineProcess(dataDir: string, nodeArgs: string[] = [], prefix: string[] = []): Promise<{ uri: string; child: ChildProcess }> {
  const args = [...nodeArgs, '--import', 'tsx', join(root, 'server/src/db/embedded-engine/cli.ts')];
  const child = spawnNode(args, { DB_PORT: String(await freePort()), DATA_DIR: dataDir }, ['ignore', 'pipe', 'inherit'], prefix);
  const [first] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
  const base = first.toString().split('\n')[0]?.trim() ?? '';
  if (!base.startsWith('mongodb://')) throw new Error(`the embedded engine printed no URI: ${base}`);
  child.stdout?.resume();
  const uri = new URL(base);
  uri.pathname = '/switchboard';
  return { uri: uri.toString(), child };
}
