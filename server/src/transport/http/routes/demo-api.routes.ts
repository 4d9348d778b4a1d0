import express, { Router, type Request } from 'express';
import { z } from 'zod';
import { AppError } from '../../../domain/app-error';
import { demoOrder, demoRefund } from '../../../domain/demo/demo-orders';
import { demoToolSecret } from '../../../domain/demo/demo-tool-secret';
import { verifyWebhookSignature } from '../../../domain/webhooks/webhook-signature';
import { parse } from '../validate';

const orderId = z.string().trim().regex(/^[A-Za-z0-9-]{1,32}$/, 'must be 1 to 32 letters, digits or dashes');
const statusSchema = z.object({ orderId });
const refundSchema = z.object({ orderId, reason: z.string().max(500).optional() });

/** The raw bytes as JSON, once their signature has been checked against the demo agent's tool secret. */
async function signedJson(req: Request): Promise<unknown> {
  const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  if (!verifyWebhookSignature(await demoToolSecret(), raw, req.headers)) {
    throw new AppError('unauthorized', 'The request is not signed with the demo tools’ secret (Switchboard-Signature over timestamp and body)');
  }
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new AppError('invalid_request', 'body: is not JSON', { field: 'body' });
  }
}

/**
 * The keyless demo's shop API (`/demo/api`), called by the demo agent's tools: it checks each
 * request's signature as a real integrator's endpoint would, then answers with made-up but
 * stable data. Mounted before the JSON parser: the signature covers the raw bytes.
 */
export function demoApiRoutes(): Router {
  const r = Router();
  r.use(express.raw({ type: '*/*', limit: '16kb' }));
  r.post('/orders/status', async (req, res) => {
    const body = parse(statusSchema, await signedJson(req));
    res.json(demoOrder(body.orderId));
  });
  r.post('/orders/refund', async (req, res) => {
    const body = parse(refundSchema, await signedJson(req));
    res.json(demoRefund(body.orderId, body.reason ?? null));
  });
  return r;
}
