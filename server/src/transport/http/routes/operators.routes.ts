import { Router } from 'express';
import { operatorCreateSchema, operatorPatchSchema } from '../../../../../shared/src/schemas';
import type { Services } from '../../../services';
import { requireAdmin, requireStaff } from '../auth';
import { parse } from '../validate';

/** /v1/operators: staff accounts (admins manage them; everyone on staff can list). */
export function operatorsRoutes(s: Services): Router {
  const r = Router();
  r.post('/', async (req, res) => {
    requireAdmin(res);
    res.status(201).json({ operator: await s.operators.create(parse(operatorCreateSchema, req.body)) });
  });
  r.get('/', async (_req, res) => {
    requireStaff(res);
    res.json({ operators: await s.operators.list() });
  });
  r.patch('/:id', async (req, res) => {
    requireAdmin(res);
    res.json({ operator: await s.operators.patch(String(req.params.id), parse(operatorPatchSchema, req.body)) });
  });
  r.delete('/:id', async (req, res) => {
    requireAdmin(res);
    await s.operators.remove(String(req.params.id));
    res.status(204).end();
  });
  return r;
}
