import { Schema, model, type InferSchemaType } from 'mongoose';

const callSchema = new Schema(
  {
    sessionId: { type: Schema.Types.ObjectId, required: true },
    agentId: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, enum: ['offered', 'requested', 'ringing', 'in_progress', 'completed', 'failed'], default: 'offered' },
    phone: { type: String, default: null },
    reason: { type: String, default: null },
    summary: { type: String, default: null },
    deliveryAttempts: { type: Number, default: 0 },
    lastDeliveryError: { type: String, default: null },
  },
  { timestamps: true },
);
callSchema.index({ sessionId: 1, createdAt: -1 });

export type Call = InferSchemaType<typeof callSchema>;
export const CallModel = model('Call', callSchema);
