import { Router } from 'express';
import { customerIdSchema } from '../../../../../shared/src/schemas';
import type { MemoryService } from '../../../domain/memory/memory.service';
import { requireAdmin, requireStaff } from '../auth';
import { parse } from '../validate';

/** /v1/customers/:customerId/memory: what agents remember of a customer; erase means gone. */
export function customersRoutes(memory: MemoryService): Router {
  const r = Router();
  r.get('/:customerId/memory', async (req, res) => {
    requireStaff(res);
    res.json({ memories: await memory.list(parse(customerIdSchema, req.params.customerId, 'customerId')) });
  });
  r.delete('/:customerId/memory', async (req, res) => {
    requireAdmin(res);
    res.json({ erased: await memory.erase(parse(customerIdSchema, req.params.customerId, 'customerId')) });
  });
  return r;
}
