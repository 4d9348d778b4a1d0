/** /v1/webhooks: signed event deliveries (admins and API keys). The secret is shown once. */
import { z } from 'zod';
import * as s from '../schemas';
import * as d from './dtos';
import { created, idParams, noContent, obj, ok } from './common';
import { defineArea, defineOperation } from './operation';

const deliveryParams = z.object({ id: s.objectId, deliveryId: s.objectId });

export const createWebhook = defineOperation({ method: 'post', path: '/v1/webhooks', tag: 'webhooks', summary: 'Register a webhook (the signing secret is shown once)', access: 'admin', body: s.webhookCreateSchema, responses: created('the webhook and its signing secret', obj({ webhook: d.webhookDto, secret: z.string().describe('whsec_… — the HMAC key of both signatures (its UTF-8 bytes)'), standardWebhooksSecret: z.string().describe('the same key as Standard Webhooks libraries take it: whsec_ + base64 of the secret’s UTF-8 bytes') })) });
export const listWebhooks = defineOperation({ method: 'get', path: '/v1/webhooks', tag: 'webhooks', summary: 'List webhooks', access: 'admin', responses: ok('webhooks', obj({ webhooks: z.array(d.webhookDto) })) });
export const deleteWebhook = defineOperation({ method: 'delete', path: '/v1/webhooks/{id}', tag: 'webhooks', summary: 'Delete a webhook and its pending deliveries', access: 'admin', params: idParams, responses: noContent });
export const webhookDeliveries = defineOperation({ method: 'get', path: '/v1/webhooks/{id}/deliveries', tag: 'webhooks', summary: 'Delivery log, newest first, with every attempt', access: 'admin', query: s.webhookDeliveriesQuerySchema, params: idParams, responses: ok('deliveries', obj({ deliveries: z.array(d.webhookDeliveryDto) })) });
export const retryWebhookDelivery = defineOperation({ method: 'post', path: '/v1/webhooks/{id}/deliveries/{deliveryId}/retry', tag: 'webhooks', summary: 'Send a failed delivery once more, now (409 `conflict` unless it has failed: two clicks queue it once)', access: 'admin', params: deliveryParams, responses: ok('the delivery, pending again', obj({ delivery: d.webhookDeliveryDto })), errors: [409] });

export const webhooksOperations = defineArea({ createWebhook, listWebhooks, deleteWebhook, webhookDeliveries, retryWebhookDelivery });
