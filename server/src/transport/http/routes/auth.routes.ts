import { Router } from 'express';
import { loginSchema, mePatchSchema } from '../../../../../shared/src/schemas';
import { AppError } from '../../../domain/app-error';
import { guardedLogin } from '../../../domain/operators/login-guard';
import type { Services } from '../../../services';
import { authenticate, principalOf } from '../auth';
import { parse } from '../validate';

/** /v1/auth: login (limited per address, wrong passwords per address + email: see login-guard), who am I, my status. */
export function authRoutes(s: Services): Router {
  const r = Router();
  r.post('/login', async (req, res) => {
    const { email, password } = parse(loginSchema, req.body);
    res.json(await guardedLogin(s.operators, s.limits, { email, password, address: req.ip ?? 'unknown' }));
  });
  r.use(authenticate(s));
  r.get('/me', (_req, res) => {
    const p = principalOf(res);
    if (p.kind !== 'operator') throw new AppError('forbidden', 'this needs an operator login token');
    res.json({ operator: p.operator });
  });
  r.patch('/me', async (req, res) => {
    const p = principalOf(res);
    if (p.kind !== 'operator') throw new AppError('forbidden', 'this needs an operator login token');
    res.json({ operator: await s.operators.patch(p.operator.id, parse(mePatchSchema, req.body)) });
  });
  return r;
}
