import { Schema, model, type InferSchemaType } from 'mongoose';

const cannedReplySchema = new Schema(
  {
    agentId: { type: Schema.Types.ObjectId, required: true },
    /** `/refund`: unique per agent. */
    shortcut: { type: String, required: true },
    /** May hold `{{metadata.field}}` placeholders, filled when inserted. */
    text: { type: String, required: true },
  },
  { timestamps: true },
);
cannedReplySchema.index({ agentId: 1, shortcut: 1 }, { unique: true });

export type CannedReply = InferSchemaType<typeof cannedReplySchema>;
export const CannedReplyModel = model('CannedReply', cannedReplySchema);
