import type { DomainEventType, WebhookDeliveryDto, WebhookDeliveryStatus, WebhookDto } from '../../../../shared/src/contract/types';
import type { WebhookDoc } from '../../db/models/webhook.model';
import type { WebhookDelivery } from '../../db/models/webhook-delivery.model';
import type { Types } from 'mongoose';

export function toWebhookDto(w: WebhookDoc): WebhookDto {
  return { id: w._id.toHexString(), url: w.url, types: w.types as DomainEventType[], createdAt: w.get('createdAt').toISOString() };
}

type DeliveryRow = WebhookDelivery & { _id: Types.ObjectId; createdAt: Date };

export function toDeliveryDto(d: DeliveryRow): WebhookDeliveryDto {
  const status = d.status as WebhookDeliveryStatus;
  return {
    id: d._id.toHexString(),
    webhookId: d.webhookId?.toHexString() ?? '',
    eventId: d.eventId,
    type: d.type as DomainEventType,
    sessionId: d.sessionId,
    status,
    attempts: d.attempts.map((a) => ({ at: a.at.toISOString(), status: a.status ?? null, error: a.error ?? null, durationMs: a.durationMs })),
    nextAttemptAt: status === 'pending' ? d.nextAttemptAt.toISOString() : null,
    createdAt: d.createdAt.toISOString(),
    completedAt: d.completedAt ? d.completedAt.toISOString() : null,
  };
}
