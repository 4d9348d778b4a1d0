import net from 'node:net';
import { CommandRouter } from './command-router';
import { serveConnection } from './connection';
import { CursorRegistry } from './cursor-registry';
import { lockDataDir } from './data-dir-lock';
import { silentLogger, type EngineLogger } from './logger';
import { Storage } from './storage';
import { sweepExpired } from './ttl-sweeper';

export interface EmbeddedEngineOptions {
  /** Where databases live (one folder per database). Created if missing. */
  dataDir: string;
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; loopback by default — the engine has no authentication. */
  host?: string;
  logger?: EngineLogger;
  /** Database named in the returned URI. */
  dbName?: string;
  /** How often expired TTL documents are deleted (mongod: 60 s). */
  ttlSweepIntervalMs?: number;
  /** How often written logs are fsynced (power-loss window); writes reach the OS before each ack regardless. */
  fsyncIntervalMs?: number;
  /** How often logs with many stale records are compacted. */
  compactIntervalMs?: number;
}

export interface EmbeddedEngine {
  uri: string;
  host: string;
  port: number;
  /** Stops accepting connections, closes open ones, flushes and releases the data directory. */
  close(): Promise<void>;
}

/** Starts the MongoDB-wire-compatible engine on loopback (a development/test stand-in for mongod). */
export async function startEmbeddedEngine(options: EmbeddedEngineOptions): Promise<EmbeddedEngine> {
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger ?? silentLogger;
  const releaseLock = lockDataDir(options.dataDir);
  let storage: Storage;
  try {
    storage = Storage.open(options.dataDir, logger);
  } catch (err) {
    releaseLock();
    throw err;
  }
  const cursors = new CursorRegistry();
  const router = new CommandRouter(logger);
  const startedAt = new Date();
  const sockets = new Set<net.Socket>();
  let connections = 0;

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    connections += 1;
    serveConnection(socket, connections, {
      router,
      logger,
      contextFor: (db, connectionId) => ({ db, storage, cursors, connectionId, startedAt }),
    });
  });

  const timers = [
    every(options.ttlSweepIntervalMs ?? 60_000, () => sweepExpired(storage), logger),
    every(options.fsyncIntervalMs ?? 1_000, () => storage.sync(), logger),
    every(options.compactIntervalMs ?? 60_000, () => storage.compact(), logger),
    every(60_000, () => cursors.closeIdle(), logger),
  ];

  const shutdown = (): void => {
    timers.forEach(clearInterval);
    storage.close();
    releaseLock();
  };

  let port: number;
  try {
    port = await listen(server, options.port ?? 0, host);
  } catch (err) {
    shutdown();
    throw err;
  }

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => {
        shutdown();
        resolve();
      });
      for (const socket of sockets) socket.destroy();
    });
    return closing;
  };

  const uri = `mongodb://${host}:${port}/${options.dbName ?? 'switchboard'}`;
  return { uri, host, port, close };
}

function listen(server: net.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

// Background maintenance must never keep the process alive or crash it.
function every(ms: number, task: () => unknown, logger: EngineLogger): NodeJS.Timeout {
  const timer = setInterval(() => {
    try {
      task();
    } catch (err) {
      logger.error({ err }, 'embedded engine: background task failed');
    }
  }, ms);
  timer.unref();
  return timer;
}
