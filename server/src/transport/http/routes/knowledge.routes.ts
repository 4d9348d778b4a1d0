import { Router } from 'express';
import { documentCreateSchema, documentUpdateSchema, knowledgeBaseCreateSchema, knowledgeSearchQuerySchema } from '../../../../../shared/src/schemas';
import type { KnowledgeService } from '../../../domain/knowledge/knowledge.service';
import { KnowledgeDocumentsService } from '../../../domain/knowledge/knowledge-documents.service';
import { requireAdmin, requireStaff } from '../auth';
import { parse } from '../validate';

/** /v1/knowledge-bases and their documents. */
export function knowledgeRoutes(knowledge: KnowledgeService): Router {
  const r = Router();
  const documents = new KnowledgeDocumentsService(knowledge);
  r.post('/', async (req, res) => {
    requireAdmin(res);
    const { name, description } = parse(knowledgeBaseCreateSchema, req.body);
    res.status(201).json({ knowledgeBase: await knowledge.create(name, description) });
  });
  r.get('/', async (_req, res) => {
    requireStaff(res);
    res.json({ knowledgeBases: await knowledge.list() });
  });
  r.post('/:id/documents', async (req, res) => {
    requireAdmin(res);
    res.status(201).json({ document: await knowledge.addDocument(String(req.params.id), parse(documentCreateSchema, req.body)) });
  });
  r.get('/:id/documents', async (req, res) => {
    requireStaff(res);
    res.json({ documents: await documents.list(String(req.params.id)) });
  });
  r.patch('/:id/documents/:docId', async (req, res) => {
    requireAdmin(res);
    res.json({ document: await documents.update(String(req.params.id), String(req.params.docId), parse(documentUpdateSchema, req.body)) });
  });
  r.delete('/:id/documents/:docId', async (req, res) => {
    requireAdmin(res);
    await documents.remove(String(req.params.id), String(req.params.docId));
    res.status(204).end();
  });
  r.get('/:id/search', async (req, res) => {
    requireStaff(res);
    const { q } = parse(knowledgeSearchQuerySchema, req.query, 'query');
    res.json({ passages: await documents.search(String(req.params.id), q) });
  });
  return r;
}
