import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = join(__dirname, '../../..');

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

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** SIGKILL: the process dies mid-whatever, as in a crash. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `server/src/index.ts` as its own OS process (through tsx) and waits until it is ready. */
export async function startServerProcess(env: Record<string, string>, readyMs = 30_000): Promise<ServerProcess> {
  const port = await freePort();
  // `node --import tsx` keeps it one OS process (the tsx CLI would fork a child a kill misses).
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/src/index.ts')], {
    cwd: root,
    // Loopback allowed for outbound requests, as a user running tools and webhooks on this machine would configure it.
    env: { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', EGRESS_ALLOW: '127.0.0.0/8,::1,localhost', OFFLINE_WORD_DELAY_MS: '0', SHUTDOWN_DRAIN_MS: '1000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    const ok = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`server not ready in time:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await once(child, 'exit');
  };
  return { url, child, output: () => out, kill: () => end('SIGKILL'), stop: () => end('SIGTERM') };
}
