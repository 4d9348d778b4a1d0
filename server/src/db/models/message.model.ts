import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';

/** A tool call (role `tool`). `arguments` is JSON text: a model's keys may be anything, `$`-keys included. */
const toolCallSchema = new Schema(
  {
    toolCallId: { type: String, required: true },
    name: { type: String, required: true },
    arguments: { type: String, default: '{}' },
    status: { type: String, required: true },
    approval: { type: String, default: 'never' },
    result: { type: String, default: null },
    durationMs: { type: Number, default: null },
    decidedBy: { type: new Schema({ id: String, name: String }, { _id: false }), default: null },
    reason: { type: String, default: null },
    expiresAt: { type: Date, default: null },
    progressLabel: { type: String, default: null },
    source: { type: String, default: 'http' },
    /** While `running`: when it must have ended (its timeout plus a grace); past that, a dead process left it. */
    staleAt: { type: Date, default: null },
  },
  { _id: false, minimize: false },
);

const messageSchema = new Schema(
  {
    sessionId: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    role: { type: String, required: true, enum: ['customer', 'agent', 'operator', 'whisper', 'context', 'system', 'tool'] },
    content: { type: String, default: '' },
    status: { type: String, enum: ['streaming', 'complete', 'interrupted', 'failed'] },
    clientMessageId: { type: String },
    /** `${sessionId}:${clientMessageId}`, set only when a clientMessageId was sent: the idempotency key. */
    dedupeKey: { type: String },
    author: { id: { type: String }, name: { type: String } },
    source: { type: String },
    /** A file this message carries (bytes live in the attachment store). */
    attachment: { type: new Schema({ id: String, name: String, type: { type: String }, size: Number }, { _id: false }), default: undefined },
    toolCall: { type: toolCallSchema, default: undefined },
    completedAt: { type: Date },
    /** The process generating a streaming reply, so a dead process's replies can be settled. */
    owner: { type: String },
  },
  { timestamps: true, minimize: false },
);
messageSchema.index({ sessionId: 1, seq: 1 }, { unique: true });
messageSchema.index({ dedupeKey: 1 }, { unique: true, sparse: true });
messageSchema.index({ status: 1, updatedAt: 1 });
messageSchema.index({ 'toolCall.toolCallId': 1 }, { sparse: true });
// The approval-timeout and stale-tool sweeps.
messageSchema.index({ 'toolCall.status': 1, 'toolCall.expiresAt': 1 }, { sparse: true });
// Conversation search (`q` on the session log). Chats come in many languages: no stemming.
messageSchema.index({ content: 'text' }, { default_language: 'none', name: 'content_text' });

export type Message = InferSchemaType<typeof messageSchema>;
export type MessageDoc = HydratedDocument<Message>;
export const MessageModel = model('Message', messageSchema);
