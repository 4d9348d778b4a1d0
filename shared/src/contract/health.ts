/** Liveness, readiness, metrics and this document. */
import { z } from 'zod';
import { obj, ok } from './common';
import { defineArea, defineOperation } from './operation';

export const healthz = defineOperation({ method: 'get', path: '/healthz', tag: 'health', summary: 'Liveness: 200 while the process lives', access: 'public', responses: ok('alive', obj({ ok: z.boolean() })) });
export const readyz = defineOperation({ method: 'get', path: '/readyz', tag: 'health', summary: 'Readiness: 200 once the database answers and the process is not stopping, else 503', access: 'public', responses: ok('ready', obj({ ok: z.boolean() })), errors: [503] });
export const metrics = defineOperation({ method: 'get', path: '/metrics', tag: 'health', summary: 'Prometheus metrics of this process (text format); off until METRICS_TOKEN is set, then only with `Authorization: Bearer <METRICS_TOKEN>`', access: 'public', responses: ok('the metrics'), errors: [401, 404] });
export const openApiDocument = defineOperation({ method: 'get', path: '/v1/openapi.json', tag: 'health', summary: 'This OpenAPI 3.1 document', access: 'public', responses: ok('the document', z.record(z.string(), z.unknown())) });

export const healthOperations = defineArea({ healthz, readyz, metrics, openApiDocument });
