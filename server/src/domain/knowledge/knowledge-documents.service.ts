import { Types } from 'mongoose';
import { KbChunkModel, KbDocumentModel, KnowledgeBaseModel } from '../../db/models/knowledge.model';
import { notFound } from '../app-error';
import type { LlmPassage } from '../runtime/llm-provider';
import { chunkText, type DocumentFormat } from './chunker';
import type { KnowledgeService } from './knowledge.service';

export interface KnowledgeDocumentDetail {
  id: string;
  title: string;
  content: string;
  format: DocumentFormat;
  chunks: number;
  updatedAt: string;
}

/** How many passages "what would the AI find" shows: as many as a reply is given. */
const SEARCH_LIMIT = 4;

/**
 * A knowledge base's documents as site owners manage them in the console (issue 22.6): list,
 * edit (re-chunked), delete, and the passages the AI would be given for a question — through
 * the same search the runtime uses (KnowledgeService.retrieve). Each change bumps the base's
 * version, so the search index is rebuilt on its next use.
 */
export class KnowledgeDocumentsService {
  constructor(private readonly knowledge: KnowledgeService) {}

  async list(kbId: string): Promise<KnowledgeDocumentDetail[]> {
    const kb = await this.base(kbId);
    const docs = await KbDocumentModel.find({ knowledgeBaseId: kb }).sort({ createdAt: 1 }).lean();
    const counts = await Promise.all(docs.map((d) => KbChunkModel.countDocuments({ documentId: d._id })));
    return docs.map((d, i) => ({ id: d._id.toHexString(), title: d.title, content: d.content, format: d.format as DocumentFormat, chunks: counts[i] ?? 0, updatedAt: (d.updatedAt ?? d.createdAt).toISOString() }));
  }

  async update(kbId: string, docId: string, input: { title: string; content: string; format?: DocumentFormat }): Promise<KnowledgeDocumentDetail> {
    const kb = await this.base(kbId);
    const format = input.format ?? 'text';
    const doc = Types.ObjectId.isValid(docId) ? await KbDocumentModel.findOneAndUpdate({ _id: docId, knowledgeBaseId: kb }, { $set: { title: input.title, content: input.content, format } }, { returnDocument: 'after' }).lean() : null;
    if (!doc) throw notFound('document');
    await KbChunkModel.deleteMany({ documentId: doc._id });
    const chunks = chunkText(input.content, format).map((text, ord) => ({ knowledgeBaseId: kb, documentId: doc._id, title: input.title, text, ord }));
    await KbChunkModel.insertMany(chunks);
    await KnowledgeBaseModel.updateOne({ _id: kb }, { $inc: { version: 1 } });
    return { id: doc._id.toHexString(), title: doc.title, content: doc.content, format, chunks: chunks.length, updatedAt: (doc.updatedAt ?? new Date()).toISOString() };
  }

  async remove(kbId: string, docId: string): Promise<void> {
    const kb = await this.base(kbId);
    const gone = Types.ObjectId.isValid(docId) ? await KbDocumentModel.findOneAndDelete({ _id: docId, knowledgeBaseId: kb }) : null;
    if (!gone) throw notFound('document');
    await KbChunkModel.deleteMany({ documentId: gone._id });
    await KnowledgeBaseModel.updateOne({ _id: kb }, { $inc: { version: 1 } });
  }

  /** The passages a reply to `question` would be given from this base. */
  async search(kbId: string, question: string): Promise<LlmPassage[]> {
    await this.base(kbId);
    return this.knowledge.retrieve([kbId], question, SEARCH_LIMIT);
  }

  private async base(kbId: string): Promise<Types.ObjectId> {
    const kb = Types.ObjectId.isValid(kbId) ? await KnowledgeBaseModel.findById(kbId, { _id: 1 }).lean() : null;
    if (!kb) throw notFound('knowledge base');
    return kb._id;
  }
}
