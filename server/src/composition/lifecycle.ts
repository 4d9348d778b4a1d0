import type { Server as HttpServer } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import mongoose from 'mongoose';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Services } from '../services';
import { startBackgroundJobs } from '../background-jobs';
import { connectRedis } from '../cluster/redis';
import { resolveDatabase, type ResolvedDatabase } from '../db/connect';
import type { AgentRuntime } from '../domain/runtime/agent-runtime';
import { WebhookDispatcher } from '../domain/webhooks/webhook-dispatcher';
import { mongoTracingOptions, traceMongoCommands } from '../observability/db-tracing';
import type { SocketLayer } from '../transport/socket/socket-server';
import type { Infrastructure, ProcessState } from './domain';

/** Start, step one: the database (resolved, connected, indexes built) and Redis when configured. */
export async function connectStores(config: Config, logger: Logger): Promise<{ database: ResolvedDatabase; redis: Infrastructure['redis'] }> {
  // In development the start banner says which database is used (issue 22: nothing logged before the banner).
  const database = await resolveDatabase({ mongodbUri: config.MONGODB_URI, dataDir: config.DATA_DIR, logger, announcesFallback: config.NODE_ENV !== 'production' });
  // No buffering: while the database is away a write fails fast as store_unavailable instead of hanging.
  await mongoose.connect(database.uri, { serverSelectionTimeoutMS: 3_000, bufferCommands: false, ...mongoTracingOptions() });
  traceMongoCommands(mongoose.connection.getClient());
  await Promise.all(Object.values(mongoose.models).map((m) => m.init()));
  logger.debug({ db: database.kind }, 'database connected');
  const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL, logger) : null;
  return { database, redis };
}

/** What runs in the background once everything is wired. */
export interface Work {
  jobs: { stop(): void };
  webhookDispatcher: WebhookDispatcher;
}

/** Start, step two: the periodic sweeps and the outbound delivery (webhooks, call requests). */
export function startWork(s: Services): Work {
  const jobs = startBackgroundJobs(s);
  const webhookDispatcher = new WebhookDispatcher(
    s.webhooks,
    {
      pollMs: s.config.WEBHOOK_POLL_MS,
      concurrency: s.config.WEBHOOK_CONCURRENCY,
      timeoutMs: s.config.WEBHOOK_TIMEOUT_MS,
      retryScheduleMs: s.config.WEBHOOK_RETRY_SCHEDULE_MS,
      onAttempt: (outcome) => s.metrics.webhookAttempt(outcome),
      fetchImpl: s.egress.globalFetch,
      targets: { call: s.calls.deliveryTarget },
    },
    s.logger,
  );
  webhookDispatcher.start();
  return { jobs, webhookDispatcher };
}

export interface Running {
  services: Services;
  httpServer: HttpServer;
  sockets: SocketLayer;
  database: ResolvedDatabase;
  redis: Infrastructure['redis'];
  work: Work;
  state: ProcessState;
}

/**
 * Drain and stop: no new connections, widgets handed off as their replies end, replies in
 * progress given up to SHUTDOWN_DRAIN_MS to finish; then the rest is cut off (the customers
 * told) and everything closes. A second call cuts the drain short.
 */
export function stopper({ services: s, httpServer, sockets, database, redis, work, state }: Running): () => Promise<void> {
  const { config, logger, runtime } = s;
  // Cuts the drain short when stop() is called again (a second signal).
  const cutDrain = new AbortController();
  return async () => {
    if (state.stopping) return void cutDrain.abort();
    state.stopping = true;
    // Still serving, but not ready: time for the load balancer to stop sending work here.
    if (config.SHUTDOWN_DELAY_MS > 0) {
      logger.info({ delayMs: config.SHUTDOWN_DELAY_MS }, 'not ready any more; still serving until the load balancer has noticed');
      await delay(config.SHUTDOWN_DELAY_MS, undefined, { signal: cutDrain.signal }).catch(() => undefined);
    }
    work.jobs.stop();
    const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    await drain(runtime, sockets, config.SHUTDOWN_DRAIN_MS, cutDrain.signal, logger);
    await runtime.stop();
    await s.approvals.idle();
    await s.egress.close();
    await work.webhookDispatcher.stop();
    await s.webhooks.drain();
    await sockets.close();
    await redis?.client.quit().catch(() => undefined);
    httpServer.closeAllConnections();
    await closed;
    await mongoose.disconnect();
    await database.stop();
  };
}

/** Lets the replies in progress here finish (at most `ms`), handing each widget off once its session's are done. */
async function drain(runtime: AgentRuntime, sockets: SocketLayer, ms: number, cut: AbortSignal, logger: Logger): Promise<void> {
  const stopHandOff = sockets.handOffWidgets((sessionId) => runtime.busy(sessionId));
  logger.info({ replies: runtime.activeReplies, drainMs: ms }, 'draining: letting replies in progress finish');
  const drained = await runtime.drain(ms, cut);
  stopHandOff();
  if (!drained) logger.warn({ replies: runtime.activeReplies }, 'drain over: cutting off the replies still in progress');
}

/** Listens on PORT/HOST; the URL is PUBLIC_URL when set, else the address actually bound. */
export function listen(server: HttpServer, config: Config): Promise<{ port: number; url: string }> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : config.PORT;
      const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
      resolve({ port, url: config.PUBLIC_URL ?? `http://${host}:${port}` });
    });
  });
}
