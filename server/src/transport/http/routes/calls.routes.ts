import express, { Router } from 'express';
import { callAcceptSchema, callEventSchema, objectId } from '../../../../../shared/src/schemas';
import type { Services } from '../../../services';
import { requireStaff } from '../auth';
import { parse } from '../validate';

/** POST /v1/chat/sessions/:id/calls — a developer escalates a session to a phone call. */
export function sessionCallsRoutes(s: Services): Router {
  const r = Router();
  r.post('/:id/calls', async (req, res) => {
    requireStaff(res);
    const { phone } = parse(callAcceptSchema, req.body);
    res.status(201).json({ call: await s.calls.request(parse(objectId, req.params.id, 'id'), phone) });
  });
  return r;
}

/**
 * POST /v1/calls/:callId/events — the voice platform's signed reports (a timestamped signature:
 * stale and replayed ones are refused, see docs/webhooks.md). Mounted before the JSON parser:
 * the signature covers the raw bytes.
 */
export function callEventsRoutes(s: Services): Router {
  const r = Router();
  r.post('/:callId/events', express.raw({ type: '*/*', limit: '256kb' }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      body = undefined;
    }
    const update = parse(callEventSchema, body);
    const call = await s.calls.report(String(req.params.callId), raw, req.headers, update);
    res.json({ call });
  });
  return r;
}
