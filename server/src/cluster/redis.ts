import { createAdapter } from '@socket.io/redis-streams-adapter';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { createClient } from 'redis';
import type { Server } from 'socket.io';
import type { BusMessage } from '../domain/events/bus-messages';
import type { ClusterRelay } from '../domain/events/event-bus';
import type { LimiterFactory } from '../domain/limits/rate-limits';
import type { Logger } from '../logger';

const makeClient = (url: string) => createClient({ url, socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 3_000) } });
export type RedisClient = ReturnType<typeof makeClient>;

/** What /readyz reports of Redis: `connected`, or `reconnecting` while it is away (the process serves alone meanwhile). */
export type RedisState = 'connected' | 'reconnecting';

/** Connects to Redis; reconnects by itself (with backoff) if Redis restarts. */
export async function connectRedis(url: string, logger: Logger): Promise<{ client: RedisClient; state: () => RedisState }> {
  const client = makeClient(url);
  let down = false;
  client.on('error', (err: unknown) => {
    if (!down) logger.warn({ err }, 'redis unavailable; reconnecting (serving this process alone meanwhile)');
    down = true;
  });
  client.on('ready', () => {
    if (down) logger.info('redis is back');
    down = false;
  });
  await client.connect();
  return { client, state: () => (client.isReady ? 'connected' : 'reconnecting') };
}

/** The official Socket.IO Redis streams adapter: rooms and connection-state recovery across processes. */
export function redisAdapter(client: RedisClient) {
  return createAdapter(client, { streamName: 'switchboard:socket.io', maxLen: 100_000 });
}

/**
 * Rate limits shared by every process. While Redis is away each process counts in its own
 * memory instead (the insurance limiter), at once rather than after a command timeout: a
 * customer's send is never refused or delayed because Redis blinked.
 */
export function redisLimiterFactory(client: RedisClient): LimiterFactory {
  return (opts) =>
    new RateLimiterRedis({ storeClient: client, useRedisPackage: true, rejectIfRedisNotReady: true, insuranceLimiter: new RateLimiterMemory(opts), ...opts });
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
