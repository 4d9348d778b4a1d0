import { createServer, type Server as HttpServer } from 'node:http';
import type { Services } from '../services';
import { redisAdapter, socketIoRelay, type RedisClient } from '../cluster/redis';
import { createHttpApp } from '../transport/http/http-app';
import type { EventLog } from '../domain/events/event-log';
import { createSocketLayer, type SocketLayer } from '../transport/socket/socket-server';

export interface Transports {
  httpServer: HttpServer;
  sockets: SocketLayer;
}

/**
 * Transport composition: the HTTP app and Socket.IO on one HTTP server (not listening yet), their
 * gauges, and — with Redis — the bus relayed to every other process.
 */
export function buildTransports(s: Services, distDir: string, eventLog: EventLog, redis: RedisClient | null): Transports {
  const httpServer = createServer(createHttpApp(s, distDir));
  const sockets = createSocketLayer(httpServer, s, eventLog, redis ? redisAdapter(redis) : undefined);
  s.metrics.gaugeBy('socket_connections', 'Sockets connected to this process, per namespace', 'namespace', () => ({
    widget: sockets.io.of('/widget').sockets.size,
    operator: sockets.io.of('/operator').sockets.size,
    events: sockets.io.of('/events').sockets.size,
  }));
  s.metrics.gauge('ai_replies_in_progress', 'AI replies streaming in this process', () => s.runtime.activeReplies);
  if (redis) s.bus.attachRelay(socketIoRelay(sockets.io));
  if (redis) s.logger.info({ redis: true, processId: s.processId }, 'sharing sockets with other processes through Redis');
  else s.logger.debug({ redis: false, processId: s.processId }, 'single process (no REDIS_URL)');
  return { httpServer, sockets };
}
