import { Schema, model, type InferSchemaType } from 'mongoose';

/** How far one operator has read one session (the console's unread counts). */
const sessionReadSchema = new Schema(
  {
    operatorId: { type: Schema.Types.ObjectId, required: true },
    sessionId: { type: Schema.Types.ObjectId, required: true },
    lastReadSeq: { type: Number, default: 0 },
  },
  { timestamps: true },
);
sessionReadSchema.index({ operatorId: 1, sessionId: 1 }, { unique: true });

export type SessionRead = InferSchemaType<typeof sessionReadSchema>;
export const SessionReadModel = model('SessionRead', sessionReadSchema);
