/**
 * A real redis-server (Debian's) on a free loopback port for the suites that need Redis.
 * Without it those suites are reported as not run — or fail under REQUIRE_ALL_SUITES=1.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createConnection } from 'node:net';
import { freePort } from './processes';

export function redisAvailable(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

export interface TestRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Stops and starts Redis again on the same port (a restart as operations would see it). */
  restart(downMs?: number): Promise<void>;
}

function waitForPort(port: number, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const sock = createConnection({ port, host: '127.0.0.1' }, () => {
        sock.end();
        resolve();
      });
      sock.once('error', () => (Date.now() > deadline ? reject(new Error('redis did not start')) : setTimeout(attempt, 50)));
    };
    attempt();
  });
}

export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess;
  const launch = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitForPort(port);
  };
  const kill = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGKILL');
    await once(child, 'exit');
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: kill,
    async restart(downMs = 500) {
      await kill();
      await new Promise((r) => setTimeout(r, downMs));
      await launch();
    },
  };
}

export function describeWithRedis(name: string, fn: () => void): void {
  const ok = redisAvailable();
  if (!ok && process.env.REQUIRE_ALL_SUITES === '1') {
    describe(name, () => {
      it('needs Redis', () => {
        throw new Error(`redis-server is not installed and REQUIRE_ALL_SUITES=1: suite "${name}" must run`);
      });
    });
    return;
  }
  if (!ok) console.warn(`redis-server not installed: suite "${name}" not run (apt-get install -y redis-server)`);
  const describeOrSkip = ok ? describe : describe.skip;
  describeOrSkip(name, fn);
}
