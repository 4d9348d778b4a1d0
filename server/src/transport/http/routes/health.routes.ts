import type { Router } from 'express';
import * as op from '../../../../../shared/src/contract/health';
import type { Services } from '../../../services';
import { contractRouter } from '../contract-router';

/** What these handlers use of the services. */
export type HealthDeps = Pick<Services, 'isReady' | 'isSetUp' | 'isStopping' | 'redisState'>;

/**
 * Liveness (the process runs) and readiness (the database answers and the process is not
 * stopping). Readiness also says how Redis is (`redis`: connected | reconnecting) but stays
 * 200 while it is away: every process shares the one Redis, so failing readiness would take
 * them all out of the load balancer at once, while each can still serve its own sockets.
 */
export function healthRoutes(s: HealthDeps): Router {
  const api = contractRouter();
  api.route(op.healthz, () => ({ ok: true }));
  // Raw: not ready is a 503 that still says why.
  api.raw(op.readyz, ({ res }) => {
    if (s.isStopping()) return void res.status(503).json({ ok: false, error: { code: 'shutting_down', message: 'this process is stopping' } });
    if (!s.isSetUp()) return void res.status(503).json({ ok: false, error: { code: 'starting', message: 'first-run setup is not done yet' } });
    const redis = s.redisState();
    const extra = redis ? { redis } : {};
    if (s.isReady()) return void res.json({ ok: true, ...extra, ...(redis === 'reconnecting' ? { degraded: ['redis'] } : {}) });
    res.status(503).json({ ok: false, ...extra, error: { code: 'store_unavailable', message: 'the database is not answering' } });
  });
  return api.build();
}
