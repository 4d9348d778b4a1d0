import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';

const apiKeySchema = new Schema(
  {
    name: { type: String, required: true },
    /** First characters of the key, shown so people can recognise it. */
    prefix: { type: String, required: true },
    /** sha256 of the whole key: keys are long random strings, so a fast hash is enough. */
    hash: { type: String, required: true },
    isMaster: { type: Boolean, default: false },
    /** What the key may do; absent on keys made before scopes existed: they keep full rights. */
    scopes: { type: [String], default: undefined },
    lastUsedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
apiKeySchema.index({ hash: 1 }, { unique: true });

export type ApiKey = InferSchemaType<typeof apiKeySchema>;
export type ApiKeyDoc = HydratedDocument<ApiKey>;
export const ApiKeyModel = model('ApiKey', apiKeySchema);
