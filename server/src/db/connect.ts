import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { startEmbeddedEngine, type EmbeddedEngineOptions } from './embedded-engine/engine-server';
import type { EngineLogger } from './embedded-engine/logger';

/** A pino-compatible logger (`console` works too). */
export type DbLogger = EngineLogger;

export type DatabaseKind = 'uri' | 'mongod' | 'embedded';

export interface ResolvedDatabase {
  uri: string;
  kind: DatabaseKind;
  /** Stops what resolveDatabase started (nothing for an external URI). */
  stop(): Promise<void>;
}

export interface ResolveDatabaseOptions {
  /** A real MongoDB to use as is (MONGODB_URI). */
  mongodbUri?: string;
  /** Root data directory (DATA_DIR): mongod files go to `<dataDir>/mongod`, the engine's to `<dataDir>/db`. */
  dataDir: string;
  logger: DbLogger;
  /** The mongod executable to try (looked up on PATH); `null` skips mongod. Default `mongod`. */
  mongodBinary?: string | null;
  /** Database named in the URI of a started server. Default `switchboard`. */
  dbName?: string;
  /** How long a spawned mongod may take to accept connections. Default 30 s. */
  mongodStartTimeoutMs?: number;
  /** Extra embedded-engine settings (port, TTL sweep interval…). */
  embedded?: Omit<EmbeddedEngineOptions, 'dataDir' | 'logger'>;
  /** The caller tells the user about the embedded fallback itself (the development start banner): no warning is logged. */
  announcesFallback?: boolean;
}

/**
 * Picks the database: MONGODB_URI if given, else a `mongod` on PATH started for this process,
 * else the embedded engine (a development/test fallback).
 */
export async function resolveDatabase(options: ResolveDatabaseOptions): Promise<ResolvedDatabase> {
  const dbName = options.dbName ?? 'switchboard';
  if (options.mongodbUri) return { uri: options.mongodbUri, kind: 'uri', stop: async () => undefined };

  const binary = options.mongodBinary === undefined ? 'mongod' : options.mongodBinary;
  if (binary !== null) {
    const mongod = await startMongod(binary, options, dbName);
    if (mongod) return mongod;
  }

  const dataDir = path.join(options.dataDir, 'db');
  const engine = await startEmbeddedEngine({ dbName, ...options.embedded, dataDir, logger: options.logger });
  if (!options.announcesFallback) options.logger.warn(
    { dataDir, uri: engine.uri },
    'No MONGODB_URI and no mongod found: using the embedded MongoDB-compatible engine. It is a development/test fallback, not for production — set MONGODB_URI.',
  );
  return { uri: engine.uri, kind: 'embedded', stop: () => engine.close() };
}

// Resolves to undefined when mongod is missing or dies before accepting connections.
async function startMongod(binary: string, options: ResolveDatabaseOptions, dbName: string): Promise<ResolvedDatabase | undefined> {
  const dbPath = path.join(options.dataDir, 'mongod');
  const port = await freePort();
  const child = spawn(binary, ['--dbpath', dbPath, '--port', String(port), '--bind_ip', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keepTail = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-2000);
  };
  child.stdout.on('data', keepTail);
  child.stderr.on('data', keepTail);

  const failed = new Promise<string>((resolve) => {
    child.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ENOENT' ? 'not found' : err.message));
    child.once('exit', (code, signal) => resolve(`exited (${code ?? signal}) before accepting connections`));
  });
  fs.mkdirSync(dbPath, { recursive: true });
  const timeoutMs = options.mongodStartTimeoutMs ?? 30_000;
  let settled = false;
  const listening = waitForPort(port, timeoutMs, () => settled).then((up) => (up ? 'ready' : `not accepting connections after ${timeoutMs} ms`));
  const outcome = await Promise.race([listening, failed]);
  settled = true;
  if (outcome !== 'ready') {
    if (outcome !== 'not found') options.logger.warn({ binary, reason: outcome, output }, 'mongod could not be started; falling back');
    child.kill('SIGKILL');
    return undefined;
  }
  options.logger.info({ port, dbPath }, 'started mongod');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const forceKill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(forceKill);
  };
  return { uri: `mongodb://127.0.0.1:${port}/${dbName}`, kind: 'mongod', stop };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls until something accepts TCP connections on the port: true, or false at the deadline or once `cancelled()`. */
function waitForPort(port: number, timeoutMs: number, cancelled: () => boolean): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve) => {
    const attempt = (): void => {
      if (cancelled()) {
        resolve(false);
        return;
      }
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() < deadline) setTimeout(attempt, 100);
        else resolve(false);
      });
    };
    attempt();
  });
}
