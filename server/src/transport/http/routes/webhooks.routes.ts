import * as op from '../../../../../shared/src/contract/webhooks';
import type { WebhookService } from '../../../domain/webhooks/webhook.service';
import type { ContractRouter } from '../contract-router';

/** /v1/webhooks: signed event deliveries (admins and API keys). The secret is shown once. */
export function webhooksRoutes(api: ContractRouter, webhooks: WebhookService): void {
  api.route(op.createWebhook, async ({ body }) => webhooks.create(body));
  api.route(op.listWebhooks, async () => ({ webhooks: await webhooks.list() }));
  api.route(op.deleteWebhook, async ({ params: { id } }) => {
    await webhooks.remove(id);
  });
  api.route(op.webhookDeliveries, async ({ params: { id }, query }) => ({ deliveries: await webhooks.deliveries(id, query) }));
  api.route(op.retryWebhookDelivery, async ({ params: { id, deliveryId } }) => ({ delivery: await webhooks.retryDelivery(id, deliveryId) }));
}
