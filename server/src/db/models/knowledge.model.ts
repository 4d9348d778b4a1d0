import { Schema, model, type InferSchemaType } from 'mongoose';

const knowledgeBaseSchema = new Schema(
  {
    name: { type: String, required: true },
    description: { type: String, default: '' },
    seedKey: { type: String },
    /** Bumped on every document change, so each process knows when to rebuild its search index. */
    version: { type: Number, default: 0 },
  },
  { timestamps: true },
);
knowledgeBaseSchema.index({ seedKey: 1 }, { unique: true, sparse: true });

const documentSchema = new Schema(
  {
    knowledgeBaseId: { type: Schema.Types.ObjectId, required: true },
    title: { type: String, required: true },
    content: { type: String, required: true },
    format: { type: String, enum: ['text', 'markdown', 'html'], default: 'text' },
  },
  { timestamps: true },
);
documentSchema.index({ knowledgeBaseId: 1 });

const chunkSchema = new Schema({
  knowledgeBaseId: { type: Schema.Types.ObjectId, required: true },
  documentId: { type: Schema.Types.ObjectId, required: true },
  title: { type: String, required: true },
  text: { type: String, required: true },
  ord: { type: Number, required: true },
});
chunkSchema.index({ knowledgeBaseId: 1 });
chunkSchema.index({ documentId: 1 });

export type KnowledgeBase = InferSchemaType<typeof knowledgeBaseSchema>;
export type KbDocument = InferSchemaType<typeof documentSchema>;
export type KbChunk = InferSchemaType<typeof chunkSchema>;
export const KnowledgeBaseModel = model('KnowledgeBase', knowledgeBaseSchema);
export const KbDocumentModel = model('KbDocument', documentSchema);
export const KbChunkModel = model('KbChunk', chunkSchema);
