import { Router } from 'express';
import { objectId, webhookCreateSchema, webhookDeliveriesQuerySchema } from '../../../../../shared/src/schemas';
import type { WebhookService } from '../../../domain/webhooks/webhook.service';
import { requireAdmin } from '../auth';
import { parse } from '../validate';

/** /v1/webhooks: signed event deliveries (admins and API keys). The secret is shown once. */
export function webhooksRoutes(webhooks: WebhookService): Router {
  const r = Router();
  r.use((_req, res, next) => {
    requireAdmin(res);
    next();
  });
  r.post('/', async (req, res) => {
    res.status(201).json(await webhooks.create(parse(webhookCreateSchema, req.body)));
  });
  r.get('/', async (_req, res) => {
    res.json({ webhooks: await webhooks.list() });
  });
  r.delete('/:id', async (req, res) => {
    await webhooks.remove(parse(objectId, req.params.id, 'id'));
    res.status(204).end();
  });
  r.get('/:id/deliveries', async (req, res) => {
    const query = parse(webhookDeliveriesQuerySchema, req.query, 'query');
    res.json({ deliveries: await webhooks.deliveries(parse(objectId, req.params.id, 'id'), query) });
  });
  r.post('/:id/deliveries/:deliveryId/retry', async (req, res) => {
    const delivery = await webhooks.retryDelivery(parse(objectId, req.params.id, 'id'), parse(objectId, req.params.deliveryId, 'deliveryId'));
    res.json({ delivery });
  });
  return r;
}
