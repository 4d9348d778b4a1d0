import { Router } from 'express';
import { agentCreateSchema, agentPatchSchema } from '../../../../../shared/src/schemas';
import type { Services } from '../../../services';
import { requireAdmin, requireStaff } from '../auth';
import { parse } from '../validate';

/** /v1/agents: configuration. Operators read; admins and API keys write. */
export function agentsRoutes(s: Services): Router {
  const r = Router();
  r.post('/', async (req, res) => {
    requireAdmin(res);
    res.status(201).json({ agent: await s.agents.create(parse(agentCreateSchema, req.body)) });
  });
  r.get('/', async (_req, res) => {
    requireStaff(res);
    res.json({ agents: await s.agents.list() });
  });
  r.get('/:id', async (req, res) => {
    requireStaff(res);
    res.json({ agent: await s.agents.get(String(req.params.id)) });
  });
  r.patch('/:id', async (req, res) => {
    requireAdmin(res);
    const input = parse(agentPatchSchema, req.body);
    const agent = await s.agents.patch(String(req.params.id), input);
    if (input.fields) await s.leads.agentFieldsChanged(agent.id);
    res.json({ agent });
  });
  // The HMAC key of data-customer-hash: admins hand it to the backend that signs customer ids.
  r.get('/:id/identity-secret', async (req, res) => {
    requireAdmin(res);
    res.json({ identitySecret: await s.agents.identitySecret(String(req.params.id)) });
  });
  r.post('/:id/identity-secret', async (req, res) => {
    requireAdmin(res);
    res.json({ identitySecret: await s.agents.rotateIdentitySecret(String(req.params.id)) });
  });
  r.delete('/:id', async (req, res) => {
    requireAdmin(res);
    await s.agents.remove(String(req.params.id));
    res.status(204).end();
  });
  return r;
}
