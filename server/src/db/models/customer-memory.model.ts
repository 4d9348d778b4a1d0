import { Schema, model, type InferSchemaType } from 'mongoose';

const customerMemorySchema = new Schema(
  {
    agentId: { type: Schema.Types.ObjectId, required: true },
    customerId: { type: String, required: true },
    sessionId: { type: Schema.Types.ObjectId, required: true },
    summary: { type: String, required: true },
    /** The session's lastSeq when summarised: a session that resumes after dormancy is summarised again when it ends. */
    summarisedSeq: { type: Number, default: 0 },
  },
  { timestamps: true },
);
customerMemorySchema.index({ customerId: 1, agentId: 1, createdAt: -1 });
customerMemorySchema.index({ sessionId: 1 }, { unique: true });

export type CustomerMemory = InferSchemaType<typeof customerMemorySchema>;
export const CustomerMemoryModel = model('CustomerMemory', customerMemorySchema);
