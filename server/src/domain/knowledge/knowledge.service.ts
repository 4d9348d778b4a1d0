import MiniSearch from 'minisearch';
import { Types } from 'mongoose';
import { KbChunkModel, KbDocumentModel, KnowledgeBaseModel } from '../../db/models/knowledge.model';
import { notFound } from '../app-error';
import type { LlmPassage } from '../runtime/llm-provider';
import type { KnowledgeRetriever } from '../runtime/agent-runtime';
import { chunkText, type DocumentFormat } from './chunker';
import type { KnowledgeBaseDto, KnowledgeDocumentDto } from '../../../../shared/src/contract/types';

interface IndexedChunk {
  id: string;
  title: string;
  text: string;
  documentId: string;
}

/**
 * Prefix and typo matching only for words long enough to mean something: with them on every
 * term, "I" or "do" in a question matched nearly every passage ("is", "in", "does" …).
 */
const SEARCH_OPTIONS = {
  prefix: (term: string) => term.length >= 4,
  fuzzy: (term: string) => (term.length >= 5 ? 0.2 : false),
};

/** Knowledge bases: documents split into chunks in MongoDB, searched with BM25 (MiniSearch). */
export class KnowledgeService implements KnowledgeRetriever {
  private readonly indexes = new Map<string, { version: number; search: MiniSearch<IndexedChunk> }>();

  async create(name: string, description = ''): Promise<KnowledgeBaseDto> {
    const kb = await KnowledgeBaseModel.create({ name, description });
    return { id: kb._id.toHexString(), name, description, documentCount: 0, createdAt: kb.get('createdAt').toISOString() };
  }

  async list(): Promise<KnowledgeBaseDto[]> {
    const kbs = await KnowledgeBaseModel.find().sort({ createdAt: 1 }).lean();
    return Promise.all(
      kbs.map(async (kb) => ({
        id: kb._id.toHexString(),
        name: kb.name,
        description: kb.description ?? '',
        documentCount: await KbDocumentModel.countDocuments({ knowledgeBaseId: kb._id }),
        createdAt: kb.createdAt.toISOString(),
      })),
    );
  }

  async addDocument(kbId: string, doc: { title: string; content: string; format: DocumentFormat }): Promise<KnowledgeDocumentDto> {
    const kb = Types.ObjectId.isValid(kbId) ? await KnowledgeBaseModel.findById(kbId) : null;
    if (!kb) throw notFound('knowledge base');
    const stored = await KbDocumentModel.create({ knowledgeBaseId: kb._id, ...doc });
    const chunks = chunkText(doc.content, doc.format).map((text, ord) => ({ knowledgeBaseId: kb._id, documentId: stored._id, title: doc.title, text, ord }));
    await KbChunkModel.insertMany(chunks);
    await KnowledgeBaseModel.updateOne({ _id: kb._id }, { $inc: { version: 1 } });
    return { id: stored._id.toHexString(), title: doc.title, chunks: chunks.length };
  }

  async retrieve(knowledgeBaseIds: string[], query: string, limit: number): Promise<LlmPassage[]> {
    if (!query.trim()) return [];
    const hits: { score: number; passage: LlmPassage }[] = [];
    for (const kbId of knowledgeBaseIds) {
      const search = await this.indexFor(kbId);
      for (const r of search?.search(query, SEARCH_OPTIONS).slice(0, limit) ?? []) {
        hits.push({ score: r.score, passage: { title: String(r.title), text: String(r.text), documentId: String(r.documentId) } });
      }
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, limit).map((h) => h.passage);
  }

  /** The search index of one knowledge base, rebuilt when its version moved on. */
  private async indexFor(kbId: string): Promise<MiniSearch<IndexedChunk> | null> {
    const kb = Types.ObjectId.isValid(kbId) ? await KnowledgeBaseModel.findById(kbId, { version: 1 }).lean() : null;
    if (!kb) return null;
    const cached = this.indexes.get(kbId);
    if (cached && cached.version === kb.version) return cached.search;
    const chunks = await KbChunkModel.find({ knowledgeBaseId: kb._id }).lean();
    const search = new MiniSearch<IndexedChunk>({ fields: ['title', 'text'], storeFields: ['title', 'text', 'documentId'], searchOptions: { boost: { title: 2 } } });
    search.addAll(chunks.map((c) => ({ id: c._id.toHexString(), title: c.title, text: c.text, documentId: c.documentId.toHexString() })));
    this.indexes.set(kbId, { version: kb.version, search });
    return search;
  }
}
