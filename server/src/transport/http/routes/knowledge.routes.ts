import * as op from '../../../../../shared/src/contract/knowledge';
import type { KnowledgeService } from '../../../domain/knowledge/knowledge.service';
import { KnowledgeDocumentsService } from '../../../domain/knowledge/knowledge-documents.service';
import type { ContractRouter } from '../contract-router';

/** /v1/knowledge-bases and their documents. */
export function knowledgeRoutes(api: ContractRouter, knowledge: KnowledgeService): void {
  const documents = new KnowledgeDocumentsService(knowledge);
  api.route(op.createKnowledgeBase, async ({ body: { name, description } }) => ({ knowledgeBase: await knowledge.create(name, description) }));
  api.route(op.listKnowledgeBases, async () => ({ knowledgeBases: await knowledge.list() }));
  api.route(op.addDocument, async ({ params: { id }, body }) => ({ document: await knowledge.addDocument(id, body) }));
  api.route(op.listDocuments, async ({ params: { id } }) => ({ documents: await documents.list(id) }));
  api.route(op.updateDocument, async ({ params: { id, docId }, body }) => ({ document: await documents.update(id, docId, body) }));
  api.route(op.deleteDocument, async ({ params: { id, docId } }) => {
    await documents.remove(id, docId);
  });
  api.route(op.searchKnowledge, async ({ params: { id }, query: { q } }) => ({ passages: await documents.search(id, q) }));
}
