import type { Router } from 'express';
import * as op from '../../../../../shared/src/contract/health';
import { AppError } from '../../../domain/app-error';
import { sameSecret } from '../../../domain/secrets/same-secret';
import type { Metrics } from '../../../observability/metrics';
import { contractRouter } from '../contract-router';

/** GET /metrics for Prometheus: off until METRICS_TOKEN is set, then only with it as the bearer token. */
export function metricsRoutes(metrics: Metrics, token: string | undefined): Router {
  const api = contractRouter();
  // Raw: the Prometheus text format; its own bearer token, not an API credential.
  api.raw(op.metrics, async ({ req, res }) => {
    if (!token) throw new AppError('not_found', 'metrics are off: set METRICS_TOKEN to turn them on');
    const given = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1] ?? '';
    if (!sameSecret(given, token)) throw new AppError('unauthorized', 'GET /metrics needs the METRICS_TOKEN as its bearer token');
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return api.build();
}
