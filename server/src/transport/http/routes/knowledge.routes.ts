import { Router } from 'express';
import { documentCreateSchema, knowledgeBaseCreateSchema } from '../../../../../shared/src/schemas';
import type { KnowledgeService } from '../../../domain/knowledge/knowledge.service';
import { requireAdmin, requireStaff } from '../auth';
import { parse } from '../validate';

/** /v1/knowledge-bases and their documents. */
export function knowledgeRoutes(knowledge: KnowledgeService): Router {
  const r = Router();
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
  return r;
}
