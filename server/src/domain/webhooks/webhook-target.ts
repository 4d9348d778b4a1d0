import type { DeliveryTarget } from './outbound-queue';
import { WEBHOOK_HEADERS } from './webhook-signature';
import type { WebhookService } from './webhook.service';

/** Event deliveries go to the webhook's URL, signed with its secret (read at send time). */
export function webhookTarget(webhooks: WebhookService): DeliveryTarget {
  return {
    async resolve(d) {
      if (!d.webhookId) return null;
      const webhookId = d.webhookId.toHexString();
      const target = await webhooks.target(webhookId).catch((err: unknown) => {
        throw new Error(`cannot read the signing secret: ${err instanceof Error ? err.message : String(err)}`);
      });
      // Deleted meanwhile: its deliveries are being deleted too.
      if (!target) return null;
      return {
        url: target.url,
        secret: target.secret,
        scheme: WEBHOOK_HEADERS,
        headers: { [WEBHOOK_HEADERS.webhookId]: webhookId, [WEBHOOK_HEADERS.eventId]: d.eventId, [WEBHOOK_HEADERS.eventType]: d.type },
      };
    },
  };
}
