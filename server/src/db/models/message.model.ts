import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';

const messageSchema = new Schema(
  {
    sessionId: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    role: { type: String, required: true, enum: ['customer', 'agent', 'operator', 'whisper', 'context', 'system'] },
    content: { type: String, default: '' },
    status: { type: String, enum: ['streaming', 'complete', 'interrupted', 'failed'] },
    clientMessageId: { type: String },
    /** `${sessionId}:${clientMessageId}`, set only when a clientMessageId was sent: the idempotency key. */
    dedupeKey: { type: String },
    author: { id: { type: String }, name: { type: String } },
    source: { type: String },
    /** A file this message carries (bytes live in the attachment store). */
    attachment: { type: new Schema({ id: String, name: String, type: { type: String }, size: Number }, { _id: false }), default: undefined },
    completedAt: { type: Date },
    /** Why an agent reply ended interrupted or failed (see ReplyEndReason). */
    endReason: { type: String },
    /** The process generating a streaming reply, so a dead process's replies can be settled. */
    owner: { type: String },
  },
  { timestamps: true, minimize: false },
);
messageSchema.index({ sessionId: 1, seq: 1 }, { unique: true });
messageSchema.index({ dedupeKey: 1 }, { unique: true, sparse: true });
messageSchema.index({ status: 1, updatedAt: 1 });
// Conversation search (`q` on the session log). Chats come in many languages: no stemming.
messageSchema.index({ content: 'text' }, { default_language: 'none', name: 'content_text' });

export type Message = InferSchemaType<typeof messageSchema>;
export type MessageDoc = HydratedDocument<Message>;
export const MessageModel = model('Message', messageSchema);
