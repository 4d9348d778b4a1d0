import { Schema, model, type InferSchemaType } from 'mongoose';

/** A prompt change suggested from a handoff, waiting for (or decided by) the agent's admin (domain/insights/). */
const promptSuggestionSchema = new Schema(
  {
    agentId: { type: Schema.Types.ObjectId, required: true },
    sessionId: { type: Schema.Types.ObjectId, default: null },
    text: { type: String, required: true },
    status: { type: String, enum: ['pending', 'accepted', 'dismissed'], default: 'pending' },
    createdBy: { type: String, required: true },
    decidedBy: { type: String, default: null },
    decidedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
promptSuggestionSchema.index({ agentId: 1, createdAt: -1 });
promptSuggestionSchema.index({ status: 1, decidedAt: 1 });

export type PromptSuggestion = InferSchemaType<typeof promptSuggestionSchema>;
export const PromptSuggestionModel = model('PromptSuggestion', promptSuggestionSchema);
