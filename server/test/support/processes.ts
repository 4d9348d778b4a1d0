import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort, root, startServer, stopChild } from '../../../scripts/lib/server-process';

export { freePort };

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
  const { url, child, output } = await startServer({
    port: await freePort(),
    // `node --import tsx` keeps it one OS process (the tsx CLI would fork a child a kill misses).
    args: ['--import', 'tsx', join(root, 'server/src/index.ts')],
    // Loopback allowed for outbound requests, as a user running tools and webhooks on this machine would configure it.
    env: { NODE_ENV: 'test', EGRESS_ALLOW: '127.0.0.0/8,::1,localhost', OFFLINE_WORD_DELAY_MS: '0', SHUTDOWN_DRAIN_MS: '1000', ...env },
    readyMs,
  });
  return { url, child, output, kill: () => stopChild(child, 'SIGKILL'), stop: () => stopChild(child, 'SIGTERM') };
}
