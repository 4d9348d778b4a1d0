import { createApp } from './app';
import { bootstrap } from './bootstrap/bootstrap';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { installProcessFaultPolicy } from './process-faults';

/** Boot: read config, build the app, seed in development, listen, stop cleanly on signals. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  installProcessFaultPolicy(logger);
  const app = await createApp(config, logger);
  const { url } = await app.listen();
  await bootstrap(app, url);
  logger.info({ url }, 'switchboard ready');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: cutting the drain short');
      void app.stop();
      return;
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.SHUTDOWN_DELAY_MS + config.SHUTDOWN_DRAIN_MS + config.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    app.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error('switchboard failed to start:', err);
  process.exit(1);
});
