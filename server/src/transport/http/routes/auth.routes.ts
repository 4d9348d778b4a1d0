import { Router } from 'express';
import { loginSchema, mePatchSchema } from '../../../../../shared/src/schemas';
import { AppError } from '../../../domain/app-error';
import type { Services } from '../../../services';
import { authenticate, principalOf } from '../auth';
import { parse } from '../validate';

/** /v1/auth: login (rate-limited per IP and per email), who am I, my status. */
export function authRoutes(s: Services): Router {
  const r = Router();
  r.post('/login', async (req, res) => {
    const { email, password } = parse(loginSchema, req.body);
    await s.limits.consume('login', `ip:${req.ip}`);
    await s.limits.consume('login', `email:${email.toLowerCase()}`);
    res.json(await s.operators.login(email, password));
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
