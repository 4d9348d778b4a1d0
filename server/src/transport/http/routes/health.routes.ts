import { Router } from 'express';
import type { Services } from '../../../services';

/** Liveness (the process runs) and readiness (the database answers and the process is not stopping). */
export function healthRoutes(s: Services): Router {
  const r = Router();
  r.get('/healthz', (_req, res) => void res.json({ ok: true }));
  r.get('/readyz', (_req, res) => {
    if (s.isStopping()) return void res.status(503).json({ ok: false, error: { code: 'shutting_down', message: 'this process is stopping' } });
    if (s.isReady()) return void res.json({ ok: true });
    res.status(503).json({ ok: false, error: { code: 'store_unavailable', message: 'the database is not answering' } });
  });
  return r;
}
