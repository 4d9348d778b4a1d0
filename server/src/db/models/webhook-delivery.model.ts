import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';

/** Finished deliveries are kept this long for the deliveries log, then expire. */
export const DELIVERY_RETENTION_MS = 30 * 86_400_000;

const attemptSchema = new Schema(
  {
    at: { type: Date, required: true },
    status: { type: Number, default: null },
    error: { type: String, default: null },
    durationMs: { type: Number, required: true },
  },
  { _id: false },
);

/**
 * One signed outbound delivery: an event on its way to one webhook (`kind: 'webhook'`) or a
 * call-escalation request on its way to an agent's voice platform (`kind: 'call'`). The one
 * durable queue for what Switchboard signs and sends, in MongoDB. A worker claims a due
 * delivery by moving `lockedUntil` forward in one conditional update (so several processes
 * never send the same attempt twice), then records the attempt and schedules the next one.
 */
const webhookDeliverySchema = new Schema(
  {
    /** Old documents have no kind: they are webhook deliveries. */
    kind: { type: String, enum: ['webhook', 'call'], default: 'webhook' },
    /** The webhook (kind `webhook`); null for a call request. */
    webhookId: { type: Schema.Types.ObjectId, default: null },
    /** The call (kind `call`): its agent's voice platform is the target. */
    callId: { type: Schema.Types.ObjectId, default: null },
    eventId: { type: String, required: true },
    type: { type: String, required: true },
    sessionId: { type: String, required: true },
    /**
     * The exact JSON sent (the signature covers these bytes), the same on every retry. A call
     * request's is written by its first attempt (it holds the chat summary, which takes a model call).
     */
    body: { type: String, default: null },
    status: { type: String, enum: ['pending', 'succeeded', 'failed'], default: 'pending' },
    attempts: { type: [attemptSchema], default: [] },
    nextAttemptAt: { type: Date, required: true },
    lockedUntil: { type: Date, default: () => new Date(0) },
    /** Who holds the claim: only the holder may record the attempt's outcome. */
    lockId: { type: String, default: null },
    completedAt: { type: Date, default: null },
    expiresAt: { type: Date, default: null },
  },
  { timestamps: true },
);
webhookDeliverySchema.index({ webhookId: 1, eventId: 1 }, { unique: true });
webhookDeliverySchema.index({ status: 1, nextAttemptAt: 1 });
webhookDeliverySchema.index({ webhookId: 1, createdAt: -1 });
webhookDeliverySchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type WebhookDelivery = InferSchemaType<typeof webhookDeliverySchema>;
export type WebhookDeliveryDoc = HydratedDocument<WebhookDelivery>;
export const WebhookDeliveryModel = model('WebhookDelivery', webhookDeliverySchema);
