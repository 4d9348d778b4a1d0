/**
 * The soak's cluster: the embedded database engine as its own process (so it can be paused),
 * a redis-server (so it can be killed), and two Switchboard processes that can be killed and
 * restarted on the same port (so their clients reconnect to them). Loopback only.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, root, startEngineProcess, startServer, stopChild } from '../lib/server-process';
import { startRedis, type TestRedis } from '../../server/test/support/redis';
import { MASTER_KEY, masterKeyWorks, UNLIMITED } from '../bench/support/server-process';

/** One Switchboard process that keeps its port across kills, and a record of its memory over each life. */
export class SoakServer {
  child: ChildProcess | null = null;
  /** RSS samples (MB) of each life of the process: a new list after every restart. */
  readonly lives: { at: number; rssMb: number }[][] = [];
  /** Exits we did not cause (a crash): the soak fails on any. */
  readonly unexpectedExits: string[] = [];
  private expectingExit = false;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.expectingExit = false;
    this.lives.push([]);
    const started = await startServer({
      port: this.port,
      args: ['--import', 'tsx', join(root, 'server/src/index.ts')],
      env: { NODE_ENV: 'test', ...UNLIMITED, ...this.env },
      ready: masterKeyWorks,
      readyMs: 60_000,
    }).catch((err: unknown) => {
      throw new Error(`${this.name} did not start: ${err instanceof Error ? err.message : String(err)}`);
    });
    const child = started.child;
    this.child = child;
    this.output = started.output;
    child.once('exit', (code, signal) => {
      if (!this.expectingExit) this.unexpectedExits.push(`${this.name} exited (code ${code}, signal ${signal}):\n${this.output().split('\n').slice(-15).join('\n')}`);
    });
  }

  /** kill -9: the process dies mid-whatever, as in a crash. */
  async kill(): Promise<void> {
    await this.end('SIGKILL');
  }

  async stop(): Promise<void> {
    await this.end('SIGTERM');
  }

  private async end(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.expectingExit = true;
    await stopChild(child, signal);
  }

  /** Records the process's resident memory (from /proc; Linux). */
  sample(): void {
    const pid = this.child?.pid;
    if (!pid || this.child?.exitCode !== null) return;
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
      if (Number.isFinite(kb)) this.lives.at(-1)?.push({ at: Date.now(), rssMb: kb / 1024 });
    } catch {
      /* the process just died: its life ended */
    }
  }

  /** The current life's stdout and stderr. */
  output: () => string = () => '';
}

export interface SoakCluster {
  db: { uri: string; child: ChildProcess; pause(): void; resume(): void };
  redis: TestRedis;
  servers: [SoakServer, SoakServer];
  stop(): Promise<void>;
}

/** The embedded engine as a process of its own (`npm run db`), on a free port. */
async function startDatabase(dataDir: string): Promise<SoakCluster['db']> {
  const { uri, child } = await startEngineProcess(dataDir);
  return { uri, child, pause: () => void child.kill('SIGSTOP'), resume: () => void child.kill('SIGCONT') };
}

export async function startSoakCluster(serverEnv: Record<string, string>): Promise<SoakCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-soak-'));
  const db = process.env.MONGODB_URI ? null : await startDatabase(join(dir, 'db'));
  const redis = await startRedis();
  const env = {
    MONGODB_URI: process.env.MONGODB_URI ?? db?.uri ?? '',
    REDIS_URL: redis.url,
    CHAT_MASTER_KEY: MASTER_KEY,
    SEED_DEMO: 'false',
    DATA_DIR: dir,
    AUTH_SECRET: 'soak-auth-secret-0123456789abcdef0123456789',
    WEBHOOK_SECRET_KEY: 'soak-webhook-key-0123456789abcdef0123456789',
    ...serverEnv,
  };
  const servers: [SoakServer, SoakServer] = [new SoakServer('A', await freePort(), env), new SoakServer('B', await freePort(), env)];
  await servers[0].start();
  await servers[1].start();
  const noDb = { uri: env.MONGODB_URI, child: null as unknown as ChildProcess, pause: () => undefined, resume: () => undefined };
  return {
    db: db ?? noDb,
    redis,
    servers,
    async stop() {
      db?.resume();
      await Promise.all(servers.map((s) => s.stop()));
      await redis.stop();
      if (db) await stopChild(db.child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
