import express, { type Router } from 'express';
import * as op from '../../../../../shared/src/contract/calls';
import type { Services } from '../../../services';
import { contractRouter, type ContractRouter } from '../contract-router';

/** What these handlers use of the services. */
export type CallsDeps = Pick<Services, 'calls'>;

/** POST /v1/chat/sessions/:id/calls — a developer escalates a session to a phone call. */
export function sessionCallsRoutes(api: ContractRouter, s: CallsDeps): void {
  api.route(op.requestCall, async ({ params: { id }, body: { phone } }) => ({ call: await s.calls.request(id, phone) }));
}

/**
 * POST /v1/calls/:callId/events — the voice platform's signed reports (a timestamped signature:
 * stale and replayed ones are refused, see docs/webhooks.md). Mounted before the JSON parser:
 * the signature covers the raw bytes, which the router keeps in `rawBody` for `signed` operations.
 */
export function callEventsRoutes(s: CallsDeps): Router {
  const api = contractRouter('/v1/calls');
  api.route(op.reportCallEvent, async ({ params: { callId }, body, rawBody, req }) => ({ call: await s.calls.report(callId, rawBody, req.headers, body) }), [express.raw({ type: '*/*', limit: '256kb' })]);
  return api.build();
}
