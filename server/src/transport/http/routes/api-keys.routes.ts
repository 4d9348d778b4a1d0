import { Router } from 'express';
import { apiKeyCreateSchema } from '../../../../../shared/src/schemas';
import type { Services } from '../../../services';
import { requireAdmin } from '../auth';
import { parse } from '../validate';

/** /v1/api-keys: developer keys, the secret shown once. */
export function apiKeysRoutes(s: Services): Router {
  const r = Router();
  r.post('/', async (req, res) => {
    requireAdmin(res);
    const { name, scopes } = parse(apiKeyCreateSchema, req.body);
    res.status(201).json(await s.apiKeys.create(name, scopes));
  });
  r.get('/', async (_req, res) => {
    requireAdmin(res);
    res.json({ apiKeys: await s.apiKeys.list() });
  });
  r.delete('/:id', async (req, res) => {
    requireAdmin(res);
    await s.apiKeys.revoke(String(req.params.id));
    res.status(204).end();
  });
  return r;
}
