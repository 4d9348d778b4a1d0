/**
 * `npm run cluster [N]`: tries Switchboard as several processes on one machine — the shared
 * database (MONGODB_URI, or the embedded engine started here), a Redis server (REDIS_URL, or
 * redis-server started here on a free port) and N server processes on PORT, PORT+1, …
 * Stop with Ctrl-C: everything it started stops with it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { startEmbeddedEngine } from '../server/src/db/embedded-engine/engine-server';
import { freePort, root, stopChild } from './lib/server-process';

const children: ChildProcess[] = [];

function run(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (line: string) => (line.trim() ? `[${name}] ${line}\n` : '');
  child.stdout?.on('data', (d: Buffer) => process.stdout.write(d.toString().split('\n').map(prefix).join('')));
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(d.toString().split('\n').map(prefix).join('')));
  children.push(child);
  return child;
}

async function startRedis(): Promise<string> {
  if (process.env.REDIS_URL) return process.env.REDIS_URL;
  const port = await freePort();
  run('redis', 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {});
  await new Promise((r) => setTimeout(r, 500));
  return `redis://127.0.0.1:${port}`;
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? process.env.PROCESSES ?? 2);
  const basePort = Number(process.env.PORT ?? 3000);
  const dataDir = process.env.DATA_DIR ?? '.data';
  const engine = process.env.MONGODB_URI ? null : await startEmbeddedEngine({ dataDir: join(dataDir, 'db') });
  const mongoUri = process.env.MONGODB_URI ?? engine?.uri ?? '';
  const redisUrl = await startRedis();
  console.log(`database ${mongoUri}\nredis    ${redisUrl}`);
  for (let i = 0; i < n; i++) {
    run(`server-${i + 1}`, process.execPath, ['dist/server/index.js'], { PORT: String(basePort + i), MONGODB_URI: mongoUri, REDIS_URL: redisUrl, DATA_DIR: dataDir });
  }
  const stop = async () => {
    await Promise.all(children.map((c) => stopChild(c)));
    await engine?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
