import { Router } from 'express';
import { customerIdSchema } from '../../../../../shared/src/schemas';
import type { CustomerDataService } from '../../../domain/customers/customer-data.service';
import type { MemoryService } from '../../../domain/memory/memory.service';
import { requireAdmin, requireStaff } from '../auth';
import { parse } from '../validate';

/**
 * /v1/customers/:customerId: what is kept about a customer (the integrator's id) — their
 * memory, a full export, and erasure. Erase means gone.
 */
export function customersRoutes(memory: MemoryService, customers: CustomerDataService): Router {
  const r = Router();
  const customerId = (raw: unknown) => parse(customerIdSchema, raw, 'customerId');
  r.get('/:customerId/memory', async (req, res) => {
    requireStaff(res);
    res.json({ memories: await memory.list(customerId(req.params.customerId)) });
  });
  r.delete('/:customerId/memory', async (req, res) => {
    requireAdmin(res);
    res.json({ erased: await memory.erase(customerId(req.params.customerId)) });
  });
  r.get('/:customerId/export', async (req, res) => {
    requireAdmin(res);
    res.json(await customers.export(customerId(req.params.customerId)));
  });
  r.delete('/:customerId', async (req, res) => {
    requireAdmin(res);
    res.json({ erased: await customers.erase(customerId(req.params.customerId)) });
  });
  return r;
}
