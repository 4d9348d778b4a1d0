/**
 * Puts delay-proxy.ts (its own process) between a benchmarked server and its database: used by
 * the TTFT and fan-out benchmarks to make a database `delayMs` away each way.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { cpuProfileArgs, stopChild } from '../support/server-process';

/** Starts the delaying proxy in front of the database in `uri`; returns the URI through it. Its stop is pushed onto `stops`. */
export async function proxied(uri: string, delayMs: string, stops: (() => Promise<void>)[]): Promise<string> {
  const url = new URL(uri);
  const child = fork(path.join(__dirname, 'delay-proxy.ts'), [], {
    execArgv: [...cpuProfileArgs(), '--import', 'tsx'],
    env: { ...process.env, PROXY_TARGET_PORT: url.port, PROXY_DELAY_MS: delayMs },
  });
  const [ready] = (await once(child, 'message')) as [{ port: number }];
  stops.push(() => stopChild(child));
  url.port = String(ready.port);
  // Else the driver may follow the hosts the server announces to its real port, round the proxy.
  url.searchParams.set('directConnection', 'true');
  return url.toString();
}
