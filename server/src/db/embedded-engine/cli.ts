/**
 * `npm run db`: runs the embedded engine as a standalone MongoDB stand-in.
 * Prints its connection URI as the first line of stdout (scripts read it), then JSON logs.
 * Env (read here because this is a standalone tool): DB_PORT (27017), DATA_DIR (.data).
 */
import path from 'node:path';
import pino from 'pino';
import { startEmbeddedEngine } from './engine-server';
import type { EngineLogger } from './logger';

type Level = 'info' | 'warn' | 'error';

// Holds log lines back until the URI is printed, so it is always the first line.
function deferredLogger(target: pino.Logger): { logger: EngineLogger; release(): void } {
  let queue: (() => void)[] | undefined = [];
  const level = (name: Level) => (objOrMsg: unknown, ...rest: unknown[]): void => {
    const write = (): void => (target[name] as (o: unknown, ...r: unknown[]) => void).call(target, objOrMsg, ...rest);
    if (queue) queue.push(write);
    else write();
  };
  const release = (): void => {
    const pending = queue ?? [];
    queue = undefined;
    pending.forEach((write) => write());
  };
  return { logger: { info: level('info'), warn: level('warn'), error: level('error') }, release };
}

async function main(): Promise<void> {
  const port = Number(process.env.DB_PORT ?? 27017);
  const dataDir = path.resolve(process.env.DATA_DIR ?? '.data', 'db');
  const { logger, release } = deferredLogger(pino({ base: { svc: 'switchboard-db' } }));
  const engine = await startEmbeddedEngine({ dataDir, port, logger });
  process.stdout.write(`${engine.uri}\n`);
  release();
  logger.info({ port: engine.port, dataDir }, 'embedded engine listening (development/test stand-in for mongod, not for production)');

  const stop = (signal: string): void => {
    logger.info({ signal }, 'embedded engine stopping');
    engine.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'embedded engine failed to stop cleanly');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`embedded engine failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
