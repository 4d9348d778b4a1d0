import type { App } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger, type Logger } from './logger';
import { installProcessFaultPolicy } from './process-faults';
import { startTracing, type StopTracing } from './observability/tracing';

/** Flushes the spans still buffered when the process stops (set when OTEL_* asks for traces). */
let stopTracing: StopTracing | null = null;

/**
 * Ctrl+C under `npm start` delivers SIGINT twice within milliseconds: the terminal sends it to
 * the whole process group and npm forwards its own copy. A SIGINT this soon after the previous
 * one is that echo, not a person asking again.
 */
const SIGNAL_ECHO_MS = 1_000;

/**
 * Stops the process on SIGTERM/SIGINT, from its first moment: a signal during start-up lets the
 * step in progress finish (every first-run step is resumable, so a harder stop loses nothing
 * either), then drains and exits 0. A signal repeated deliberately cuts the drain short — every
 * later one, except a SIGINT within SIGNAL_ECHO_MS of the one before (the npm echo); a third
 * signal always does.
 */
function handleSignals(config: Config, logger: Logger, starting: Promise<App | null>): void {
  let received = 0;
  let lastAt = 0;
  const stop = (signal: string) => {
    const now = Date.now();
    const echo = signal === 'SIGINT' && now - lastAt < SIGNAL_ECHO_MS;
    received += 1;
    lastAt = now;
    if (received > 1) {
      if (echo && received === 2) return void logger.debug({ signal }, 'repeated signal (npm passes Ctrl+C on too): still draining');
      logger.warn({ signal }, 'signal repeated: cutting the drain short');
      void starting.then((app) => app?.stop());
      return;
    }
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.SHUTDOWN_DELAY_MS + config.SHUTDOWN_DRAIN_MS + config.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    starting
      .then((app) => app?.stop())
      .then(() => stopTracing?.())
      .then(
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

/** Boot: read config, handle signals, build the app, listen, first-run setup, then ready. */
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
  // Before the app loads, so the tracer provider is registered when its modules ask for tracers.
  stopTracing = await startTracing(config);
  if (stopTracing) logger.info('OpenTelemetry traces on');
  const starting = (async () => {
    // Loaded after the signal handlers are in place: loading the app (the driver, the models …) takes a while.
    const [{ createApp }, { bootstrap }] = await Promise.all([import('./app'), import('./bootstrap/bootstrap')]);
    const app = await createApp(config, logger);
    const { url } = await app.listen();
    // /readyz answers 503 `starting` until this is done.
    await bootstrap(app, url);
    logger.info({ url }, 'switchboard ready');
    return app;
  })();
  handleSignals(config, logger, starting.catch(() => null));
  await starting;
}

main().catch((err: unknown) => {
  console.error('switchboard failed to start:', err);
  process.exit(1);
});
