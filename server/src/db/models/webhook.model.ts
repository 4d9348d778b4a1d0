import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';

const webhookSchema = new Schema(
  {
    url: { type: String, required: true },
    types: { type: [String], required: true },
    /**
     * The signing secret, AES-256-GCM encrypted (see domain/secrets/secret-box.ts). It cannot
     * be hashed like an API key: the server needs the secret itself to sign every delivery.
     */
    secretCiphertext: { type: String, required: true },
  },
  { timestamps: true },
);

export type Webhook = InferSchemaType<typeof webhookSchema>;
export type WebhookDoc = HydratedDocument<Webhook>;
export const WebhookModel = model('Webhook', webhookSchema);
