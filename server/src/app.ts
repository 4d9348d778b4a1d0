import type { Server as HttpServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import type { Config } from './config';
import type { Logger } from './logger';
import type { ResolvedDatabase } from './db/connect';
import type { KnowledgeService } from './domain/knowledge/knowledge.service';
import type { Services } from './services';
import type { SocketLayer } from './transport/socket/socket-server';
import { EventLog } from './domain/events/event-log';
import { buildDomain, type ProcessState } from './composition/domain';
import { buildTransports } from './composition/transport';
import { startListeners } from './composition/listeners';
import { connectStores, listen, startWork, stopper } from './composition/lifecycle';

export interface App {
  services: Services;
  knowledge: KnowledgeService;
  httpServer: HttpServer;
  sockets: SocketLayer;
  database: ResolvedDatabase;
  listen(): Promise<{ port: number; url: string }>;
  /** First-run setup is done (see bootstrap): from now on /readyz may say ready. */
  markSetUp(): void;
  /**
   * Graceful shutdown: no new connections, widgets handed off as their
   * replies end, replies in progress given up to SHUTDOWN_DRAIN_MS to finish; then the rest
   * is cut off (the customers told) and everything closes. A second call cuts the drain short.
   */
  stop(): Promise<void>;
}

/**
 * The composition root: connects the stores, builds the domain (composition/domain.ts), the
 * transports (composition/transport.ts), registers the once-per-event listeners
 * (composition/listeners.ts) and starts the background work; stopping is composition/lifecycle.ts.
 * Nothing listens yet.
 */
export async function createApp(config: Config, logger: Logger, distDir = join(projectRoot(), 'dist')): Promise<App> {
  const { database, redis } = await connectStores(config, logger);
  const processId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const state: ProcessState = { setUp: false, stopping: false, publicUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}` };
  const services = await buildDomain(config, logger, { processId, redis }, state);
  const eventLog = new EventLog(config.EVENT_RETENTION_SECONDS, logger);
  const { httpServer, sockets } = buildTransports(services, distDir, eventLog, redis?.client ?? null);
  startListeners(services, eventLog);
  const work = startWork(services);
  return {
    services,
    knowledge: services.knowledge,
    httpServer,
    sockets,
    database,
    markSetUp: () => void (state.setUp = true),
    listen: async () => {
      const where = await listen(httpServer, config);
      state.publicUrl = where.url;
      return where;
    },
    stop: stopper({ services, httpServer, sockets, database, redis, work, state }),
  };
}

/** The folder holding package.json: the same from the sources (tsx) and from the bundle (dist/server). */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
