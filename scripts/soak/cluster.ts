/**
 * The soak's cluster: the embedded database engine as its own process (so it can be paused),
 * a redis-server (so it can be killed), and two Switchboard processes that can be killed and
 * restarted on the same port (so their clients reconnect to them). Loopback only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../server/test/support/processes';
import { startRedis, type TestRedis } from '../../server/test/support/redis';
import { MASTER_KEY, UNLIMITED } from '../bench/support/server-process';

const root = join(__dirname, '../..');

/** One Switchboard process that keeps its port across kills, and a record of its memory over each life. */
export class SoakServer {
  child: ChildProcess | null = null;
  /** RSS samples (MB) of each life of the process: a new list after every restart. */
  readonly lives: { at: number; rssMb: number }[][] = [];
  /** Exits we did not cause (a crash): the soak fails on any. */
  readonly unexpectedExits: string[] = [];
  private expectingExit = false;
  private out = '';

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
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/src/index.ts')], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(this.port), LOG_LEVEL: 'warn', ...UNLIMITED, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (d: Buffer) => (this.out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.out += d.toString()));
    child.once('exit', (code, signal) => {
      if (!this.expectingExit) this.unexpectedExits.push(`${this.name} exited (code ${code}, signal ${signal}):\n${this.out.split('\n').slice(-15).join('\n')}`);
    });
    this.lives.push([]);
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${this.name} exited while starting:\n${this.out}`);
      const ok = await fetch(`${this.url}/v1/agents`, { headers: { authorization: `Bearer ${MASTER_KEY}` } }).then((r) => r.ok, () => false);
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`${this.name} not ready in time:\n${this.out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** kill -9: the process dies mid-whatever, as in a crash. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.expectingExit = true;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.expectingExit = true;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
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

  output(): string {
    return this.out;
  }
}

export interface SoakCluster {
  db: { uri: string; child: ChildProcess; pause(): void; resume(): void };
  redis: TestRedis;
  servers: [SoakServer, SoakServer];
  stop(): Promise<void>;
}

/** The embedded engine as a process of its own (`npm run db`), on a free port. */
async function startDatabase(dataDir: string): Promise<SoakCluster['db']> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/src/db/embedded-engine/cli.ts')], {
    cwd: root,
    env: { ...process.env, DB_PORT: String(await freePort()), DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [first] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
  const base = first.toString().split('\n')[0]?.trim() ?? '';
  if (!base.startsWith('mongodb://')) throw new Error(`the embedded engine printed no URI: ${base}`);
  child.stdout?.resume();
  const uri = new URL(base);
  uri.pathname = '/switchboard';
  return { uri: uri.toString(), child, pause: () => void child.kill('SIGSTOP'), resume: () => void child.kill('SIGCONT') };
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
      if (db) {
        const exited = once(db.child, 'exit');
        db.child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
