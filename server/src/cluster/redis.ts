import { createAdapter } from '@socket.io/redis-streams-adapter';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { createClient } from 'redis';
import type { Server } from 'socket.io';
import type { BusMessage } from '../domain/events/bus-messages';
import type { ClusterRelay } from '../domain/events/event-bus';
import type { LimiterFactory } from '../domain/limits/rate-limits';
import type { Logger } from '../logger';

const makeClient = (url: string) => createClient({ url, socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 3_000) } });
export type RedisClient = ReturnType<typeof makeClient>;

/** Connects to Redis; reconnects by itself (with backoff) if Redis restarts. */
export async function connectRedis(url: string, logger: Logger): Promise<RedisClient> {
  const client = makeClient(url);
  let down = false;
  client.on('error', (err: unknown) => {
    if (!down) logger.warn({ err }, 'redis unavailable; reconnecting');
    down = true;
  });
  client.on('ready', () => {
    if (down) logger.info('redis is back');
    down = false;
  });
  await client.connect();
  return client;
}

/** The official Socket.IO Redis streams adapter: rooms and connection-state recovery across processes. */
export function redisAdapter(client: RedisClient) {
  return createAdapter(client, { streamName: 'switchboard:socket.io', maxLen: 100_000 });
}

/** Rate limits shared by every process. */
export function redisLimiterFactory(client: RedisClient): LimiterFactory {
  return (opts) => new RateLimiterRedis({ storeClient: client, useRedisPackage: true, ...opts });
}

/**
 * Carries bus messages (domain events, deltas, aborts, revocations) to the other processes
 * through the adapter's server-side emit, so every process can serve every socket.
 */
export function socketIoRelay(io: Server, confirmTimeoutMs = 2_000): ClusterRelay {
  return {
    send: (message: BusMessage) => void io.serverSideEmit('bus', message),
    sendConfirmed: (message: BusMessage) =>
      new Promise<void>((resolve) => {
        // The adapter answers once every live process has acked (or after its own timeout).
        const timer = setTimeout(resolve, confirmTimeoutMs);
        io.serverSideEmit('bus:confirm', message, () => {
          clearTimeout(timer);
          resolve();
        });
      }),
    onReceive: (listener) => {
      io.on('bus', (message: BusMessage) => listener(message));
      io.on('bus:confirm', (message: BusMessage, ack?: (ok: boolean) => void) => {
        listener(message);
        ack?.(true);
      });
    },
  };
}
